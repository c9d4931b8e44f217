import { Box, Typography } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { InfoCard, Link, Progress } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import type {
  Deployment,
  EnvironmentDetails,
} from '@rocket-club/plugin-environments-common';
import { PolledValue } from '../../hooks/usePolling';
import { lockReason } from '../../hooks/useActionGuard';
import { BUMP_TEMPLATE_NAME, selectedTemplateRouteRef } from '../../routes';
import { errorMessage } from '../../utils/errors';
import { PanelError, StateLine, TimeAgo } from '../common';
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
  return (
    <Box display="flex" flexDirection="column" gridGap={16}>
      <StateLine environment={details} />
      {details.lock && (
        <Typography variant="body2">
          {lockReason(details.lock)}:{' '}
          <Link to={details.lock.pipeline.url}>
            pipeline #{details.lock.pipeline.number}
          </Link>
        </Typography>
      )}
      <InFlightList items={details.inFlight} />
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
}) {
  const { value, error, loading, refresh } = props.details;
  let body;
  if (value) {
    body = (
      <>
        {error && (
          <Box mb={2}>
            <Alert severity="warning">
              Could not refresh the status: {errorMessage(error)}
            </Alert>
          </Box>
        )}
        <StatusBody
          details={value}
          entityRef={props.entityRef}
          onChanged={refresh}
        />
      </>
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
    >
      {body}
    </InfoCard>
  );
}
