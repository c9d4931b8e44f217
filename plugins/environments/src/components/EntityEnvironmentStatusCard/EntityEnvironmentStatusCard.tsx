import { Box, Typography } from '@material-ui/core';
import { InfoCard, Progress } from '@backstage/core-components';
import {
  MissingAnnotationEmptyState,
  useEntity,
  useEntityRefLink,
} from '@backstage/plugin-catalog-react';
import {
  ENVIRONMENT_ANNOTATION,
  EnvironmentDetails,
} from '@rocket-club/plugin-environments-common';
import { getEnvironmentName } from '../../conditions';
import { lockReason } from '../../hooks/useActionGuard';
import { useLiveEnvironment } from '../../hooks/useLiveEnvironment';
import { PanelError, StateLine } from '../common';
import { DriftBadge, PlanCounts } from '../PlanReview';
import { SavingsLine } from '../ScheduleSummary';

/** "2 of 2 endpoints up", or why they are down. */
export function endpointsSummary(details: EnvironmentDetails): string {
  const { endpoints } = details;
  if (endpoints.length === 0) return 'No endpoints configured';
  if (endpoints.every(e => e.status === 'expected-down')) {
    return 'Endpoints expected down while parked';
  }
  const up = endpoints.filter(e => e.status === 'up').length;
  const down = endpoints.filter(e => e.status === 'down').length;
  return `${up} of ${endpoints.length} endpoints up${
    down ? `, ${down} down` : ''
  }`;
}

function CardBody(props: { name: string }) {
  // Live like the tab: signals, polling while in flight, background refresh.
  const { value, error, loading, refresh } = useLiveEnvironment(
    props.name,
  ).details;
  if (!value && error) {
    return (
      <PanelError
        title={`Could not load the status of '${props.name}'`}
        error={error}
        onRetry={refresh}
      />
    );
  }
  if (!value) return loading ? <Progress /> : null;
  return (
    <Box display="flex" flexDirection="column" gridGap={8}>
      <StateLine environment={value} />
      <Typography variant="body2">{endpointsSummary(value)}</Typography>
      <SavingsLine savings={value.savings} />
      {value.heldApproval && (
        <Typography variant="body2">
          An apply is waiting for approval
          {value.heldApproval.plan?.status === 'ok' && (
            <>
              : plan <PlanCounts review={value.heldApproval.plan} />
              {value.heldApproval.plan.protected.length > 0 &&
                ', destroys or replaces protected resources'}
            </>
          )}
          .
        </Typography>
      )}
      <DriftBadge drift={value.drift} />
      {value.lock && (
        <Typography variant="body2">{lockReason(value.lock)}</Typography>
      )}
    </Box>
  );
}

/**
 * Overview card of an entity with the `rocket-club.dev/environment`
 * annotation: state, since when, by whom, endpoint health, and a link to
 * the environment tab.
 *
 * @public
 */
export function EntityEnvironmentStatusCard() {
  const { entity } = useEntity();
  const entityLink = useEntityRefLink();
  const name = getEnvironmentName(entity);
  if (!name) {
    return <MissingAnnotationEmptyState annotation={ENVIRONMENT_ANNOTATION} />;
  }
  return (
    <InfoCard
      title="Environment"
      subheader={name}
      deepLink={{
        title: 'View environment',
        link: `${entityLink(entity)}/environment`,
      }}
    >
      <CardBody name={name} />
    </InfoCard>
  );
}
