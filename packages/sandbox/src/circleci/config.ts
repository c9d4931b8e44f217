import type { PipelineParameterDeclaration } from '@rocket-club/plugin-environments-node';
import { parse } from 'yaml';

/** A job as a workflow uses it. */
export interface WorkflowJob {
  /** The name in the workflow (`name:` overrides the job's own). */
  name: string;
  /** The job definition, or an orb job. */
  job: string;
  type: 'build' | 'approval';
  requires: string[];
  branches?: { only?: string[]; ignore?: string[] };
  /** Whether the job's own steps end by failing (`exit 1`). */
  failsByDesign: boolean;
  /** Where its `store_artifacts` steps store things (their `destination`). */
  artifacts: string[];
}

/** A workflow of the config. */
export interface WorkflowDefinition {
  name: string;
  when?: unknown;
  unless?: unknown;
  jobs: WorkflowJob[];
}

/** What the stand-in needs from `.circleci/config.yml`. */
export interface PipelineConfig {
  parameters: Record<string, PipelineParameterDeclaration>;
  workflows: WorkflowDefinition[];
  /** The parsed document, for schema checks. */
  document: any;
}

function asList(value: unknown): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value.map(String) : [String(value)];
}

/** A job whose last step is a command ending in `exit <n>` (n ≠ 0) or `false`. */
function failsByDesign(definition: any): boolean {
  const steps: any[] = Array.isArray(definition?.steps) ? definition.steps : [];
  const last = steps[steps.length - 1];
  const command = typeof last?.run === 'string' ? last.run : last?.run?.command;
  if (typeof command !== 'string') return false;
  const lines = command
    .trim()
    .split('\n')
    .map(l => l.trim())
    .filter(Boolean);
  const final = lines[lines.length - 1] ?? '';
  return /^exit\s+[1-9]\d*$/.test(final) || final === 'false';
}

/**
 * The `destination` (or `path`) of each `store_artifacts` step of a job,
 * through the reusable `commands` its steps invoke.
 */
function artifactsOf(
  definition: any,
  commands: Record<string, any>,
  depth = 0,
): string[] {
  const steps: any[] = Array.isArray(definition?.steps) ? definition.steps : [];
  return steps.flatMap(step => {
    const name = typeof step === 'string' ? step : Object.keys(step ?? {})[0];
    if (name === 'store_artifacts') {
      const a = step.store_artifacts ?? {};
      return [String(a.destination ?? a.path)];
    }
    const command = name ? commands[name] : undefined;
    return command && depth < 10
      ? artifactsOf(command, commands, depth + 1)
      : [];
  });
}

function requiresOf(value: unknown): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value))
    throw new Error(`requires must be a list, got ${JSON.stringify(value)}`);
  // `- job` or `- job: [success, failed]` (status-aware requires).
  return value.map(item =>
    typeof item === 'string' ? item : Object.keys(item)[0],
  );
}

function workflowJob(
  item: unknown,
  jobs: Record<string, any>,
  commands: Record<string, any>,
): WorkflowJob {
  if (typeof item === 'string') {
    return {
      name: item,
      job: item,
      type: 'build',
      requires: [],
      failsByDesign: failsByDesign(jobs[item]),
      artifacts: artifactsOf(jobs[item], commands),
    };
  }
  const [job, settings = {}] =
    Object.entries(item as Record<string, any>)[0] ?? [];
  if (!job) throw new Error(`Empty job entry in a workflow`);
  const s = settings ?? {};
  const branches = s.filters?.branches;
  return {
    name: typeof s.name === 'string' ? s.name : job,
    job,
    type: s.type === 'approval' ? 'approval' : 'build',
    requires: requiresOf(s.requires),
    branches: branches
      ? {
          only: branches.only && asList(branches.only),
          ignore: branches.ignore && asList(branches.ignore),
        }
      : undefined,
    failsByDesign: s.type === 'approval' ? false : failsByDesign(jobs[job]),
    artifacts: s.type === 'approval' ? [] : artifactsOf(jobs[job], commands),
  };
}

/**
 * Reads a `.circleci/config.yml`: its pipeline parameters, and its workflows
 * with their conditions and jobs in order. Throws on YAML or structural
 * errors, with the message CircleCI's errored pipeline would carry.
 */
export function parsePipelineConfig(text: string): PipelineConfig {
  const document = parse(text);
  if (!document || typeof document !== 'object') {
    throw new Error('Config is empty or not a mapping');
  }
  const jobs = document.jobs ?? {};
  const workflows: WorkflowDefinition[] = Object.entries<any>(
    document.workflows ?? {},
  )
    .filter(([name]) => name !== 'version')
    .map(([name, workflow]) => {
      const list = workflow?.jobs;
      if (!Array.isArray(list))
        throw new Error(`Workflow ${name} has no jobs list`);
      const parsed = list.map(item =>
        workflowJob(item, jobs, document.commands ?? {}),
      );
      const names = new Set(parsed.map(j => j.name));
      for (const job of parsed) {
        if (
          job.type === 'build' &&
          !(job.job in jobs) &&
          !job.job.includes('/')
        ) {
          throw new Error(
            `Job '${job.job}' (workflow ${name}) is not defined in jobs`,
          );
        }
        for (const required of job.requires) {
          if (!names.has(required)) {
            throw new Error(
              `Job '${job.name}' requires '${required}', which is not in workflow ${name}`,
            );
          }
        }
      }
      return {
        name,
        when: workflow.when,
        unless: workflow.unless,
        jobs: parsed,
      };
    });
  return { parameters: document.parameters ?? {}, workflows, document };
}

/** Whether a workflow job runs on `branch` under its branch filters. */
export function branchAllowed(
  job: WorkflowJob,
  branch: string | undefined,
): boolean {
  if (!job.branches) return true;
  const test = (pattern: string) =>
    pattern.startsWith('/') && pattern.endsWith('/')
      ? new RegExp(`^(?:${pattern.slice(1, -1)})$`).test(branch ?? '')
      : pattern === branch;
  if (job.branches.only) return job.branches.only.some(test);
  if (job.branches.ignore) return !job.branches.ignore.some(test);
  return true;
}
