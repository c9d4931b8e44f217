import { useEffect, useState } from 'react';

const listeners = new Set<(now: number) => void>();
let timer: ReturnType<typeof setInterval> | undefined;

/** How often relative times ("3 minutes ago") are recomputed. */
export const TICK_MS = 10_000;

function subscribe(listener: (now: number) => void) {
  listeners.add(listener);
  // One interval for the whole page, however many times are shown.
  timer ??= setInterval(() => {
    const now = Date.now();
    listeners.forEach(l => l(now));
  }, TICK_MS);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

/**
 * The current time, re-rendering every {@link TICK_MS}, so a relative time
 * on an open page keeps telling the truth ("since 0 seconds ago" turns
 * into "since 3 minutes ago").
 */
export function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => subscribe(setNow), []);
  return now;
}
