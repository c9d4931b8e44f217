import { setTimeout as sleep } from 'node:timers/promises';
import {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { isError } from '@backstage/errors';
import type {
  Deployment,
  PipelineRef,
  WorkflowStatus,
} from '@rocket-club/plugin-environments-common';
import { callEnvironments } from '../client/callEnvironments';
import { oneLine, WorkflowOutcomeError } from '../client/errors';
import type { EnvironmentActionOptions } from './options';

/** Time, injectable so that tests need not wait. */
export interface Clock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** The real clock. */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) => sleep(ms, undefined, { signal }),
};

const TERMINAL = new Set<WorkflowStatus>([
  'success',
  'failed',
  'error',
  'canceled',
  'not_run',
  'unauthorized',
]);

/** Failed outcomes, the first present one deciding the pipeline's. */
const FAILURES: WorkflowStatus[] = [
  'failed',
  'error',
  'unauthorized',
  'canceled',
];

/**
 * The outcome of a pipeline from its workflows: undefined while any is still
 * going (or none has been seen), else the first failure or `success`. A
 * pipeline whose workflows all did not run has the outcome `not_run`.
 */
export function pipelineOutcome(
  workflows: Deployment[],
): WorkflowStatus | undefined {
  if (!workflows.length || workflows.some(w => !TERMINAL.has(w.status))) {
    return undefined;
  }
  const statuses = new Set(workflows.map(w => w.status));
  return (
    FAILURES.find(s => statuses.has(s)) ??
    (statuses.has('success') ? 'success' : 'not_run')
  );
}

/**
 * The newest run of each workflow. Rerunning a workflow in CircleCI adds a
 * new workflow of the same name to the pipeline; the old run no longer
 * decides the outcome.
 */
export function latestRuns(workflows: Deployment[]): Deployment[] {
  const newest = new Map<string, Deployment>();
  for (const run of workflows) {
    const seen = newest.get(run.workflowName);
    if (!seen || Date.parse(run.createdAt) > Date.parse(seen.createdAt)) {
      newest.set(run.workflowName, run);
    }
  }
  return [...newest.values()];
}

/** What to wait for, and how. */
export interface WaitOptions {
  /** The services that reach the environments backend. */
  options: EnvironmentActionOptions;
  environment: string;
  /** For messages, e.g. `park`. */
  operation: string;
  pipeline: PipelineRef;
  credentials: BackstageCredentials;
  timeoutMs: number;
  pollIntervalMs: number;
  clock: Clock;
  logger: LoggerService;
  signal?: AbortSignal;
}

/**
 * Polls the environment's deploy history until every workflow of the
 * pipeline has finished, and returns the pipeline's outcome. Throws when the
 * timeout passes first. An unavailable backend is retried until then.
 */
export async function waitForPipelineWorkflows(
  options: WaitOptions,
): Promise<{ status: WorkflowStatus; workflows: Deployment[] }> {
  const { environment, pipeline, clock, logger } = options;
  const deadline = clock.now() + options.timeoutMs;
  let seen = 'no workflow seen yet';

  for (;;) {
    try {
      const page = await callEnvironments(
        options.options,
        {
          credentials: options.credentials,
          what: `read the deploy history of '${environment}'`,
          signal: options.signal,
        },
        client =>
          client.getDeployments(
            environment,
            { limit: 20 },
            { signal: options.signal },
          ),
      );
      const workflows = latestRuns(
        page.items.filter(d => d.pipeline.id === pipeline.id),
      );
      const now = describeWorkflows(workflows);
      if (now !== seen) {
        logger.info(`Pipeline #${pipeline.number}: ${now}`);
        seen = now;
      }
      const status = pipelineOutcome(workflows);
      if (status) {
        return { status, workflows };
      }
    } catch (error) {
      if (!isError(error) || error.name !== 'ServiceUnavailableError') {
        throw error;
      }
      logger.warn(`${error.message}; retrying`);
    }

    const remaining = deadline - clock.now();
    if (remaining <= 0) {
      const minutes = Math.round(options.timeoutMs / 60_000);
      const after = minutes === 1 ? '1 minute' : `${minutes} minutes`;
      throw oneLine(
        new WorkflowOutcomeError(
          `Timed out after ${after} waiting for ${options.operation} pipeline #${pipeline.number} of '${environment}' (${seen}): ${pipeline.url}`,
        ),
      );
    }
    await clock.sleep(
      Math.min(options.pollIntervalMs, remaining),
      options.signal,
    );
  }
}

/** One line naming each workflow and its status. */
export function describeWorkflows(workflows: Deployment[]): string {
  return workflows.length
    ? workflows.map(w => `${w.workflowName} ${w.status}`).join(', ')
    : 'no workflow seen yet';
}
