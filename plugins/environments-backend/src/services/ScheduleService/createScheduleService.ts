import type {
  AuditorService,
  BackstageCredentials,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import type { ChangeNotifier } from '../ChangeNotifier';
import type { PlanReviewService } from '../PlanReviewService';
import { InputError, NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  environmentParkPermission,
  EnvironmentSchedule,
  KeepAwakeResult,
} from '@rocket-club/plugin-environments-common';
import type { Request } from 'express';
import type { EnvironmentDefinition } from '../../config';
import type { OwnerNotifier } from '../OwnerNotifier/createOwnerNotifier';
import { occurrences } from '../SavingsService/scheduledHours';
import { OccurrenceDeps, runOccurrence } from './runOccurrence';
import type { ImageService } from '../ImageService/createImageService';
import { watchImages } from './watchImages';
import { watchWorkflows } from './watchWorkflows';

/** An owner may keep an environment awake for at most a week. */
export const MAX_KEEP_AWAKE_MS = 7 * 24 * 3_600_000;
/** An occurrence missed by more than this (backend down) is not run late. */
const DEFAULT_MAX_LATENESS_MS = 30 * 60_000;
const YEAR_MS = 366 * 24 * 3_600_000;
/** Longer than any occurrence takes (the operations service times out). */
const STALE_CLAIM_MS = 15 * 60_000;

/** The schedule of park/unpark, keep-awake and the owners' notifications. */
export interface ScheduleService {
  /** One pass of the scheduled task: due occurrences, warnings, news. */
  tick(): Promise<void>;
  scheduleOf(
    definition: EnvironmentDefinition,
  ): Promise<EnvironmentSchedule | undefined>;
  /** Skips scheduled parks until `until`; null ends it. Owner-only. */
  keepAwake(
    definition: EnvironmentDefinition,
    until: string | null,
    caller: { credentials: BackstageCredentials; request?: Request },
  ): Promise<KeepAwakeResult>;
}

/** The dependencies of {@link createScheduleService}. */
export interface ScheduleServiceOptions extends OccurrenceDeps {
  definitions: EnvironmentDefinition[];
  /** The portal's permissions, for the owners' keep-awake requests. */
  permissions: PermissionsService;
  auditor: AuditorService;
  notifier: OwnerNotifier;
  logger: LoggerService;
  /** For the pinned-behind notification; none without it. */
  images?: Pick<ImageService, 'getImages'>;
  /** Told when an occurrence or a keep-awake changes what a page shows. */
  changes?: ChangeNotifier;
  /** The plan review, for the counts in the approval notice. */
  plans?: Pick<PlanReviewService, 'review'>;
  now?: () => Date;
  maxLatenessMs?: number;
}

const nextAfter = (expression: string | undefined, tz: string, from: number) =>
  expression
    ? occurrences(expression, tz, from, from + YEAR_MS, 1)[0]
    : undefined;
const isoOf = (ms?: number) =>
  ms === undefined ? undefined : new Date(ms).toISOString();

/** Builds the {@link ScheduleService}. */
export function createScheduleService(
  options: ScheduleServiceOptions,
): ScheduleService {
  const { store, notifier, logger } = options;
  const now = options.now ?? (() => new Date());
  const maxLateness = options.maxLatenessMs ?? DEFAULT_MAX_LATENESS_MS;

  async function runDue(d: EnvironmentDefinition, kind: 'park' | 'unpark') {
    const schedule = d.schedule!;
    const expression = schedule[kind];
    if (!expression) return;
    const t = now();
    const due = occurrences(
      expression,
      schedule.timezone,
      t.getTime() - maxLateness,
      t.getTime(),
    ).pop();
    if (due === undefined) return;
    const at = new Date(due);
    if (!(await store.claimOccurrence(d.name, kind, at, t))) return;
    const outcome = await runOccurrence(options, d, kind, at);
    await store.finishOccurrence(d.name, kind, at, outcome);
    // Open pages show the occurrence (and a skip's history row).
    options.changes?.changed(d.name, ['status', 'history']);
    logger.info(
      `Scheduled ${kind} of ${d.name} at ${at.toISOString()}: ${
        outcome.outcome
      }${outcome.reason ? ` (${outcome.reason})` : ''}`,
    );
    if (outcome.outcome !== 'triggered') {
      await notifier.notify(d, 'schedule-skipped', {
        title: `${d.title}: scheduled ${kind} ${outcome.outcome}`,
        description: `The ${kind} scheduled at ${at.toISOString()} was ${
          outcome.outcome
        }: ${outcome.reason}.`,
        severity: outcome.outcome === 'failed' ? 'high' : 'normal',
      });
    }
  }

  async function warn(d: EnvironmentDefinition) {
    const { park, timezone, warnBeforeMs } = d.schedule!;
    const t = now();
    const next = nextAfter(park, timezone, t.getTime());
    if (next === undefined || next - t.getTime() > warnBeforeMs) return;
    const keep = await store.getKeepAwake(d.name);
    if (keep && Date.parse(keep.until) > next) return;
    const at = new Date(next);
    if (!(await store.claimOccurrence(d.name, 'park-warning', at, t))) return;
    await store.finishOccurrence(d.name, 'park-warning', at, {
      outcome: 'triggered',
    });
    await notifier.notify(d, 'scheduled-park', {
      title: `${d.title} parks at ${at.toISOString()}`,
      description: `The schedule parks ${d.title} in ${Math.round(
        (next - t.getTime()) / 60_000,
      )} minutes. To keep it running, choose "Keep awake" on the Environment tab.`,
    });
  }

  return {
    async tick() {
      // An occurrence whose instance stopped mid-way has an unknown outcome:
      // say so, and never run it again (the pipeline may have started).
      await store
        .expireClaims(
          new Date(now().getTime() - STALE_CLAIM_MS),
          'outcome unknown: the backend instance acting on it stopped; see the deploy history',
        )
        .catch(e => logger.warn(`Could not expire schedule claims: ${e}`));
      for (const d of options.definitions) {
        try {
          if (d.schedule) {
            await runDue(d, 'park');
            await runDue(d, 'unpark');
            await warn(d);
          }
          await watchWorkflows(options, d, now());
          if (options.images) {
            await watchImages({ ...options, images: options.images }, d, now());
          }
        } catch (e) {
          logger.error(`Schedule of ${d.name} failed: ${e}`);
        }
      }
    },

    async scheduleOf(d) {
      if (!d.schedule) return undefined;
      const t = now().getTime();
      const [keep, recent, actorProblem] = await Promise.all([
        store.getKeepAwake(d.name),
        store.recentRuns(d.name, 5),
        options.refusal(d).catch(e => `the actor could not be checked: ${e}`),
      ]);
      const kept = keep && Date.parse(keep.until) > t ? keep : undefined;
      return {
        nextPark: isoOf(nextAfter(d.schedule.park, d.schedule.timezone, t)),
        nextUnpark: isoOf(nextAfter(d.schedule.unpark, d.schedule.timezone, t)),
        timezone: d.schedule.timezone,
        keepAwakeUntil: kept?.until,
        keepAwakeBy: kept?.setBy,
        actor: d.schedule.actor,
        actorProblem,
        recent,
      };
    },

    async keepAwake(d, until, { credentials, request }) {
      const t = now();
      let untilMs: number | undefined;
      if (until !== null) {
        untilMs = Date.parse(until);
        if (!Number.isFinite(untilMs) || untilMs <= t.getTime()) {
          throw new InputError(
            `until ${JSON.stringify(until)} must be an ISO time in the future`,
          );
        }
        if (untilMs - t.getTime() > MAX_KEEP_AWAKE_MS) {
          throw new InputError(
            `until ${JSON.stringify(until)} is more than 7 days away`,
          );
        }
      }
      if (!d.schedule?.park) {
        throw new InputError(`${d.name} has no scheduled park to skip`);
      }
      const principal = credentials.principal as { userEntityRef?: string };
      const actor = principal.userEntityRef ?? 'a service';
      const audit = await options.auditor.createEvent({
        eventId: 'environment-keep-awake',
        severityLevel: 'medium',
        request,
        meta: { environment: d.name, actor, until },
      });
      try {
        const [decision] = await options.permissions.authorize(
          [{ permission: environmentParkPermission, resourceRef: d.entityRef }],
          { credentials },
        );
        if (
          decision.result !== AuthorizeResult.ALLOW ||
          !principal.userEntityRef
        ) {
          throw new NotAllowedError(
            `${actor} may not keep ${d.name} awake: only the owners of ${d.entityRef} may`,
          );
        }
        const result: KeepAwakeResult = {
          environment: d.name,
          keepAwakeUntil:
            untilMs === undefined ? null : new Date(untilMs).toISOString(),
        };
        if (result.keepAwakeUntil === null) {
          await store.clearKeepAwake(d.name);
        } else {
          await store.setKeepAwake({
            environment: d.name,
            until: result.keepAwakeUntil,
            setBy: principal.userEntityRef,
            setAt: t.toISOString(),
          });
        }
        await audit.success();
        options.changes?.changed(d.name, ['status']);
        return result;
      } catch (e) {
        await audit.fail({ error: e as Error });
        throw e;
      }
    },
  };
}
