import { useCallback } from 'react';
import { Box, Typography } from '@material-ui/core';
import { useApi } from '@backstage/core-plugin-api';
import {
  environmentDriftCheckPermission,
  EnvironmentDetails,
} from '@rocket-club/plugin-environments-common';
import { environmentsApiRef } from '../../api';
import { useActionGuard } from '../../hooks/useActionGuard';
import { useConfirmedOperation } from '../../hooks/useConfirmedOperation';
import { ConfirmDialog, GuardedButton } from '../common';
import { DriftBadge } from './DriftBadge';

/**
 * The newest drift check's badge, and "Check drift now" (owners only): the
 * read-only `terraform-drift` plan, which holds no lock and applies nothing.
 *
 * @public
 */
export function DriftLine(props: {
  details: EnvironmentDetails;
  entityRef: string;
  onChanged: () => void;
}) {
  const { details } = props;
  const api = useApi(environmentsApiRef);
  const running = details.inFlight.find(d => d.kind === 'drift');
  const reason = useActionGuard({
    permission: environmentDriftCheckPermission,
    entityRef: props.entityRef,
    verb: 'check drift of',
    otherReason: running
      ? `A drift check is running: pipeline #${running.pipeline.number}`
      : undefined,
  });
  const op = useConfirmedOperation(
    useCallback(
      (idempotencyKey: string) =>
        api.checkDrift(details.name, { idempotencyKey }),
      [api, details.name],
    ),
    props.onChanged,
  );
  if (!details.drift) return null;
  return (
    <Box display="flex" alignItems="center" gridGap={8} flexWrap="wrap">
      <DriftBadge drift={details.drift} />
      <GuardedButton
        size="small"
        onClick={op.show}
        disabledReason={reason}
        aria-label="Check drift now"
      >
        Check drift now
      </GuardedButton>
      <ConfirmDialog
        open={op.open}
        title={`Check ${details.name} for drift?`}
        confirmLabel="Check drift"
        onConfirm={op.confirm}
        onClose={op.close}
        running={op.action.running}
        error={op.action.error}
      >
        <Typography paragraph>
          This runs the <b>terraform-drift</b> workflow: a read-only plan of{' '}
          <b>{details.name}</b> against what is deployed. Nothing is applied and
          nothing is locked.
        </Typography>
      </ConfirmDialog>
    </Box>
  );
}
