import type { ScheduledRun } from '@rocket-club/plugin-environments-common';

/** An owner's request to skip scheduled parks until a time. */
export interface KeepAwakeRecord {
  environment: string;
  until: string;
  setBy: string;
  setAt: string;
}

/** The kinds of schedule occurrences recorded. */
export type OccurrenceKind = 'park' | 'unpark' | 'park-warning';

/**
 * Storage of the schedule: keep-awake requests, occurrences (claimed by one
 * instance through the primary key) and notifications already sent.
 */
export interface ScheduleStore {
  getKeepAwake(environment: string): Promise<KeepAwakeRecord | undefined>;
  setKeepAwake(record: KeepAwakeRecord): Promise<void>;
  clearKeepAwake(environment: string): Promise<void>;

  /** True for the one caller that recorded the occurrence first. */
  claimOccurrence(
    environment: string,
    kind: OccurrenceKind,
    at: Date,
    now: Date,
  ): Promise<boolean>;
  /** Records what became of a claimed occurrence. */
  finishOccurrence(
    environment: string,
    kind: OccurrenceKind,
    at: Date,
    outcome: Omit<ScheduledRun, 'kind' | 'at'>,
  ): Promise<void>;
  /**
   * Marks occurrences claimed before `before` and never finished (the
   * instance acting stopped) as failed with `reason`; returns how many.
   */
  expireClaims(before: Date, reason: string): Promise<number>;
  /** The latest park/unpark occurrences, newest first. */
  recentRuns(environment: string, limit: number): Promise<ScheduledRun[]>;

  /** True for the one caller that recorded the event first. */
  claimNotification(
    environment: string,
    eventKey: string,
    now: Date,
  ): Promise<boolean>;
}
