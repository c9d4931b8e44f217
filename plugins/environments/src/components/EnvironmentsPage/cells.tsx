import { Typography } from '@material-ui/core';
import { Link } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { parseEntityRef, RELATION_OWNED_BY } from '@backstage/catalog-model';
import {
  catalogApiRef,
  EntityRefLinks,
  entityRouteRef,
  getEntityRelations,
} from '@backstage/plugin-catalog-react';
import { useRouteRef } from '@backstage/core-plugin-api';
import type { EnvironmentSummary } from '@rocket-club/plugin-environments-common';
import useAsync from 'react-use/esm/useAsync';
import { environmentsApiRef } from '../../api';
import { DriftBadge } from '../PlanReview';

/** The environment's title, linked to its Environment tab. */
export function EnvironmentLink(props: { environment: EnvironmentSummary }) {
  const entityRoute = useRouteRef(entityRouteRef);
  const { entityRef, title } = props.environment;
  if (!entityRef) return <>{title}</>;
  const ref = parseEntityRef(entityRef);
  return (
    <Link
      to={`${entityRoute({
        kind: ref.kind.toLocaleLowerCase('en-US'),
        namespace: ref.namespace,
        name: ref.name,
      })}/environment`}
    >
      {title}
    </Link>
  );
}

/** "2 up · 1 down" from the environment's endpoint health. */
export function EndpointsCell(props: { name: string; version: string }) {
  const api = useApi(environmentsApiRef);
  const { value, error } = useAsync(
    () => api.getEnvironment(props.name),
    [api, props.name, props.version],
  );
  if (error) return <Typography variant="caption">unknown</Typography>;
  if (!value) return <>…</>;
  if (value.endpoints.length === 0) return <>–</>;
  const count = (status: string) =>
    value.endpoints.filter(e => e.status === status).length;
  const parts = [
    count('up') && `${count('up')} up`,
    count('down') && `${count('down')} down`,
    count('expected-down') && `${count('expected-down')} parked`,
    count('unknown') && `${count('unknown')} unknown`,
  ].filter(Boolean);
  return <span style={{ whiteSpace: 'nowrap' }}>{parts.join(' · ')}</span>;
}

/** How many pinned images have a newer one in ECR. */
export function ImagesBehindCell(props: { name: string; version: string }) {
  const api = useApi(environmentsApiRef);
  const { value, error } = useAsync(
    () => api.getImages(props.name),
    [api, props.name, props.version],
  );
  if (error) return <Typography variant="caption">unknown</Typography>;
  if (!value) return <>…</>;
  const behind = value.images.filter(i => i.upToDate === false).length;
  return (
    <span style={{ whiteSpace: 'nowrap' }}>
      {behind === 0 ? 'up to date' : `${behind} behind`}
    </span>
  );
}

/** The owners of the environment's catalog entity, linked. */
export function OwnerCell(props: { entityRef?: string }) {
  const catalogApi = useApi(catalogApiRef);
  const { value } = useAsync(
    async () =>
      props.entityRef ? catalogApi.getEntityByRef(props.entityRef) : undefined,
    [catalogApi, props.entityRef],
  );
  const owners = value ? getEntityRelations(value, RELATION_OWNED_BY) : [];
  if (owners.length === 0) return <>–</>;
  return <EntityRefLinks entityRefs={owners} defaultKind="group" />;
}

/** The newest drift check of the environment, as a badge. */
export function DriftCell(props: { name: string; version: string }) {
  const api = useApi(environmentsApiRef);
  const { value, error } = useAsync(
    () => api.getEnvironment(props.name),
    [api, props.name, props.version],
  );
  if (error) return <Typography variant="caption">unknown</Typography>;
  if (!value) return <>…</>;
  return value.drift ? <DriftBadge drift={value.drift} /> : <>–</>;
}
