import { useCallback, useEffect, useState } from 'react';
import { useSignal } from '@backstage/plugin-signals-react';
import type { EnvironmentDetails } from '@rocket-club/plugin-environments-common';
import { PolledValue } from './usePolling';
import {
  EnvironmentPolling,
  useEnvironmentDetails,
} from './useEnvironmentDetails';
import { useBackgroundRefresh } from './useBackgroundRefresh';

/** The parts of the page a change names (the backend's contract). */
export type ChangePart = 'status' | 'history' | 'images' | 'endpoints';
const ALL_PARTS: ChangePart[] = ['status', 'history', 'images', 'endpoints'];

/** What {@link useLiveEnvironment} returns. */
export interface LiveEnvironment {
  details: PolledValue<EnvironmentDetails>;
  /** Bumped whenever the images must be read again. */
  imagesVersion: number;
  /** Bumped whenever the history must be read again. */
  historyVersion: number;
  /** Reload everything now (the refresh control, after an operation). */
  refreshAll: () => void;
  /** When the page last asked for everything (refresh control, background). */
  refreshedAt: number;
}

function partsOf(message: unknown): ChangePart[] {
  const changed = (message as { changed?: unknown } | undefined)?.changed;
  if (!Array.isArray(changed)) return ALL_PARTS;
  return changed.filter((p): p is ChangePart => ALL_PARTS.includes(p));
}

/**
 * An environment page that stays current by itself: it refetches the
 * parts a signal on `environments:<name>` names, polls with backoff while
 * something runs, and reloads everything every 30 seconds while visible
 * (a backstop for a lost signal).
 */
export function useLiveEnvironment(
  name: string,
  polling?: EnvironmentPolling,
): LiveEnvironment {
  const details = useEnvironmentDetails(name, polling);
  const [imagesVersion, setImagesVersion] = useState(0);
  const [historyVersion, setHistoryVersion] = useState(0);
  const [refreshedAt, setRefreshedAt] = useState(() => Date.now());
  const { refresh } = details;

  const reload = useCallback(
    (parts: ChangePart[]) => {
      if (parts.includes('status') || parts.includes('endpoints')) refresh();
      if (parts.includes('images')) setImagesVersion(v => v + 1);
      if (parts.includes('history')) setHistoryVersion(v => v + 1);
    },
    [refresh],
  );
  const refreshAll = useCallback(() => {
    setRefreshedAt(Date.now());
    reload(ALL_PARTS);
  }, [reload]);

  const { lastSignal } = useSignal(`environments:${name}`);
  useEffect(() => {
    if (lastSignal) reload(partsOf(lastSignal));
  }, [lastSignal, reload]);
  useBackgroundRefresh(refreshAll);

  return { details, imagesVersion, historyVersion, refreshAll, refreshedAt };
}
