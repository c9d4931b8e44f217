import { SandboxClock } from '../clock';
import { JobRecord, PipelineRecord } from './model';

/** Where the plan jobs of `.circleci/config.yml` store their summary. */
export const PLAN_SUMMARY = 'terraform/plan-summary.json';

/** What a test or a demo makes a pipeline's plan summary be. */
export interface PlanOverride {
  /** The summary to serve instead of the one derived from the push. */
  summary?: unknown;
  /** How old the plan is when served, in milliseconds. */
  ageMs?: number;
  /** The job stored no summary. */
  missing?: boolean;
  /** The stored summary is not JSON. */
  invalid?: boolean;
}

type Change = [string, string, string[], string?];

/*
 * What a change under each Terraform module plans, roughly as the real
 * modules would: Aurora's cluster is replaced (a protected resource), task
 * definitions are replaced (they are immutable), the rest is updated.
 */
const MODULE_CHANGES: Record<string, Change> = {
  aurora: [
    'aws_rds_cluster',
    'this',
    ['delete', 'create'],
    'replace_because_cannot_update',
  ],
  ecs: ['aws_ecs_service', 'portal', ['update']],
  s3: ['aws_s3_bucket_lifecycle_configuration', 'assets', ['update']],
  iam: ['aws_iam_role_policy', 'this', ['update']],
  networking: ['aws_security_group', 'this', ['update']],
  'lambda-ork-processor': ['aws_lambda_function', 'this', ['update']],
  cloudfront: ['aws_cloudfront_distribution', 'this', ['update']],
  ecr: ['aws_ecr_lifecycle_policy', 'this', ['update']],
  secrets: ['aws_secretsmanager_secret', 'this', ['update']],
};

const MODULE_PATH = /^infra\/platform\/infra\/modules\/([^/]+)\//;
const ROOT_PATH = /^infra\/platform\/infra\/envs\/[^/]+\/[^/]+\.tf$/;

function resourceChange(module: string, [type, name, actions, reason]: Change) {
  return {
    address: `module.${module}.${type}.${name}`,
    module_address: `module.${module}`,
    mode: 'managed',
    type,
    name,
    change: { actions },
    ...(reason ? { action_reason: reason } : {}),
  };
}

/**
 * The value-free plan summary (the shape the wrapper's jq reduction of
 * `terraform show -json` writes) of a push that changed `paths`.
 */
export function planSummaryFor(paths: string[], timestamp: string) {
  const modules = new Set<string>();
  for (const path of paths) {
    const module = MODULE_PATH.exec(path)?.[1];
    if (module) modules.add(module);
    else if (ROOT_PATH.test(path)) modules.add('(root)');
  }
  const changes = [...modules]
    .sort()
    .map(module =>
      module === '(root)'
        ? resourceChange('ecs', [
            'aws_ecs_task_definition',
            'prefect_worker',
            ['create', 'delete'],
            'replace_because_cannot_update',
          ])
        : resourceChange(
            module,
            MODULE_CHANGES[module] ?? ['terraform_data', module, ['update']],
          ),
    );
  return {
    format_version: '1.2',
    terraform_version: '1.11.4',
    timestamp,
    resource_changes: changes,
    resource_drift: [],
    output_changes: {},
  };
}

/**
 * The artifacts jobs store: the plan summary of each plan job (a job whose
 * config has a `store_artifacts` step with destination PLAN_SUMMARY),
 * derived from what the pipeline's commit changed, unless overridden.
 */
export class PlanArtifacts {
  readonly #overrides = new Map<number, PlanOverride>();

  constructor(
    private readonly options: {
      clock: SandboxClock;
      /** Paths the commit changed against its first parent. */
      changedPaths(revision: string): string[];
    },
  ) {}

  /** Makes pipeline `number`'s plan summary what `override` says. */
  override(number: number, override: PlanOverride): void {
    this.#overrides.set(number, override);
  }

  reset(): void {
    this.#overrides.clear();
  }

  /** The paths a finished job stored. */
  list(pipeline: PipelineRecord, job: JobRecord): string[] {
    if (job.status !== 'success' && job.status !== 'failed') return [];
    const missing = this.#overrides.get(pipeline.number)?.missing;
    return job.artifacts.filter(p => !(missing && p === PLAN_SUMMARY));
  }

  /** The content of one stored artifact, or undefined. */
  content(pipeline: PipelineRecord, job: JobRecord, path: string) {
    if (!this.list(pipeline, job).includes(path)) return undefined;
    if (path !== PLAN_SUMMARY) return `${path} of job #${job.jobNumber}\n`;
    const override = this.#overrides.get(pipeline.number) ?? {};
    if (override.invalid) return '{"format_version": "1.2", "resource_chan';
    const at =
      (job.stoppedAt ?? this.options.clock.now()) - (override.ageMs ?? 0);
    const timestamp = new Date(at).toISOString().replace(/\.\d{3}Z$/, 'Z');
    if (override.summary !== undefined) {
      return JSON.stringify({ ...(override.summary as object), timestamp });
    }
    return JSON.stringify(
      planSummaryFor(
        this.options.changedPaths(pipeline.vcs.revision),
        timestamp,
      ),
    );
  }
}
