import { useCallback, useEffect, useRef, useState } from 'react';

/** Backoff of {@link usePolling}. */
export interface PollingOptions<T> {
  /** Whether to load again after this value (something is in flight). */
  shouldPoll: (value: T) => boolean;
  /** First delay; doubled after each poll up to `maxDelayMs`. */
  minDelayMs?: number;
  maxDelayMs?: number;
}

/** What {@link usePolling} returns. */
export interface PolledValue<T> {
  value?: T;
  /** The last load's error; `value` keeps the last good value. */
  error?: Error;
  loading: boolean;
  /** Load now and restart the backoff (after a user action or a signal). */
  refresh: () => void;
}

/**
 * Loads a value and, while `shouldPoll` says something is in flight, loads
 * it again with exponential backoff, so a running pipeline is followed
 * without hammering the backend. `load` is re-run from scratch when `key`
 * changes.
 */
export function usePolling<T>(
  key: string,
  load: () => Promise<T>,
  options: PollingOptions<T>,
): PolledValue<T> {
  const { shouldPoll, minDelayMs = 2000, maxDelayMs = 30000 } = options;
  const [state, setState] = useState<{ value?: T; error?: Error }>({});
  const [loading, setLoading] = useState(true);
  const [generation, setGeneration] = useState(0);
  const delay = useRef(minDelayMs);
  const lastValue = useRef<T | undefined>(undefined);
  const loadRef = useRef(load);
  loadRef.current = load;
  const shouldPollRef = useRef(shouldPoll);
  shouldPollRef.current = shouldPoll;

  useEffect(() => {
    setState({});
    lastValue.current = undefined;
    delay.current = minDelayMs;
  }, [key, minDelayMs]);

  useEffect(() => {
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const scheduleIf = (poll: boolean) => {
      if (!poll) {
        delay.current = minDelayMs;
        return;
      }
      timer = setTimeout(() => setGeneration(g => g + 1), delay.current);
      delay.current = Math.min(delay.current * 2, maxDelayMs);
    };

    // A background reload keeps showing the last value: no spinner.
    if (lastValue.current === undefined) setLoading(true);
    loadRef.current().then(
      value => {
        if (cancelled) return;
        // An unchanged poll result keeps its identity, so nothing re-renders.
        if (!sameJson(value, lastValue.current)) {
          lastValue.current = value;
          setState({ value });
        } else {
          setState(s => (s.error ? { value: s.value } : s));
        }
        setLoading(false);
        scheduleIf(shouldPollRef.current(value));
      },
      error => {
        if (cancelled) return;
        const previous = lastValue.current;
        setState({ value: previous, error });
        setLoading(false);
        // Keep following a running operation through a transient failure.
        scheduleIf(previous !== undefined && shouldPollRef.current(previous));
      },
    );
    return () => {
      cancelled = true;
      if (timer) clearTimeout(timer);
    };
  }, [key, generation, minDelayMs, maxDelayMs]);

  const refresh = useCallback(() => {
    delay.current = minDelayMs;
    setGeneration(g => g + 1);
  }, [minDelayMs]);

  return { ...state, loading, refresh };
}

function sameJson(a: unknown, b: unknown): boolean {
  if (a === undefined || b === undefined) return a === b;
  return JSON.stringify(a) === JSON.stringify(b);
}
