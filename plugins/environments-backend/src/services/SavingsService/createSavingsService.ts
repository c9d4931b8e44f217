import type {
  Deployment,
  EnvironmentSavings,
} from '@rocket-club/plugin-environments-common';
import type { EnvironmentDefinition } from '../../config';
import type {
  EnvironmentsStore,
  HistoryCursor,
  WorkflowRun,
} from '../../database/EnvironmentsStore';
import {
  hoursParked,
  ParkEvent,
  parkedPeriods,
  roundMoney,
} from './parkedHours';
import { scheduledHoursParked } from './scheduledHours';

const WINDOW_MS = 30 * 24 * 3_600_000;
const PAGE = 100;
/** Bounds the read: 10 pages of park/unpark runs cover years of history. */
const MAX_PAGES = 10;
/**
 * How long a schedule's projection is reused. Walking a cron schedule over
 * 30 days costs about 12 ms of CPU (`occurrences`; `cron`'s own walk in a
 * named zone cost 80 ms), which every status read paid; a minute's shift of
 * a 30-day window changes the projection by at most a minute of parked time.
 */
const PROJECTION_TTL_MS = 60_000;

/** Computes what parking saved an environment. */
export interface SavingsService {
  /** Undefined when the environment has no `costs` configured. */
  savingsOf(
    definition: EnvironmentDefinition,
  ): Promise<EnvironmentSavings | undefined>;
  /** The rows, with `parkedForMs` on each successful park that began a parked period. */
  withParkedDurations(
    definition: EnvironmentDefinition,
    rows: Deployment[],
  ): Promise<Deployment[]>;
}

/**
 * The park and unpark runs since `from`, plus the ones before it back to
 * the newest that decides the state at `from` (a successful park or any
 * unpark).
 */
export async function loadParkEvents(
  store: Pick<EnvironmentsStore, 'listWorkflows'>,
  environment: string,
  from: number,
): Promise<ParkEvent[]> {
  const events: ParkEvent[] = [];
  let before: HistoryCursor | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const runs: WorkflowRun[] = await store.listWorkflows(environment, {
      kinds: ['park', 'unpark'],
      limit: PAGE,
      before,
    });
    for (const r of runs) {
      events.push({
        kind: r.kind as ParkEvent['kind'],
        status: r.status,
        createdAt: r.createdAt,
        stoppedAt: r.stoppedAt,
      });
      const decides =
        r.kind === 'unpark' || (r.kind === 'park' && r.status === 'success');
      if (Date.parse(r.createdAt) < from && decides) return events;
    }
    if (runs.length < PAGE) return events;
    const last = runs[runs.length - 1];
    before = { createdAt: last.createdAt, id: last.id };
  }
  return events;
}

/** Builds the {@link SavingsService} over the stored workflow history. */
export function createSavingsService(options: {
  store: Pick<EnvironmentsStore, 'listWorkflows'>;
  now?: () => number;
}): SavingsService {
  const now = options.now ?? Date.now;
  const projections = new Map<
    string,
    { at: number; key: string; hours: number | undefined }
  >();
  /** Hours the schedule will keep it parked over the next 30 days. */
  const projectedHours = (
    definition: EnvironmentDefinition,
    parkedNow: boolean,
    to: number,
  ) => {
    const { schedule } = definition;
    if (!schedule) return undefined;
    const key = JSON.stringify([
      schedule.park,
      schedule.unpark,
      schedule.timezone,
      parkedNow,
    ]);
    const hit = projections.get(definition.name);
    if (
      hit &&
      hit.key === key &&
      to >= hit.at &&
      to - hit.at < PROJECTION_TTL_MS
    ) {
      return hit.hours;
    }
    const hours = scheduledHoursParked(
      schedule,
      { from: to, to: to + WINDOW_MS },
      parkedNow,
    );
    projections.set(definition.name, { at: to, key, hours });
    return hours;
  };
  return {
    async withParkedDurations(definition, rows) {
      const parks = rows.filter(
        r => r.kind === 'park' && r.status === 'success',
      );
      if (parks.length === 0) return rows;
      const oldest = Math.min(...parks.map(p => Date.parse(p.createdAt)));
      const periods = parkedPeriods(
        await loadParkEvents(options.store, definition.name, oldest),
      );
      const to = now();
      return rows.map(r => {
        if (!parks.includes(r)) return r;
        const from = Date.parse(r.stoppedAt ?? r.createdAt);
        const period = periods.find(p => p.from === from);
        return period
          ? { ...r, parkedForMs: Math.max(0, (period.to ?? to) - from) }
          : r;
      });
    },

    async savingsOf(definition) {
      const { costs } = definition;
      if (!costs) return undefined;
      const to = now();
      const window = { from: to - WINDOW_MS, to };
      const periods = parkedPeriods(
        await loadParkEvents(options.store, definition.name, window.from),
      );
      const hours = hoursParked(periods, window);
      const parkedNow = periods.some(p => p.to === undefined);
      const scheduled = projectedHours(definition, parkedNow, to);
      return {
        currency: costs.currency,
        last30Days: roundMoney(hours * costs.parkedSavingsPerHour),
        hoursParked30Days: Math.round(hours * 10) / 10,
        projectedMonthly: roundMoney(
          (scheduled ?? hours) * costs.parkedSavingsPerHour,
        ),
      };
    },
  };
}
