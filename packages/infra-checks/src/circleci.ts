import { loadContract } from '@rocket-club/contracts';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { parse as parseYaml } from 'yaml';
import { SEED } from './seed';

/**
 * A parsed `.circleci/config.yml`.
 *
 * @public
 */
export type CircleConfig = Record<string, any>;

/**
 * Parses a CircleCI config.
 *
 * @public
 */
export function parseCircleConfig(text: string): CircleConfig {
  return parseYaml(text) as CircleConfig;
}

/**
 * Validates a config against the official JSON schema of
 * `.circleci/config.yml` (`@rocket-club/contracts`), returning one line per
 * error.
 *
 * @public
 */
export function validateAgainstSchema(config: CircleConfig): string[] {
  const schema = loadContract('circleciConfig');
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  if (validate(config)) return [];
  return (validate.errors ?? []).map(
    e =>
      `schema: ${e.instancePath || '/'} ${e.message} ${JSON.stringify(
        e.params,
      )}`,
  );
}

/**
 * Every `<< pipeline.parameters.x >>` is a declared pipeline parameter, and
 * every `<< parameters.x >>` inside a job or command is one of its own.
 *
 * @public
 */
export function checkParameterReferences(config: CircleConfig): string[] {
  const problems: string[] = [];
  const declared = new Set(Object.keys(config.parameters ?? {}));
  const text = JSON.stringify(config);
  for (const [, name] of text.matchAll(
    /<<\s*pipeline\.parameters\.([A-Za-z0-9_-]+)\s*>>/g,
  )) {
    if (!declared.has(name))
      problems.push(`pipeline.parameters.${name} is used but not declared`);
  }
  for (const kind of ['jobs', 'commands'] as const) {
    for (const [name, body] of Object.entries<any>(config[kind] ?? {})) {
      const own = new Set(Object.keys(body?.parameters ?? {}));
      for (const [, p] of JSON.stringify(body).matchAll(
        /<<\s*parameters\.([A-Za-z0-9_-]+)\s*>>/g,
      )) {
        if (!own.has(p))
          problems.push(
            `${kind}.${name} uses parameters.${p}, which it does not declare`,
          );
      }
    }
  }
  return [...new Set(problems)];
}

/**
 * The seed's four mode parameters and the drift mode: booleans with these
 * defaults.
 *
 * @public
 */
export const MODE_PARAMETERS: Record<string, boolean> = {
  ...SEED.parameters,
  'terraform-drift-mode': false,
};

/**
 * The mode parameters exist as booleans with the seed's defaults (and the
 * drift mode off by default).
 *
 * @public
 */
export function checkModeParameters(config: CircleConfig): string[] {
  return Object.entries(MODE_PARAMETERS).flatMap(([name, def]) => {
    const spec = config.parameters?.[name];
    if (!spec) return [`pipeline parameter "${name}" is missing`];
    if (spec.type !== 'boolean' || spec.default !== def) {
      return [
        `pipeline parameter "${name}" must be boolean with default ${def}, found ${JSON.stringify(
          spec,
        )}`,
      ];
    }
    return [];
  });
}

/** A workflow's jobs: name (or `name:` override) => invocation. */
export function workflowJobs(
  workflow: any,
): Map<string, { job: string; spec: any }> {
  const jobs = new Map<string, { job: string; spec: any }>();
  for (const entry of workflow?.jobs ?? []) {
    const [job, spec] =
      typeof entry === 'string' ? [entry, {}] : Object.entries<any>(entry)[0];
    jobs.set(spec?.name ?? job, { job, spec: spec ?? {} });
  }
  return jobs;
}

/** Everything `name` transitively requires in the workflow. */
export function ancestors(
  jobs: Map<string, { spec: any }>,
  name: string,
): Set<string> {
  const seen = new Set<string>();
  const visit = (n: string) => {
    for (const r of jobs.get(n)?.spec.requires ?? []) {
      if (!seen.has(r)) {
        seen.add(r);
        visit(r);
      }
    }
  };
  visit(name);
  return seen;
}

/**
 * Each seed workflow exists with its jobs, each waiting for the one before;
 * every job is defined; the approval hold is an approval job and the apply
 * cannot start before it.
 *
 * @public
 */
export function checkWorkflows(config: CircleConfig): string[] {
  const problems: string[] = [];
  const defined = new Set(Object.keys(config.jobs ?? {}));
  for (const [name, expected] of Object.entries(SEED.workflowJobs)) {
    const workflow = config.workflows?.[name];
    if (!workflow) {
      problems.push(`workflow "${name}" is missing`);
      continue;
    }
    const jobs = workflowJobs(workflow);
    expected.forEach((job, i) => {
      if (!jobs.has(job))
        problems.push(`workflow "${name}" has no job "${job}"`);
      else if (i > 0 && !ancestors(jobs, job).has(expected[i - 1])) {
        problems.push(
          `workflow "${name}": "${job}" does not wait for "${expected[i - 1]}"`,
        );
      }
    });
  }
  for (const [name, workflow] of Object.entries<any>(config.workflows ?? {})) {
    for (const [invocation, { job, spec }] of workflowJobs(workflow)) {
      if (spec.type !== 'approval' && !defined.has(job) && !job.includes('/')) {
        problems.push(
          `workflow "${name}" runs "${invocation}", which is not a defined job`,
        );
      }
    }
  }
  const deploy = workflowJobs(config.workflows?.[SEED.workflows.deploy]);
  if (deploy.get(SEED.approvalJob)?.spec.type !== 'approval') {
    problems.push(`"${SEED.approvalJob}" must be a job of type approval`);
  }
  if (!ancestors(deploy, SEED.applyJob).has(SEED.approvalJob)) {
    problems.push(`"${SEED.applyJob}" can start without "${SEED.approvalJob}"`);
  }
  if (!deploy.has(SEED.deployerJob)) {
    problems.push(
      `workflow "${SEED.workflows.deploy}" does not build the deployer image ("${SEED.deployerJob}")`,
    );
  }
  return problems;
}

/**
 * The text of every `run` command of a job (for checks of what it pushes).
 *
 * @public
 */
export function jobCommands(config: CircleConfig, job: string): string {
  return (config.jobs?.[job]?.steps ?? [])
    .map((step: any) => (typeof step === 'object' ? step.run : undefined))
    .map((run: any) => (typeof run === 'string' ? run : run?.command ?? ''))
    .join('\n');
}

/**
 * The image jobs push the seed's tags: the base job the fixed tag, the
 * deployer job `prefect-deployer-3-python3.12-${CIRCLE_SHA1:0:7}` without
 * ever overwriting it.
 *
 * @public
 */
export function checkImageJobs(config: CircleConfig): string[] {
  const problems: string[] = [];
  const base = jobCommands(config, SEED.baseImageJob);
  if (
    !base.includes('infra/platform/docker/prefect-base-ecs') ||
    !base.includes(`--tag ${SEED.baseTag}`)
  ) {
    problems.push(
      `"${SEED.baseImageJob}" must build infra/platform/docker/prefect-base-ecs as ${SEED.baseTag}`,
    );
  }
  const deployer = jobCommands(config, SEED.deployerJob);
  if (!deployer.includes('prefect-deployer-3-python3.12-${CIRCLE_SHA1:0:7}')) {
    problems.push(
      `"${SEED.deployerJob}" must tag prefect-deployer-3-python3.12-\${CIRCLE_SHA1:0:7}`,
    );
  }
  if (!deployer.includes('--if-exists keep')) {
    problems.push(
      `"${SEED.deployerJob}" must refuse to overwrite an existing tag (--if-exists keep)`,
    );
  }
  return problems;
}
