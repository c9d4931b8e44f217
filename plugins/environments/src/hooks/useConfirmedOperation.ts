import { useCallback, useState } from 'react';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import type { OperationResult } from '@rocket-club/plugin-environments-common';
import { describeActionError, statusOf } from '../utils/errors';
import { IdempotentAction, useIdempotentAction } from './useIdempotentAction';

/** What {@link useConfirmedOperation} returns. */
export interface ConfirmedOperation {
  open: boolean;
  show: () => void;
  /** Closes the dialog; a request still running finishes in the background. */
  close: () => void;
  confirm: () => Promise<void>;
  action: IdempotentAction<OperationResult>;
}

/**
 * An operation behind a confirm dialog. Every outcome reloads the page,
 * since any of them may mean the environment moved on: a result closes
 * the dialog with a success message; a 409 (someone or something else got
 * there first) closes it with the reason; other failures stay in the
 * dialog for a retry with the same idempotency key.
 */
export function useConfirmedOperation(
  perform: (idempotencyKey: string) => Promise<OperationResult>,
  onChanged: () => void,
): ConfirmedOperation {
  const alertApi = useApi(alertApiRef);
  const [open, setOpen] = useState(false);
  const action = useIdempotentAction(perform);
  const { reset, runSettled } = action;

  const close = useCallback(() => {
    setOpen(false);
    reset();
  }, [reset]);

  const confirm = useCallback(async () => {
    const { result, error } = await runSettled();
    onChanged();
    if (result) {
      close();
      alertApi.post({
        message: result.message,
        severity: 'success',
        display: 'transient',
      });
    } else if (statusOf(error) === 409) {
      close();
      alertApi.post({
        message: describeActionError(error).summary,
        severity: 'warning',
        display: 'transient',
      });
    }
  }, [runSettled, onChanged, close, alertApi]);

  return { open, show: () => setOpen(true), close, confirm, action };
}
