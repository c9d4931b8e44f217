import type { DatabaseService } from '@backstage/backend-plugin-api';
import type { ScheduledRun } from '@rocket-club/plugin-environments-common';
import { Knex } from 'knex';
import { iso } from './rows';
import type {
  KeepAwakeRecord,
  OccurrenceKind,
  ScheduleStore,
} from './ScheduleStore';
import { isUniqueViolation, migratedClient } from './client';

/**
 * {@link ScheduleStore} on the plugin's database: the tables this store
 * alone reads and writes are `environment_keep_awake`, `schedule_runs` and
 * `notifications_sent`.
 */
export class DatabaseScheduleStore implements ScheduleStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseScheduleStore> {
    return new DatabaseScheduleStore(await migratedClient(options.database));
  }

  constructor(private readonly db: Knex) {}

  async getKeepAwake(environment: string) {
    const row = await this.db('environment_keep_awake')
      .where({ environment })
      .first();
    return (
      row && {
        environment,
        until: iso(row.until)!,
        setBy: row.set_by,
        setAt: iso(row.set_at)!,
      }
    );
  }

  async setKeepAwake(r: KeepAwakeRecord) {
    await this.db('environment_keep_awake')
      .insert({
        environment: r.environment,
        until: new Date(r.until),
        set_by: r.setBy,
        set_at: new Date(r.setAt),
      })
      .onConflict('environment')
      .merge();
  }

  async clearKeepAwake(environment: string) {
    await this.db('environment_keep_awake').where({ environment }).delete();
  }

  async claimOccurrence(
    environment: string,
    kind: OccurrenceKind,
    at: Date,
    now: Date,
  ) {
    try {
      await this.db('schedule_runs').insert({
        environment,
        kind,
        occurrence_at: at,
        outcome: 'claimed',
        recorded_at: now,
      });
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  async finishOccurrence(
    environment: string,
    kind: OccurrenceKind,
    at: Date,
    outcome: Omit<ScheduledRun, 'kind' | 'at'>,
  ) {
    await this.db('schedule_runs')
      .where({ environment, kind, occurrence_at: at })
      .update({
        outcome: outcome.outcome,
        reason: outcome.reason ?? null,
        pipeline_number: outcome.pipelineNumber ?? null,
      });
  }

  async expireClaims(before: Date, reason: string) {
    return this.db('schedule_runs')
      .where('outcome', 'claimed')
      .where('recorded_at', '<', before)
      .update({ outcome: 'failed', reason });
  }

  async recentRuns(environment: string, limit: number) {
    const rows = await this.db('schedule_runs')
      .where({ environment })
      .whereIn('kind', ['park', 'unpark'])
      .orderBy('occurrence_at', 'desc')
      .limit(limit);
    return rows.map(
      (row): ScheduledRun => ({
        kind: row.kind,
        at: iso(row.occurrence_at)!,
        outcome: row.outcome === 'claimed' ? 'pending' : row.outcome,
        reason: row.reason ?? undefined,
        pipelineNumber:
          row.pipeline_number === null || row.pipeline_number === undefined
            ? undefined
            : Number(row.pipeline_number),
      }),
    );
  }

  async claimNotification(environment: string, eventKey: string, now: Date) {
    try {
      await this.db('notifications_sent').insert({
        environment,
        event_key: eventKey,
        sent_at: now,
      });
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }
}
