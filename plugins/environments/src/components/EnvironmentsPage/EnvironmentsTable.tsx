import { Link, Table, TableColumn } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import type { EnvironmentSummary } from '@rocket-club/plugin-environments-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { environmentsApiRef } from '../../api';
import { lockReason } from '../../hooks/useActionGuard';
import { byWhom, PanelError, TimeAgo } from '../common';
import { formatMoney } from '../ScheduleSummary';
import { StateChip } from '../StateChip';
import {
  DriftCell,
  EndpointsCell,
  EnvironmentLink,
  ImagesBehindCell,
  OwnerCell,
} from './cells';

// Reloads a row's endpoint and image cells whenever its state moves on.
const rowVersion = (e: EnvironmentSummary) => `${e.state}:${e.since ?? ''}`;
const nowrap = { whiteSpace: 'nowrap' as const };

const columns: TableColumn<EnvironmentSummary>[] = [
  {
    title: 'Environment',
    field: 'title',
    render: e => <EnvironmentLink environment={e} />,
  },
  {
    title: 'State',
    field: 'state',
    cellStyle: nowrap,
    render: e => <StateChip state={e.state} size="small" />,
  },
  {
    title: 'Endpoints',
    render: e => <EndpointsCell name={e.name} version={rowVersion(e)} />,
  },
  {
    title: 'Images',
    render: e => <ImagesBehindCell name={e.name} version={rowVersion(e)} />,
  },
  {
    title: 'Drift',
    render: e => <DriftCell name={e.name} version={rowVersion(e)} />,
  },
  { title: 'Owner', render: e => <OwnerCell entityRef={e.entityRef} /> },
  {
    title: 'Since',
    field: 'since',
    cellStyle: nowrap,
    render: e => (
      <>
        <TimeAgo iso={e.since} />
        {byWhom(e.initiatedBy, e.actor) && (
          <> {byWhom(e.initiatedBy, e.actor)}</>
        )}
      </>
    ),
  },
  {
    title: 'From',
    render: e =>
      e.source ? (
        <Link to={e.source.url}>
          {e.source.workflowName} #{e.source.pipeline.number}
        </Link>
      ) : (
        '–'
      ),
  },
  {
    title: 'Lock',
    render: e => (e.lock ? lockReason(e.lock) : '–'),
  },
  {
    title: 'Parking saved (30 days)',
    render: e =>
      e.savings ? formatMoney(e.savings.last30Days, e.savings.currency) : '–',
  },
];

/** Every configured environment with its state. */
export function EnvironmentsTable() {
  const api = useApi(environmentsApiRef);
  const { value, error, loading, retry } = useAsyncRetry(
    () => api.listEnvironments(),
    [api],
  );
  if (error) {
    return (
      <PanelError
        title="Could not load the environments"
        error={error}
        onRetry={retry}
      />
    );
  }
  return (
    <Table
      title="Environments"
      isLoading={loading}
      columns={columns}
      data={value ?? []}
      options={{
        paging: false,
        search: true,
        padding: 'dense',
        draggable: false,
      }}
    />
  );
}
