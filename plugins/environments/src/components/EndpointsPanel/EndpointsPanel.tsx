import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import { InfoCard, Link, Progress } from '@backstage/core-components';
import type { EnvironmentDetails } from '@rocket-club/plugin-environments-common';
import { PolledValue } from '../../hooks/usePolling';
import { formatPercent } from '../../utils/format';
import { isBackendUnreachable } from '../../utils/errors';
import { PanelError, TimeAgo } from '../common';
import { EndpointStatusChip } from '../StateChip';

function EndpointsTable(props: { details: EnvironmentDetails }) {
  const { endpoints, state } = props.details;
  if (endpoints.length === 0) {
    return (
      <Typography variant="body2">
        No endpoints are configured for this environment.
      </Typography>
    );
  }
  return (
    <>
      {state === 'parked' && (
        <Typography variant="body2" paragraph>
          The environment is parked: its endpoints are expected to be down.
        </Typography>
      )}
      <Table size="small" aria-label="Endpoints">
        <TableHead>
          <TableRow>
            <TableCell>Endpoint</TableCell>
            <TableCell>Status</TableCell>
            <TableCell align="right">Latency</TableCell>
            <TableCell align="right">Uptime 24h</TableCell>
            <TableCell>Checked</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {endpoints.map(endpoint => (
            <TableRow key={endpoint.name}>
              <TableCell>
                <Link to={endpoint.url}>{endpoint.name}</Link>
              </TableCell>
              <TableCell>
                <EndpointStatusChip status={endpoint.status} />
                {(endpoint.httpStatus || endpoint.error) && (
                  <Typography
                    variant="caption"
                    color="textSecondary"
                    display="block"
                  >
                    {endpoint.httpStatus && `HTTP ${endpoint.httpStatus}`}
                    {endpoint.httpStatus && endpoint.error && ' · '}
                    {endpoint.error}
                  </Typography>
                )}
              </TableCell>
              <TableCell align="right">
                {endpoint.latencyMs !== undefined
                  ? `${Math.round(endpoint.latencyMs)} ms`
                  : '–'}
              </TableCell>
              <TableCell align="right">
                {formatPercent(endpoint.uptime24h) ?? '–'}
                <Typography
                  variant="caption"
                  color="textSecondary"
                  display="block"
                >
                  {endpoint.samples24h} probes
                </Typography>
              </TableCell>
              <TableCell>
                <TimeAgo iso={endpoint.checkedAt} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </>
  );
}

/** Health of the environment's configured endpoints. */
export function EndpointsPanel(props: {
  details: PolledValue<EnvironmentDetails>;
}) {
  const { value, error, loading, refresh } = props.details;
  let body;
  if (value) {
    body = <EndpointsTable details={value} />;
  } else if (error && !isBackendUnreachable(error)) {
    body = (
      <PanelError
        title="Could not load the endpoints"
        error={error}
        onRetry={refresh}
      />
    );
  } else if (loading) {
    body = <Progress />;
  }
  return <InfoCard title="Endpoints">{body}</InfoCard>;
}
