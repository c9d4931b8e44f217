import { useCallback } from 'react';
import { Typography } from '@material-ui/core';
import { useApi } from '@backstage/core-plugin-api';
import {
  environmentImageRebuildPermission,
  EnvironmentLock,
} from '@rocket-club/plugin-environments-common';
import { environmentsApiRef } from '../../api';
import { useActionGuard } from '../../hooks/useActionGuard';
import { useConfirmedOperation } from '../../hooks/useConfirmedOperation';
import { ConfirmDialog, GuardedButton } from '../common';

/** Triggers the Prefect base image refresh pipeline, after confirmation. */
export function RebuildButton(props: {
  environment: string;
  entityRef: string;
  lock?: EnvironmentLock;
  onChanged?: () => void;
}) {
  const api = useApi(environmentsApiRef);
  const reason = useActionGuard({
    permission: environmentImageRebuildPermission,
    entityRef: props.entityRef,
    verb: 'rebuild images of',
    lock: props.lock,
  });
  const { onChanged } = props;
  const op = useConfirmedOperation(
    useCallback(
      (idempotencyKey: string) =>
        api.rebuild(props.environment, { idempotencyKey }),
      [api, props.environment],
    ),
    useCallback(() => onChanged?.(), [onChanged]),
  );
  return (
    <>
      <GuardedButton
        size="small"
        onClick={op.show}
        aria-label="Rebuild base image"
        disabledReason={reason}
      >
        Rebuild
      </GuardedButton>
      <ConfirmDialog
        open={op.open}
        title={`Rebuild the base image of ${props.environment}?`}
        confirmLabel={`Rebuild ${props.environment} base image`}
        onConfirm={op.confirm}
        onClose={op.close}
        running={op.action.running}
        error={op.action.error}
      >
        <Typography paragraph>
          This triggers the image refresh pipeline of <b>{props.environment}</b>
          , which rebuilds and pushes the Prefect base image. Terraform is not
          applied.
        </Typography>
      </ConfirmDialog>
    </>
  );
}
