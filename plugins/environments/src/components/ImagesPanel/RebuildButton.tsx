import { useCallback, useState } from 'react';
import { Typography } from '@material-ui/core';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import {
  environmentImageRebuildPermission,
  EnvironmentLock,
} from '@rocket-club/plugin-environments-common';
import { environmentsApiRef } from '../../api';
import { useActionGuard } from '../../hooks/useActionGuard';
import { useIdempotentAction } from '../../hooks/useIdempotentAction';
import { ConfirmDialog, GuardedButton } from '../common';

/** Triggers the Prefect base image refresh pipeline, after confirmation. */
export function RebuildButton(props: {
  environment: string;
  entityRef: string;
  lock?: EnvironmentLock;
  onChanged?: () => void;
}) {
  const api = useApi(environmentsApiRef);
  const alertApi = useApi(alertApiRef);
  const [open, setOpen] = useState(false);
  const reason = useActionGuard({
    permission: environmentImageRebuildPermission,
    entityRef: props.entityRef,
    verb: 'rebuild images of',
    lock: props.lock,
  });
  const action = useIdempotentAction(
    useCallback(
      (idempotencyKey: string) =>
        api.rebuild(props.environment, { idempotencyKey }),
      [api, props.environment],
    ),
  );
  const close = () => {
    setOpen(false);
    action.reset();
  };
  const confirm = async () => {
    const result = await action.run();
    if (result) {
      close();
      alertApi.post({
        message: result.message,
        severity: 'success',
        display: 'transient',
      });
      props.onChanged?.();
    }
  };
  return (
    <>
      <GuardedButton
        size="small"
        onClick={() => setOpen(true)}
        disabledReason={reason}
      >
        Rebuild base image
      </GuardedButton>
      <ConfirmDialog
        open={open}
        title={`Rebuild the base image of ${props.environment}?`}
        confirmLabel={`Rebuild ${props.environment} base image`}
        onConfirm={confirm}
        onClose={close}
        running={action.running}
        error={action.error}
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
