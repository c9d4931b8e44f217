import { Grid } from '@material-ui/core';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  MissingAnnotationEmptyState,
  useEntity,
} from '@backstage/plugin-catalog-react';
import { ENVIRONMENT_ANNOTATION } from '@rocket-club/plugin-environments-common';
import { getEnvironmentName } from '../../conditions';
import {
  EnvironmentPolling,
  useEnvironmentDetails,
} from '../../hooks/useEnvironmentDetails';
import { DeployHistoryPanel } from '../DeployHistoryPanel';
import { EndpointsPanel } from '../EndpointsPanel';
import { EnvironmentStatusPanel } from '../EnvironmentStatusPanel';
import { ImagesPanel } from '../ImagesPanel';

function EnvironmentPanels(props: {
  name: string;
  entityRef: string;
  polling?: EnvironmentPolling;
}) {
  const details = useEnvironmentDetails(props.name, props.polling);
  const value = details.value;
  // The history reloads when a workflow starts or finishes.
  const refreshKey = value
    ? [value.state, value.syncedAt, ...value.inFlight.map(d => d.id)].join()
    : undefined;
  return (
    <Grid container spacing={3} alignItems="stretch">
      <Grid item xs={12}>
        <EnvironmentStatusPanel
          name={props.name}
          details={details}
          entityRef={props.entityRef}
        />
      </Grid>
      <Grid item xs={12}>
        <EndpointsPanel details={details} />
      </Grid>
      <Grid item xs={12}>
        <ImagesPanel
          name={props.name}
          entityRef={props.entityRef}
          lock={value?.lock}
          onChanged={details.refresh}
        />
      </Grid>
      <Grid item xs={12}>
        <DeployHistoryPanel name={props.name} refreshKey={refreshKey} />
      </Grid>
    </Grid>
  );
}

/**
 * The environment tab of an entity with the `rocket-club.dev/environment`
 * annotation: status with Approve and Park / Unpark, endpoints, images with
 * Bump, and the deploy history. Each panel loads and fails on its own.
 *
 * @public
 */
export function EntityEnvironmentContent(props: {
  /** Backoff of the status polling while something is in flight. */
  polling?: EnvironmentPolling;
}) {
  const { entity } = useEntity();
  const name = getEnvironmentName(entity);
  if (!name) {
    return <MissingAnnotationEmptyState annotation={ENVIRONMENT_ANNOTATION} />;
  }
  return (
    <EnvironmentPanels
      // Remount per environment so no state leaks between entities.
      key={name}
      name={name}
      entityRef={stringifyEntityRef(entity)}
      polling={props.polling}
    />
  );
}
