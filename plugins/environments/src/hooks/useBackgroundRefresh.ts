import { useEffect, useRef } from 'react';

/** How often an open, visible page reloads by itself. */
export const BACKGROUND_REFRESH_MS = 30_000;

/**
 * Calls `refresh` every `intervalMs` while the document is visible, and
 * once when it becomes visible again after being hidden for longer than
 * that: a backstop for a lost signal that costs nothing in hidden tabs.
 */
export function useBackgroundRefresh(
  refresh: () => void,
  intervalMs: number = BACKGROUND_REFRESH_MS,
) {
  const refreshRef = useRef(refresh);
  refreshRef.current = refresh;
  useEffect(() => {
    let timer: ReturnType<typeof setInterval> | undefined;
    let hiddenAt: number | undefined;
    const start = () => {
      timer ??= setInterval(() => refreshRef.current(), intervalMs);
    };
    const stop = () => {
      if (timer) clearInterval(timer);
      timer = undefined;
    };
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') {
        hiddenAt = Date.now();
        stop();
        return;
      }
      if (hiddenAt !== undefined && Date.now() - hiddenAt >= intervalMs) {
        refreshRef.current();
      }
      hiddenAt = undefined;
      start();
    };
    if (document.visibilityState !== 'hidden') start();
    else hiddenAt = Date.now();
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      stop();
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [intervalMs]);
}
