import { ReactNode, useId } from 'react';
import {
  Button,
  CircularProgress,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
} from '@material-ui/core';
import { PanelError } from './PanelError';

/**
 * Whether an error says that the request's outcome is not known yet (its
 * answer from CircleCI or GitHub was lost): retrying with the same key is
 * safe and gets what happened.
 */
const outcomeUnknown = (error: Error) =>
  /outcome (is unknown|of the first request .* is not known yet)/.test(
    error.message,
  );

/**
 * A modal confirmation. MUI's Dialog moves focus into itself, traps it there
 * and closes on Escape (except while the request runs).
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
  return (
    <Dialog
      open={props.open}
      onClose={props.running ? undefined : props.onClose}
      aria-labelledby={titleId}
      maxWidth="md"
      fullWidth
    >
      <DialogTitle id={titleId}>{props.title}</DialogTitle>
      <DialogContent>
        {props.children}
        {props.error && (
          <PanelError
            title={
              outcomeUnknown(props.error)
                ? 'No answer yet: retry to get the outcome (nothing runs twice)'
                : 'The request failed'
            }
            error={props.error}
          />
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose} disabled={props.running}>
          {props.cancelLabel ?? 'Cancel'}
        </Button>
        {!props.hideConfirm && (
          <Button
            color="primary"
            variant="contained"
            onClick={props.onConfirm}
            disabled={props.running || props.confirmDisabled}
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
