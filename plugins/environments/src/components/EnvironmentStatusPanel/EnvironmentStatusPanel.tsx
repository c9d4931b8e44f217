import { Box, Button, Typography } from '@material-ui/core';
import { Alert, AlertTitle } from '@material-ui/lab';
import RefreshIcon from '@material-ui/icons/Refresh';
import { InfoCard, Link, Progress } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import type {
  Deployment,
  EnvironmentDetails,
} from '@rocket-club/plugin-environments-common';
import { PolledValue } from '../../hooks/usePolling';
import { lockReason } from '../../hooks/useActionGuard';
import { BUMP_TEMPLATE_NAME, selectedTemplateRouteRef } from '../../routes';
import { errorMessage, isBackendUnreachable } from '../../utils/errors';
import { byWhom, FailureLine, PanelError, StateLine, TimeAgo } from '../common';
import { DriftLine } from '../PlanReview';
import { HeldApprovalNotice } from './HeldApprovalNotice';
import { ParkControls } from './ParkControls';
import { ScheduleSummary } from '../ScheduleSummary';

function InFlightList(props: { items: Deployment[] }) {
  if (props.items.length === 0) return null;
  return (
    <Box component="ul" m={0} pl={3}>
      {props.items.map(item => (
        <li key={item.id}>
          <Typography variant="body2">
            Running: <Link to={item.url}>{item.workflowName}</Link> (pipeline #
            {item.pipeline.number}, {item.status.replace('_', ' ')}) started{' '}
            <TimeAgo iso={item.createdAt} />
          </Typography>
        </li>
      ))}
    </Box>
  );
}

function StatusBody(props: {
  details: EnvironmentDetails;
  entityRef: string;
  onChanged: () => void;
}) {
  const { details } = props;
  const templateRoute = useRouteRef(selectedTemplateRouteRef);
  const sync = details.sync;
  return (
    <Box display="flex" flexDirection="column" gridGap={16}>
      <StateLine environment={details} />
      {details.state === 'failed' && details.lastFailure && (
        <Alert severity="error">
          <FailureLine failure={details.lastFailure} />
        </Alert>
      )}
      {sync && (sync.failing || sync.stale) && (
        <Alert severity="warning" data-testid="sync-warning">
          <AlertTitle>
            {sync.failing
              ? 'The last sync from CircleCI failed'
              : 'The sync from CircleCI is late'}
          </AlertTitle>
          What this page shows may be out of date
          {details.syncedAt ? (
            <>
              : last synced <TimeAgo iso={details.syncedAt} />
            </>
          ) : null}
          {sync.failing && sync.lastErrorAt && (
            <>
              ; it failed <TimeAgo iso={sync.lastErrorAt} />
            </>
          )}
          .
        </Alert>
      )}
      {details.lock && details.lock.workflowId !== details.source?.id && (
        <Typography variant="body2">
          {lockReason(details.lock)}
          {details.lock.pipeline && (
            <>
              :{' '}
              <Link to={details.lock.pipeline.url}>
                pipeline #{details.lock.pipeline.number}
              </Link>
            </>
          )}
          {details.lock.initiatedBy && (
            <> {byWhom(details.lock.initiatedBy, undefined)}</>
          )}
        </Typography>
      )}
      <InFlightList
        // The state line already names the workflow the state comes from.
        items={details.inFlight.filter(d => d.id !== details.source?.id)}
      />
      {details.heldApproval && (
        <HeldApprovalNotice
          details={details}
          held={details.heldApproval}
          entityRef={props.entityRef}
          onChanged={props.onChanged}
        />
      )}
      <ParkControls
        details={details}
        entityRef={props.entityRef}
        onChanged={props.onChanged}
      />
      <DriftLine
        details={details}
        entityRef={props.entityRef}
        onChanged={props.onChanged}
      />
      <ScheduleSummary
        details={details}
        entityRef={props.entityRef}
        onChanged={props.onChanged}
      />
      <Typography variant="caption" color="textSecondary">
        {details.syncedAt && (
          <>
            Synced from CircleCI <TimeAgo iso={details.syncedAt} />.{' '}
          </>
        )}
        {templateRoute && (
          <Link
            to={templateRoute({
              namespace: 'default',
              templateName: BUMP_TEMPLATE_NAME,
            })}
          >
            Bump the Prefect deployer image with a template
          </Link>
        )}
      </Typography>
    </Box>
  );
}

/**
 * The status header of the environment tab: state, since when and by whom,
 * the running pipelines, a held apply with its Approve button, and Park /
 * Unpark.
 */
export function EnvironmentStatusPanel(props: {
  name: string;
  details: PolledValue<EnvironmentDetails>;
  entityRef: string;
  /** Reloads the whole page: after an operation, and the refresh control. */
  onChanged?: () => void;
  refreshedAt?: number;
}) {
  const { value, error, loading, refresh } = props.details;
  const onChanged = props.onChanged ?? refresh;
  // The page-level outage panel speaks for an unreachable backend.
  const unreachable = isBackendUnreachable(error);
  let body;
  if (value) {
    body = (
      <>
        {error && !unreachable && (
          <Box mb={2}>
            <Alert severity="warning">
              Could not refresh the status: {errorMessage(error)}
            </Alert>
          </Box>
        )}
        <StatusBody
          details={value}
          entityRef={props.entityRef}
          onChanged={onChanged}
        />
      </>
    );
  } else if (error && unreachable) {
    body = (
      <Typography variant="body2" color="textSecondary">
        Not loaded yet.
      </Typography>
    );
  } else if (error) {
    body = (
      <PanelError
        title={`Could not load the status of '${props.name}'`}
        error={error}
        onRetry={refresh}
      />
    );
  } else if (loading) {
    body = <Progress />;
  }
  return (
    <InfoCard
      title={value?.title ?? props.name}
      subheader={`Environment ${props.name}`}
      action={
        <Box display="flex" alignItems="center" gridGap={8} mt={1} mr={1}>
          {props.refreshedAt !== undefined && (
            <Typography variant="caption" color="textSecondary">
              Updated{' '}
              <TimeAgo iso={new Date(props.refreshedAt).toISOString()} />
            </Typography>
          )}
          <Button
            size="small"
            startIcon={<RefreshIcon />}
            onClick={onChanged}
            disabled={loading && !value}
          >
            Refresh
          </Button>
        </Box>
      }
    >
      {body}
    </InfoCard>
  );
}
