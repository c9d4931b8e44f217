import { Button, Grid } from '@material-ui/core';
import { Alert, AlertTitle } from '@material-ui/lab';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  MissingAnnotationEmptyState,
  useEntity,
} from '@backstage/plugin-catalog-react';
import { ENVIRONMENT_ANNOTATION } from '@rocket-club/plugin-environments-common';
import { getEnvironmentName } from '../../conditions';
import { EnvironmentPolling } from '../../hooks/useEnvironmentDetails';
import { useLiveEnvironment } from '../../hooks/useLiveEnvironment';
import { isBackendUnreachable } from '../../utils/errors';
import { OwnerNotice, TimeAgo } from '../common';
import { DeployHistoryPanel } from '../DeployHistoryPanel';
import { EndpointsPanel } from '../EndpointsPanel';
import { EnvironmentStatusPanel } from '../EnvironmentStatusPanel';
import { ImagesPanel } from '../ImagesPanel';

/** One panel for the whole page when the portal backend cannot be reached. */
function OutagePanel(props: { refreshedAt?: string; onRetry: () => void }) {
  return (
    <Alert
      severity="error"
      role="alert"
      action={
        <Button color="inherit" size="small" onClick={props.onRetry}>
          Retry now
        </Button>
      }
    >
      <AlertTitle>The portal backend cannot be reached</AlertTitle>
      The page keeps what it last loaded
      {props.refreshedAt && (
        <>
          {' '}
          (<TimeAgo iso={props.refreshedAt} />)
        </>
      )}{' '}
      and tries again every 30 seconds. Nothing can be parked, approved or
      bumped until it answers.
    </Alert>
  );
}

function EnvironmentPanels(props: {
  name: string;
  entityRef: string;
  polling?: EnvironmentPolling;
}) {
  const live = useLiveEnvironment(props.name, props.polling);
  const { details } = live;
  const value = details.value;
  const unreachable = isBackendUnreachable(details.error);
  return (
    <OwnerNotice entityRef={props.entityRef}>
      <Grid container spacing={3} alignItems="stretch">
        {unreachable && (
          <Grid item xs={12}>
            <OutagePanel onRetry={live.refreshAll} />
          </Grid>
        )}
        <Grid item xs={12}>
          <EnvironmentStatusPanel
            name={props.name}
            details={details}
            entityRef={props.entityRef}
            onChanged={live.refreshAll}
            refreshedAt={live.refreshedAt}
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
            onChanged={live.refreshAll}
            version={live.imagesVersion}
            offline={unreachable}
          />
        </Grid>
        <Grid item xs={12}>
          <DeployHistoryPanel
            name={props.name}
            version={live.historyVersion}
            offline={unreachable}
          />
        </Grid>
      </Grid>
    </OwnerNotice>
  );
}

/**
 * Props of {@link EntityEnvironmentContent}.
 *
 * @public
 */
export interface EntityEnvironmentContentProps {
  /** Backoff of the status polling while something is in flight. */
  polling?: EnvironmentPolling;
}

/**
 * The environment tab of an entity with the `rocket-club.dev/environment`
 * annotation: status with Approve and Park / Unpark, endpoints, images with
 * Bump and Rebuild, and the deploy history. It stays current by itself
 * (signals, polling while something runs, a 30 s background refresh), and
 * each panel loads and fails on its own, except that an unreachable
 * backend is said once for the page.
 *
 * @public
 */
export function EntityEnvironmentContent(props: EntityEnvironmentContentProps) {
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
