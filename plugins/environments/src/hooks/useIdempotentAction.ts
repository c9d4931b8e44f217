import { useCallback, useRef, useState } from 'react';
import { newIdempotencyKey } from '../utils/idempotencyKey';

/** What {@link useIdempotentAction} returns. */
export interface IdempotentAction<T> {
  running: boolean;
  error?: Error;
  result?: T;
  /**
   * Perform the action. A retry after a failure reuses the same idempotency
   * key, so a request that did reach the backend is not run twice.
   */
  run: () => Promise<T | undefined>;
  /** Like `run`, but also hands back the error of a failed run. */
  runSettled: () => Promise<{ result?: T; error?: Error }>;
  /** Forget the key, error and result: the next run is a new action. */
  reset: () => void;
}

/**
 * One user action (park, approve, bump, ...) with its own `Idempotency-Key`.
 */
export function useIdempotentAction<T>(
  perform: (idempotencyKey: string) => Promise<T>,
): IdempotentAction<T> {
  const key = useRef<string | undefined>(undefined);
  const [state, setState] = useState<{
    running: boolean;
    error?: Error;
    result?: T;
  }>({ running: false });

  const runSettled = useCallback(async () => {
    key.current ??= newIdempotencyKey();
    setState({ running: true });
    try {
      const result = await perform(key.current);
      key.current = undefined;
      setState({ running: false, result });
      return { result };
    } catch (error) {
      setState({ running: false, error: error as Error });
      return { error: error as Error };
    }
  }, [perform]);
  const run = useCallback(
    async () => (await runSettled()).result,
    [runSettled],
  );

  const reset = useCallback(() => {
    key.current = undefined;
    setState({ running: false });
  }, []);

  return { ...state, run, runSettled, reset };
}
