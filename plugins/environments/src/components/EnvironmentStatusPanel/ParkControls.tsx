import { useCallback } from 'react';
import { Box, Typography } from '@material-ui/core';
import { useApi } from '@backstage/core-plugin-api';
import {
  environmentParkPermission,
  environmentUnparkPermission,
  EnvironmentDetails,
} from '@rocket-club/plugin-environments-common';
import { environmentsApiRef } from '../../api';
import { useActionGuard } from '../../hooks/useActionGuard';
import { useConfirmedOperation } from '../../hooks/useConfirmedOperation';
import { ConfirmDialog, GuardedButton } from '../common';

type Operation = 'park' | 'unpark';

const TEXT: Record<Operation, { label: string; explain: string }> = {
  park: {
    label: 'Park',
    explain:
      'Parking scales down the non-essential compute of this environment. Its endpoints will be down until it is unparked.',
  },
  unpark: {
    label: 'Unpark',
    explain:
      'Unparking restores the normal capacity of this environment. Its endpoints come back once the pipeline has finished.',
  },
};

/** Why park or unpark makes no sense in the current state. */
function stateReason(operation: Operation, details: EnvironmentDetails) {
  if (operation === 'park' && ['parked', 'parking'].includes(details.state)) {
    return 'Already parked';
  }
  if (
    operation === 'unpark' &&
    ['active', 'unparking'].includes(details.state)
  ) {
    return 'Already active';
  }
  if (details.state === 'deploying' || details.state === 'awaiting-approval') {
    return 'Wait for the deploy to finish';
  }
  return undefined;
}

function OperationButton(props: {
  operation: Operation;
  details: EnvironmentDetails;
  entityRef: string;
  onChanged: () => void;
}) {
  const { operation, details } = props;
  const api = useApi(environmentsApiRef);
  const reason = useActionGuard({
    permission:
      operation === 'park'
        ? environmentParkPermission
        : environmentUnparkPermission,
    entityRef: props.entityRef,
    verb: operation,
    lock: details.lock,
    otherReason: stateReason(operation, details),
  });
  const perform = useCallback(
    (idempotencyKey: string) =>
      api[operation](details.name, { idempotencyKey }),
    [api, operation, details.name],
  );
  const op = useConfirmedOperation(perform, props.onChanged);
  const { label, explain } = TEXT[operation];

  return (
    <>
      <GuardedButton
        onClick={op.show}
        disabledReason={reason}
        variant="contained"
      >
        {label}
      </GuardedButton>
      <ConfirmDialog
        open={op.open}
        title={`${label} ${details.title} (${details.name})?`}
        confirmLabel={`${label} ${details.name}`}
        onConfirm={op.confirm}
        onClose={op.close}
        running={op.action.running}
        error={op.action.error}
      >
        <Typography paragraph>{explain}</Typography>
        <Typography paragraph>
          This triggers the {operation} pipeline of <b>{details.name}</b> in
          CircleCI.
        </Typography>
      </ConfirmDialog>
    </>
  );
}

/**
 * The Park and Unpark buttons, each with a confirm dialog naming the
 * environment. Disabled, with the reason shown, without permission, while
 * the environment is locked, or when the state makes them pointless.
 */
export function ParkControls(props: {
  details: EnvironmentDetails;
  entityRef: string;
  onChanged: () => void;
}) {
  return (
    <Box display="flex" gridGap={16} flexWrap="wrap" alignItems="flex-start">
      <OperationButton operation="park" {...props} />
      <OperationButton operation="unpark" {...props} />
    </Box>
  );
}
