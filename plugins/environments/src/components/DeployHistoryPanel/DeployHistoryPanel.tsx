import { useId, useState } from 'react';
import {
  Box,
  Button,
  FormControl,
  InputLabel,
  MenuItem,
  OutlinedInput,
  Select,
} from '@material-ui/core';
import { Table } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import type { OperationKind } from '@rocket-club/plugin-environments-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { environmentsApiRef } from '../../api';
import { PanelError } from '../common';
import { historyColumns } from './columns';

const KINDS: OperationKind[] = ['deploy', 'park', 'unpark', 'rebuild', 'other'];
const PAGE_SIZE = 20;

/**
 * The environment's deploy history from CircleCI, newest first: filter by
 * kind, page through with the backend's cursor. Reloads when `refreshKey`
 * changes (something started or finished).
 */
export function DeployHistoryPanel(props: {
  name: string;
  refreshKey?: string;
}) {
  const api = useApi(environmentsApiRef);
  const labelId = useId();
  const [kind, setKind] = useState<OperationKind | ''>('');
  // Cursors of the pages seen so far; the last one is the current page.
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors[cursors.length - 1];
  const { value, error, loading, retry } = useAsyncRetry(
    () =>
      api.getDeployments(props.name, {
        kind: kind || undefined,
        limit: PAGE_SIZE,
        cursor,
      }),
    [api, props.name, kind, cursor, props.refreshKey],
  );

  const filter = (
    <FormControl size="small" variant="outlined" style={{ minWidth: 180 }}>
      <InputLabel id={labelId} shrink>
        Filter by kind
      </InputLabel>
      <Select
        labelId={labelId}
        label="Filter by kind"
        displayEmpty
        input={<OutlinedInput label="Filter by kind" notched />}
        value={kind}
        onChange={event => {
          setKind(event.target.value as OperationKind | '');
          setCursors([undefined]);
        }}
      >
        <MenuItem value="">All kinds</MenuItem>
        {KINDS.map(k => (
          <MenuItem key={k} value={k}>
            {k}
          </MenuItem>
        ))}
      </Select>
    </FormControl>
  );

  return (
    <Box>
      <Box display="flex" justifyContent="flex-end" mb={1}>
        {filter}
      </Box>
      {error && (
        <Box mb={2}>
          <PanelError
            title={`Could not load the deploy history of '${props.name}'`}
            error={error}
            onRetry={retry}
          />
        </Box>
      )}
      <Table
        title="Deploy history"
        isLoading={loading}
        columns={historyColumns}
        data={value?.items ?? []}
        options={{ paging: false, search: false, padding: 'dense' }}
        emptyContent={
          <Box p={2}>{error ? 'No history loaded.' : 'No workflows yet.'}</Box>
        }
      />
      <Box display="flex" justifyContent="flex-end" gridGap={8} mt={1}>
        <Button
          size="small"
          disabled={cursors.length <= 1 || loading}
          onClick={() => setCursors(c => c.slice(0, -1))}
        >
          Newer
        </Button>
        <Button
          size="small"
          disabled={!value?.nextCursor || loading}
          onClick={() => setCursors(c => [...c, value?.nextCursor])}
        >
          Older
        </Button>
      </Box>
    </Box>
  );
}
