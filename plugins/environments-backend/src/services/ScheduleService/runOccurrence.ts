import type {
  AuditorService,
  BackstageCredentials,
  BackstageServicePrincipal,
} from '@backstage/backend-plugin-api';
import type { ScheduledRun } from '@rocket-club/plugin-environments-common';
import type { EnvironmentDefinition } from '../../config';
import type { EnvironmentsStore } from '../../database/EnvironmentsStore';
import type { ScheduleStore } from '../../database/ScheduleStore';
import type { OperationsService } from '../OperationsService/types';

/** What one occurrence needs. */
export interface OccurrenceDeps {
  store: ScheduleStore;
  history: Pick<
    EnvironmentsStore,
    'listUnfinishedWorkflows' | 'newestWorkflow'
  >;
  operations: Pick<OperationsService, 'park' | 'unpark'>;
  auditor: AuditorService;
  credentials: () => Promise<BackstageCredentials<BackstageServicePrincipal>>;
  /** Why the actor may not act on the environment, if it may not. */
  refusal: (definition: EnvironmentDefinition) => Promise<string | undefined>;
}

type Outcome = Omit<ScheduledRun, 'kind' | 'at'>;

/** Why the occurrence must not act, or undefined when it may. */
async function skipReason(
  deps: OccurrenceDeps,
  d: EnvironmentDefinition,
  kind: 'park' | 'unpark',
  at: Date,
): Promise<string | undefined> {
  if (kind === 'park') {
    const keep = await deps.store.getKeepAwake(d.name);
    if (keep && Date.parse(keep.until) > at.getTime()) {
      return `kept awake until ${keep.until} by ${keep.setBy}`;
    }
  }
  const inFlight = (await deps.history.listUnfinishedWorkflows(d.name)).find(
    w => ['deploy', 'park', 'unpark'].includes(w.kind),
  );
  if (inFlight) {
    const state =
      inFlight.status === 'on_hold' ? 'awaiting approval' : 'running';
    return `${inFlight.kind} #${inFlight.pipelineNumber} ${state}`;
  }
  const [parked, unparked] = await Promise.all([
    deps.history.newestWorkflow(d.name, 'park', ['success']),
    deps.history.newestWorkflow(d.name, 'unpark'),
  ]);
  // Parked since the newest successful park, unless an unpark started after.
  const isParked =
    !!parked && (!unparked || parked.createdAt > unparked.createdAt);
  if (kind === 'park' && isParked) {
    return `already parked since ${parked!.stoppedAt ?? parked!.createdAt}`;
  }
  if (kind === 'unpark' && !isParked) return 'not parked';
  return undefined;
}

/**
 * Acts on one claimed occurrence of the schedule: skips it with the reason
 * (kept awake, a deploy running or held, already parked), or runs the park
 * or unpark through the operations service, with an idempotency key of its
 * own, so a retry after a crash replays rather than triggers again. Every
 * attempt to act leaves an audit event naming the actor.
 */
export async function runOccurrence(
  deps: OccurrenceDeps,
  d: EnvironmentDefinition,
  kind: 'park' | 'unpark',
  at: Date,
): Promise<Outcome> {
  const skipped = await skipReason(deps, d, kind, at);
  if (skipped) return { outcome: 'skipped', reason: skipped };
  const refused = await deps.refusal(d);
  const audit = await deps.auditor.createEvent({
    eventId: 'environment-scheduled-operation',
    severityLevel: 'medium',
    meta: {
      operation: kind,
      environment: d.name,
      actor: d.schedule!.actor,
      occurrence: at.toISOString(),
    },
  });
  if (refused) {
    await audit.fail({ error: new Error(refused) });
    return { outcome: 'failed', reason: refused };
  }
  try {
    const result = await deps.operations[kind]({
      environment: d.name,
      credentials: await deps.credentials(),
      idempotencyKey: `schedule:${d.name}:${kind}:${at.toISOString()}`,
    });
    await audit.success({
      meta: { pipelineNumber: result.pipeline?.number ?? null },
    });
    return { outcome: 'triggered', pipelineNumber: result.pipeline?.number };
  } catch (error) {
    const e = error as Error;
    await audit.fail({ error: e });
    // A lock taken meanwhile is a skip like any other: someone else acts.
    return e.name === 'ConflictError'
      ? { outcome: 'skipped', reason: e.message }
      : { outcome: 'failed', reason: e.message };
  }
}
