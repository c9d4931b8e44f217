import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config, readDurationFromConfig } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { durationToMilliseconds, HumanDuration } from '@backstage/types';
import { parseProjectSlug } from '../clients/circleci/projectSlug';
import { readCosts, readNotify, readSchedule } from './readSchedule';
import {
  EnvironmentDefinition,
  EnvironmentsConfig,
  ImageDefinition,
  PipelineParameterValue,
  PlanPolicy,
  WorkflowKind,
} from './types';

const DEFAULT_INGESTION: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 2 },
  timeout: { minutes: 5 },
  initialDelay: { seconds: 5 },
};
const DEFAULT_PROBES: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 1 },
  timeout: { minutes: 1 },
  initialDelay: { seconds: 5 },
};
const DEFAULT_HOUSEKEEPING: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 1 },
  timeout: { minutes: 1 },
  initialDelay: { seconds: 30 },
};
const DEFAULT_SCHEDULED_OPERATIONS: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 1 },
  timeout: { minutes: 2 },
  initialDelay: { seconds: 10 },
};
const DEFAULT_IMAGES: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 5 },
  timeout: { minutes: 2 },
  initialDelay: { seconds: 5 },
};
/** A view outlives a cron-scheduled refresh by this much. */
const CRON_VIEW_TTL_MS = 3600_000;
const WORKFLOW_KINDS: WorkflowKind[] = [
  'deploy',
  'park',
  'unpark',
  'rebuild',
  'drift',
];

function millis(config: Config | undefined, key: string, d: HumanDuration) {
  return durationToMilliseconds(
    config?.has(key) ? readDurationFromConfig(config, { key }) : d,
  );
}

function schedule(
  config: Config | undefined,
  fallback: SchedulerServiceTaskScheduleDefinition,
) {
  const c = config?.getOptionalConfig('schedule');
  return c ? readSchedulerServiceTaskScheduleDefinitionFromConfig(c) : fallback;
}

/** Stateful resources whose loss a plan must not slip past an approver. */
const DEFAULT_PROTECTED = [
  'aws_rds_cluster',
  'aws_rds_cluster_instance',
  'aws_s3_bucket',
  'aws_ecr_repository',
  'aws_secretsmanager_secret',
];

function readPlanPolicy(c: Config | undefined, where: string): PlanPolicy {
  const onProtectedChange =
    c?.getOptionalString('onProtectedChange') ?? 'confirm';
  if (onProtectedChange !== 'confirm' && onProtectedChange !== 'refuse') {
    throw new InputError(
      `${where}.plan.onProtectedChange must be 'confirm' or 'refuse', not '${onProtectedChange}'`,
    );
  }
  return {
    job: c?.getOptionalString('job') ?? 'terraform-prod-plan',
    driftJob: c?.getOptionalString('driftJob') ?? 'terraform-drift-plan',
    artifact: c?.getOptionalString('artifact') ?? 'terraform/plan-summary.json',
    maxAgeMs: millis(c, 'maxAge', { days: 14 }),
    protect: c?.getOptionalStringArray('protect') ?? DEFAULT_PROTECTED,
    onProtectedChange,
  };
}

/** Three refresh periods, and never less than the cache TTLs. */
function viewTtl(
  s: SchedulerServiceTaskScheduleDefinition,
  cacheTtlMs: number,
): number {
  const f = s.frequency;
  const periodMs =
    typeof f === 'object' && !('cron' in f) && !('trigger' in f)
      ? durationToMilliseconds(f as HumanDuration)
      : CRON_VIEW_TTL_MS / 3;
  return Math.max(3 * periodMs, cacheTtlMs);
}

function readImage(name: string, c: Config, where: string): ImageDefinition {
  const tagPattern = c.getOptionalString('tagPattern');
  const tag = c.getOptionalString('tag');
  if (!tagPattern === !tag) {
    throw new InputError(
      `${where}.images.${name} must set exactly one of tagPattern and tag`,
    );
  }
  let pattern: RegExp | undefined;
  if (tagPattern) {
    try {
      pattern = new RegExp(tagPattern);
    } catch (e) {
      throw new InputError(
        `${where}.images.${name}.tagPattern '${tagPattern}' is not a valid regular expression: ${e}`,
      );
    }
  }
  return {
    name,
    local: c.getString('local'),
    ecrRepository: c.getString('ecrRepository'),
    tagPattern: pattern,
    tag,
  };
}

function readParameters(c: Config | undefined) {
  const out: Record<string, PipelineParameterValue> = {};
  for (const key of c?.keys() ?? []) {
    out[key] = c!.get<PipelineParameterValue>(key);
  }
  return out;
}

function readDefinition(name: string, c: Config): EnvironmentDefinition {
  const where = `environments.definitions.${name}`;
  const repository = c.getConfig('repository');
  const branch = repository.getOptionalString('branch');
  const root = c.getString('terraform.root').replace(/\/+$/, '');
  const file = c.getOptionalString('terraform.file') ?? 'main.tf';
  const images = c.getOptionalConfig('images');
  const endpoints = c.getOptionalConfig('endpoints');
  const params = c.getOptionalConfig('parameters');
  const scheduleConfig = c.getOptionalConfig('schedule');
  const workflows: EnvironmentDefinition['workflows'] = {};
  for (const kind of WORKFLOW_KINDS) {
    workflows[kind] = c.getOptionalString(`workflows.${kind}`);
  }
  return {
    name,
    title: c.getOptionalString('title') ?? name,
    entityRef: c.getOptionalString('entityRef') ?? `resource:default/${name}`,
    repository: {
      host: repository.getOptionalString('host') ?? 'github.com',
      owner: repository.getString('owner'),
      name: repository.getString('name'),
      branch,
    },
    circleci: {
      project: parseProjectSlug(c.getString('circleci.projectSlug')),
      branch: c.getOptionalString('circleci.branch') ?? branch,
    },
    terraform: { root, file, path: root ? `${root}/${file}` : file },
    images: (images?.keys() ?? []).map(image =>
      readImage(image, images!.getConfig(image), where),
    ),
    workflows,
    parameters: {
      park: readParameters(params?.getOptionalConfig('park')),
      unpark: readParameters(params?.getOptionalConfig('unpark')),
      rebuild: readParameters(params?.getOptionalConfig('rebuild')),
      drift: readParameters(params?.getOptionalConfig('drift')),
    },
    endpoints: (endpoints?.keys() ?? []).map(endpoint => ({
      name: endpoint,
      url: endpoints!.getString(`${endpoint}.url`),
    })),
    plan: readPlanPolicy(c.getOptionalConfig('plan'), where),
    schedule:
      scheduleConfig && readSchedule(scheduleConfig, `${where}.schedule`),
    costs: readCosts(c.getOptionalConfig('costs'), where),
    notify: readNotify(c.getOptionalConfig('notify')),
  };
}

/**
 * Reads and checks the `environments` config block, filling in defaults.
 */
export function readEnvironmentsConfig(root: Config): EnvironmentsConfig {
  const config = root.getOptionalConfig('environments');
  const circleci = config?.getOptionalConfig('circleci');
  const ecr = config?.getOptionalConfig('ecr');
  const ingestion = config?.getOptionalConfig('ingestion');
  const probes = config?.getOptionalConfig('probes');
  const cache = config?.getOptionalConfig('cache');
  const operations = config?.getOptionalConfig('operations');
  const imagesSchedule = schedule(
    config?.getOptionalConfig('images'),
    DEFAULT_IMAGES,
  );
  const ecrTtlMs = millis(cache, 'ecrTtl', { minutes: 5 });
  const githubTtlMs = millis(cache, 'githubTtl', { minutes: 5 });
  const definitions = config?.getOptionalConfig('definitions');
  return {
    circleci: circleci && {
      baseUrl: (
        circleci.getOptionalString('baseUrl') ?? 'https://circleci.com/api/v2'
      ).replace(/\/+$/, ''),
      appBaseUrl: (
        circleci.getOptionalString('appBaseUrl') ?? 'https://app.circleci.com'
      ).replace(/\/+$/, ''),
      token: circleci.getString('token'),
      webhookSecret: circleci.getOptionalString('webhookSecret'),
      requestTimeoutMs: millis(circleci, 'requestTimeout', { seconds: 10 }),
      maxRetries: circleci.getOptionalNumber('maxRetries') ?? 3,
    },
    ecr: ecr && {
      region: ecr.getString('region'),
      endpoint: ecr.getOptionalString('endpoint'),
      accountId: ecr.getOptionalString('accountId'),
    },
    ingestion: {
      schedule: schedule(ingestion, DEFAULT_INGESTION),
      maxPages: ingestion?.getOptionalNumber('maxPages') ?? 5,
      firstSyncMaxPages:
        ingestion?.getOptionalNumber('firstSyncMaxPages') ?? 50,
    },
    operations: {
      reconcileWindowMs: millis(operations, 'reconcileWindow', { minutes: 2 }),
      lockTtlMs: millis(operations, 'lockTtl', { hours: 2 }),
    },
    housekeeping: {
      schedule: schedule(
        config?.getOptionalConfig('housekeeping'),
        DEFAULT_HOUSEKEEPING,
      ),
    },
    scheduledOperations: {
      schedule: schedule(
        config?.getOptionalConfig('scheduledOperations'),
        DEFAULT_SCHEDULED_OPERATIONS,
      ),
    },
    probes: {
      schedule: schedule(probes, DEFAULT_PROBES),
      timeoutMs: millis(probes, 'timeout', { seconds: 5 }),
      retentionMs: millis(probes, 'retention', { days: 7 }),
    },
    images: {
      schedule: imagesSchedule,
      viewTtlMs: viewTtl(imagesSchedule, Math.max(ecrTtlMs, githubTtlMs)),
    },
    cache: {
      ecrTtlMs,
      githubTtlMs,
      readDecisionTtlMs: millis(cache, 'readDecisionTtl', { seconds: 10 }),
      statusTtlMs: millis(cache, 'statusTtl', { seconds: 2 }),
    },
    definitions: (definitions?.keys() ?? []).map(name =>
      readDefinition(name, definitions!.getConfig(name)),
    ),
  };
}
