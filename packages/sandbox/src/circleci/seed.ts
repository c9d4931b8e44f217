import { createHash } from 'node:crypto';
import { SeedCommit } from '../github/seed';
import { PipelineConfig } from './config';
import { PipelineEngine } from './engine';
import { JobRecord } from './model';
import { parametersRunningOnly } from './planner';

const HOUR = 60 * 60 * 1000;

/** The workflows the seeded history includes runs of. */
export interface SeedWorkflows {
  park: string;
  unpark: string;
  rebuild: string;
}

/** A job's seeded duration: one to five minutes, stable per job name. */
function duration(job: JobRecord): number {
  const n = createHash('sha1').update(job.name).digest().readUInt16BE(0);
  return 60_000 + (n % 240) * 1000;
}

/**
 * Records the pipelines of the seeded history, oldest first: a push pipeline
 * for every seeded commit that built a deployer image (its held apply
 * approved after a while), two image refreshes, then a park in the evening
 * and an unpark the next morning, so the environment starts active with a
 * history to show.
 */
export function seedPipelines(options: {
  engine: PipelineEngine;
  config: PipelineConfig;
  commits: SeedCommit[];
  anchor: number;
  branch: string;
  actor: string;
  workflows: SeedWorkflows;
  warn: (message: string) => void;
  /** Recent nights parked on a weeknight-style schedule; default 0. */
  parkedNights?: { count: number; now: number };
}): void {
  const { engine, config, commits, anchor, branch, actor } = options;
  const mode = (workflow: string) => {
    const parameters = parametersRunningOnly(config, workflow, branch);
    if (!parameters)
      options.warn(
        `no pipeline parameters run only workflow ${JSON.stringify(
          workflow,
        )}: not seeded`,
      );
    return parameters;
  };
  const events: Array<{
    at: number;
    parameters?: Record<string, unknown>;
    type: 'api' | 'webhook';
  }> = [];
  const revisionAt = (at: number) =>
    [...commits].reverse().find(c => c.date <= at)?.sha;
  const built = commits.filter(c => c.deployerTag);
  for (const commit of built) {
    events.push({ at: commit.date + 60_000, type: 'webhook' });
  }
  const rebuild = mode(options.workflows.rebuild);
  if (rebuild && built.length > 0) {
    events.push({
      at: built[0].date + 3 * HOUR,
      parameters: rebuild,
      type: 'api',
    });
    events.push({ at: anchor - 22 * HOUR, parameters: rebuild, type: 'api' });
  }
  const park = mode(options.workflows.park);
  const unpark = mode(options.workflows.unpark);
  if (park && unpark) {
    events.push({ at: anchor + 13 * HOUR, parameters: park, type: 'api' });
    events.push({ at: anchor + 24 * HOUR, parameters: unpark, type: 'api' });
    for (const at of parkedNightTimes(options.parkedNights, anchor)) {
      events.push({ at: at.park, parameters: park, type: 'api' });
      events.push({ at: at.unpark, parameters: unpark, type: 'api' });
    }
  }
  events
    .sort((a, b) => a.at - b.at)
    .forEach((event, i) =>
      engine.record(
        {
          branch,
          parameters: event.parameters,
          actor,
          triggerType: event.type,
          revision: revisionAt(event.at),
        },
        event.at,
        {
          seed: `seed-pipeline-${i}`,
          duration,
          approveAfterMs: 12 * 60_000,
          approver: actor,
        },
      ),
    );
}

/**
 * The last `count` nights before `now`, parked at 20:00 and unparked at
 * 07:00 (UTC), as a schedule would; only nights that ended before `now` and
 * began after the seeded history's anchor.
 */
export function parkedNightTimes(
  nights: { count: number; now: number } | undefined,
  anchor: number,
): { park: number; unpark: number }[] {
  if (!nights || nights.count <= 0) return [];
  const out: { park: number; unpark: number }[] = [];
  const midnight = Math.floor(nights.now / (24 * HOUR)) * 24 * HOUR;
  for (let day = 0; out.length < nights.count && day < 31; day++) {
    const unpark = midnight - day * 24 * HOUR + 7 * HOUR;
    const park = unpark - 11 * HOUR;
    if (unpark > nights.now) continue;
    if (park <= anchor + 24 * HOUR) break;
    out.unshift({ park, unpark });
  }
  return out;
}
