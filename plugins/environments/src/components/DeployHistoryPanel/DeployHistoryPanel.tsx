import { useId, useState } from 'react';
import {
  Box,
  FormControl,
  InputLabel,
  MenuItem,
  Select,
  TablePagination,
  Typography,
} from '@material-ui/core';
import { Table } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import type { OperationKind } from '@rocket-club/plugin-environments-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { environmentsApiRef } from '../../api';
import { isBackendUnreachable } from '../../utils/errors';
import { PanelError } from '../common';
import { historyColumns } from './columns';

const KINDS: { value: OperationKind | ''; label: string }[] = [
  { value: 'deploy', label: 'Deploys' },
  { value: 'park', label: 'Parks' },
  { value: 'unpark', label: 'Unparks' },
  { value: 'rebuild', label: 'Image rebuilds' },
  { value: 'other', label: 'Other workflows' },
  { value: '', label: 'All workflows' },
];
const PAGE_SIZE = 20;

function KindFilter(props: {
  value: OperationKind | '';
  onChange: (kind: OperationKind | '') => void;
}) {
  const labelId = useId();
  return (
    <FormControl size="small" style={{ minWidth: 180 }}>
      <InputLabel id={labelId}>Show</InputLabel>
      <Select
        labelId={labelId}
        value={props.value}
        displayEmpty
        onChange={event =>
          props.onChange(event.target.value as OperationKind | '')
        }
      >
        {KINDS.map(k => (
          <MenuItem key={k.value || 'all'} value={k.value}>
            {k.label}
          </MenuItem>
        ))}
      </Select>
    </FormControl>
  );
}

/**
 * The environment's deploy history from CircleCI, newest first: deploys by
 * default (park, unpark, rebuild and other workflows one choice away in
 * the toolbar), paged with the backend's cursor. Reloads when `version`
 * changes (the page was told the history changed), once per change.
 */
export function DeployHistoryPanel(props: {
  name: string;
  version?: number;
  offline?: boolean;
}) {
  const api = useApi(environmentsApiRef);
  const [kind, setKind] = useState<OperationKind | ''>('deploy');
  // Cursors of the pages seen so far; the last one is the current page.
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors[cursors.length - 1];
  const page = cursors.length - 1;
  const { value, error, loading, retry } = useAsyncRetry(
    () =>
      api.getDeployments(props.name, {
        kind: kind || undefined,
        limit: PAGE_SIZE,
        cursor,
      }),
    [api, props.name, kind, cursor, props.version],
  );
  // A new kind starts from the newest page.
  const chooseKind = (next: OperationKind | '') => {
    setKind(next);
    setCursors([undefined]);
  };

  const items = value?.items ?? [];
  const count = value?.nextCursor ? -1 : page * PAGE_SIZE + items.length;
  return (
    <Box>
      {error && !(props.offline || isBackendUnreachable(error)) && (
        <Box mb={2}>
          <PanelError
            title={`Could not load the deploy history of '${props.name}'`}
            error={error}
            onRetry={retry}
          />
        </Box>
      )}
      <Table
        title={
          <Box
            display="flex"
            alignItems="flex-end"
            gridGap={24}
            flexWrap="wrap"
          >
            <Typography variant="h5" component="h2">
              Deploy history
            </Typography>
            <KindFilter value={kind} onChange={chooseKind} />
          </Box>
        }
        isLoading={loading}
        columns={historyColumns}
        data={items}
        options={{
          paging: false,
          search: false,
          sorting: false,
          draggable: false,
          padding: 'dense',
          tableLayout: 'fixed',
        }}
        emptyContent={
          <Box p={2}>
            {error ? 'No history loaded.' : 'No workflows of this kind yet.'}
          </Box>
        }
      />
      <TablePagination
        component="div"
        count={count}
        page={page}
        rowsPerPage={PAGE_SIZE}
        rowsPerPageOptions={[PAGE_SIZE]}
        labelDisplayedRows={({ from, to, count: total }) =>
          total === -1 ? `${from}–${to} of more` : `${from}–${to} of ${total}`
        }
        nextIconButtonProps={{
          disabled: !value?.nextCursor || loading,
          'aria-label': 'Older',
        }}
        backIconButtonProps={{
          disabled: page === 0 || loading,
          'aria-label': 'Newer',
        }}
        onPageChange={(_event, next) => {
          if (next > page && value?.nextCursor) {
            setCursors(c => [...c, value.nextCursor]);
          } else if (next < page) {
            setCursors(c => c.slice(0, -1));
          }
        }}
      />
    </Box>
  );
}
