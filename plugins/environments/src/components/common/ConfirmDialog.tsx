import { ReactNode, useId } from 'react';
import {
  Button,
  CircularProgress,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
} from '@material-ui/core';
import { ActionError, useCountdown } from './ActionError';

/**
 * A modal confirmation. MUI's Dialog moves focus into itself, traps it there
 * and closes on Escape. Cancel stays usable while the request runs (it may
 * wait out CircleCI's rate limit): the request then finishes in the
 * background and the page shows its outcome.
 */
export function ConfirmDialog(props: {
  open: boolean;
  title: string;
  children: ReactNode;
  /** Accessible name and text of the confirm button. */
  confirmLabel: string;
  onConfirm: () => void;
  onClose: () => void;
  running?: boolean;
  error?: Error;
  /** Disables confirming, e.g. while a preview loads. */
  confirmDisabled?: boolean;
  /** Replaces the cancel button's text, e.g. "Close" once done. */
  cancelLabel?: string;
  hideConfirm?: boolean;
}) {
  const titleId = useId();
  const secondsLeft = useCountdown(props.error);
  return (
    <Dialog
      open={props.open}
      onClose={props.onClose}
      aria-labelledby={titleId}
      maxWidth="md"
      fullWidth
    >
      <DialogTitle id={titleId}>{props.title}</DialogTitle>
      <DialogContent>
        {props.children}
        {props.error && (
          <ActionError error={props.error} secondsLeft={secondsLeft} />
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>{props.cancelLabel ?? 'Cancel'}</Button>
        {!props.hideConfirm && (
          <Button
            color="primary"
            variant="contained"
            onClick={props.onConfirm}
            disabled={props.running || props.confirmDisabled || secondsLeft > 0}
            startIcon={
              props.running ? <CircularProgress size={16} /> : undefined
            }
          >
            {props.confirmLabel}
          </Button>
        )}
      </DialogActions>
    </Dialog>
  );
}
