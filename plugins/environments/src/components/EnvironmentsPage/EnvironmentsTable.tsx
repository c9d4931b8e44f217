import { Link, Table, TableColumn } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type { EnvironmentSummary } from '@rocket-club/plugin-environments-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { environmentsApiRef } from '../../api';
import { lockReason } from '../../hooks/useActionGuard';
import { PanelError, TimeAgo } from '../common';
import { formatMoney } from '../ScheduleSummary';
import { StateChip } from '../StateChip';

const columns: TableColumn<EnvironmentSummary>[] = [
  {
    title: 'Environment',
    field: 'title',
    render: e =>
      e.entityRef ? (
        <EntityRefLink entityRef={e.entityRef} title={e.title} />
      ) : (
        e.title
      ),
  },
  { title: 'Name', field: 'name' },
  {
    title: 'State',
    field: 'state',
    render: e => <StateChip state={e.state} size="small" />,
  },
  { title: 'Since', field: 'since', render: e => <TimeAgo iso={e.since} /> },
  { title: 'By', field: 'actor' },
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
      options={{ paging: false, search: true, padding: 'dense' }}
    />
  );
}
