import { Button } from '@material-ui/core';
import { Alert, AlertTitle } from '@material-ui/lab';
import { errorMessage } from '../../utils/errors';

/**
 * A compact error for one panel, with the backend's own message and a retry,
 * so a failing part never blanks the rest of the page.
 */
export function PanelError(props: {
  title: string;
  error: unknown;
  onRetry?: () => void;
}) {
  return (
    <Alert
      severity="error"
      action={
        props.onRetry && (
          <Button color="inherit" size="small" onClick={props.onRetry}>
            Retry
          </Button>
        )
      }
    >
      <AlertTitle>{props.title}</AlertTitle>
      {errorMessage(props.error)}
    </Alert>
  );
}
