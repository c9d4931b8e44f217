import { useEffect, useState } from 'react';
import { Typography } from '@material-ui/core';
import { Alert, AlertTitle } from '@material-ui/lab';
import { describeActionError, retryAfterSeconds } from '../../utils/errors';

/** Seconds left of a Retry-After countdown, ticking every second. */
export function useCountdown(error: unknown): number {
  const [left, setLeft] = useState(() => retryAfterSeconds(error) ?? 0);
  useEffect(() => {
    const total = retryAfterSeconds(error) ?? 0;
    setLeft(total);
    if (total <= 0) return undefined;
    const started = Date.now();
    const timer = setInterval(() => {
      const remaining = total - Math.floor((Date.now() - started) / 1000);
      setLeft(Math.max(0, remaining));
      if (remaining <= 0) clearInterval(timer);
    }, 1000);
    return () => clearInterval(timer);
  }, [error]);
  return left;
}

/**
 * A failed operation in plain words (whether anything was triggered and
 * whether a retry is safe), the backend's words below, and the seconds
 * until a rate limit lifts.
 */
export function ActionError(props: { error: unknown; secondsLeft: number }) {
  const text = describeActionError(props.error);
  return (
    <Alert severity="error" role="alert">
      <AlertTitle>{text.summary}</AlertTitle>
      {props.secondsLeft > 0 && (
        <Typography variant="body2">
          You can retry in {props.secondsLeft} s.
        </Typography>
      )}
      {text.details && (
        <Typography variant="caption" component="p">
          {text.details}
        </Typography>
      )}
    </Alert>
  );
}
