import type { WorkflowStatus } from '@rocket-club/plugin-environments-common';

/** A park or unpark workflow, as the savings computation needs it. */
export interface ParkEvent {
  kind: 'park' | 'unpark';
  status: WorkflowStatus;
  /** When the workflow started (ISO 8601). */
  createdAt: string;
  /** When it stopped, once finished. */
  stoppedAt?: string;
}

/** A period during which the environment was parked. */
export interface ParkedPeriod {
  from: number;
  /** Undefined while the environment is still parked. */
  to?: number;
}

/**
 * Parked periods from a park/unpark history, in any order. The rules, chosen
 * so that savings are never overstated:
 *
 * - a park starts a period only once it succeeded, at the time it stopped
 *   (the resources are down from then on); a failed, cancelled or running
 *   park starts nothing;
 * - a park while already parked changes nothing;
 * - any unpark that started ends the period at its start, whatever its
 *   outcome (the resources begin to come back, and cost, as it runs);
 * - a period still open has no end.
 */
export function parkedPeriods(events: ParkEvent[]): ParkedPeriod[] {
  const sorted = [...events].sort((a, b) =>
    a.createdAt.localeCompare(b.createdAt),
  );
  const periods: ParkedPeriod[] = [];
  let open: ParkedPeriod | undefined;
  for (const e of sorted) {
    if (e.kind === 'park') {
      if (e.status === 'success' && !open) {
        open = { from: Date.parse(e.stoppedAt ?? e.createdAt) };
        periods.push(open);
      }
    } else if (open) {
      open.to = Math.max(open.from, Date.parse(e.createdAt));
      open = undefined;
    }
  }
  return periods;
}

/**
 * Hours parked within the window `[from, to]` (epoch milliseconds); an open
 * period counts up to `to`.
 */
export function hoursParked(
  periods: ParkedPeriod[],
  window: { from: number; to: number },
): number {
  let ms = 0;
  for (const p of periods) {
    const start = Math.max(p.from, window.from);
    const end = Math.min(p.to ?? window.to, window.to);
    if (end > start) ms += end - start;
  }
  return ms / 3_600_000;
}

/** Rounds money to cents (or pence). */
export const roundMoney = (amount: number) => Math.round(amount * 100) / 100;
