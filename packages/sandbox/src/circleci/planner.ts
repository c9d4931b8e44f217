import { branchAllowed, PipelineConfig } from './config';
import {
  PipelineValues,
  workflowRuns,
} from '@rocket-club/plugin-environments-node';

/** The workflows a config runs for `parameters` (over the defaults) on `branch`. */
export function workflowsFor(
  config: PipelineConfig,
  parameters: Record<string, unknown>,
  branch: string,
): string[] {
  const values: PipelineValues = {
    parameters: {
      ...Object.fromEntries(
        Object.entries(config.parameters).map(([k, d]) => [k, d.default]),
      ),
      ...parameters,
    },
    git: { branch, revision: '0'.repeat(40) },
    project: { slug: 'gh/sandbox/sandbox' },
    number: 1,
    triggerSource: 'api',
  };
  return config.workflows
    .filter(w => workflowRuns(w, values))
    .filter(w => w.jobs.some(j => branchAllowed(j, branch)))
    .map(w => w.name);
}

/**
 * The fewest boolean parameter flips (from the declared defaults) under
 * which exactly `workflow` runs on `branch`, or undefined if none does. The
 * seeded history uses it, so it needs no parameter names of its own.
 */
export function parametersRunningOnly(
  config: PipelineConfig,
  workflow: string,
  branch: string,
): Record<string, boolean> | undefined {
  const booleans = Object.entries(config.parameters)
    .filter(([, d]) => d.type === 'boolean')
    .map(([name, d]) => ({ name, default: Boolean(d.default) }));
  if (booleans.length > 12) return undefined;
  const candidates = Array.from(
    { length: 2 ** booleans.length },
    (_, mask) => mask,
  ).sort((a, b) => bitCount(a) - bitCount(b) || a - b);
  for (const mask of candidates) {
    const parameters = Object.fromEntries(
      booleans.filter((_, i) => mask & (1 << i)).map(p => [p.name, !p.default]),
    );
    const runs = workflowsFor(config, parameters, branch);
    if (runs.length === 1 && runs[0] === workflow) return parameters;
  }
  return undefined;
}

function bitCount(n: number): number {
  let count = 0;
  for (let x = n; x; x &= x - 1) count++;
  return count;
}
