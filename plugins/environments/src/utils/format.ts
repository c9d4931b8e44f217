import { DateTime, Duration } from 'luxon';

/** "3 hours ago", for an ISO timestamp; undefined for a missing one. */
export function formatRelative(
  iso: string | undefined,
  now?: DateTime,
): string | undefined {
  if (!iso) return undefined;
  const time = DateTime.fromISO(iso);
  if (!time.isValid) return iso;
  const base = now ?? DateTime.now();
  // Not "in 0 seconds" for a time a clock's skew ahead, nor "0 seconds ago".
  if (Math.abs(base.diff(time).as('seconds')) < 10) return 'just now';
  return time.toRelative({ base }) ?? iso;
}

/** The full local date and time, for a title next to a relative time. */
export function formatAbsolute(iso: string | undefined): string | undefined {
  if (!iso) return undefined;
  const time = DateTime.fromISO(iso);
  return time.isValid ? time.toLocaleString(DateTime.DATETIME_MED) : iso;
}

/** A compact duration such as "1h 4m", "4m 12s" or "45s". */
export function formatDuration(ms: number | undefined): string | undefined {
  if (ms === undefined || !Number.isFinite(ms) || ms < 0) return undefined;
  const { hours, minutes, seconds } = Duration.fromMillis(ms)
    .shiftTo('hours', 'minutes', 'seconds')
    .toObject();
  const h = Math.floor(hours ?? 0);
  const m = Math.floor(minutes ?? 0);
  const s = Math.floor(seconds ?? 0);
  if (h > 0) return `${h}h ${m}m`;
  if (m > 0) return `${m}m ${s}s`;
  return `${s}s`;
}

/** The first seven characters of a commit sha, as GitHub shows them. */
export function shortSha(sha: string | undefined): string | undefined {
  return sha?.slice(0, 7);
}

/** "99.5%" for a ratio between 0 and 1. */
export function formatPercent(ratio: number | undefined): string | undefined {
  if (ratio === undefined || !Number.isFinite(ratio)) return undefined;
  const percent = ratio * 100;
  return `${percent === 100 || percent === 0 ? percent : percent.toFixed(1)}%`;
}
