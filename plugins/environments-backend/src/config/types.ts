import { SchedulerServiceTaskScheduleDefinition } from '@backstage/backend-plugin-api';
import { ProjectSlug } from '../clients/circleci/projectSlug';

/** The operations an environment's workflows perform. */
export type WorkflowKind = 'deploy' | 'park' | 'unpark' | 'rebuild';

/** A pipeline parameter value, as CircleCI accepts it. */
export type PipelineParameterValue = string | number | boolean;

/** CircleCI connection settings. */
export interface CircleCiSettings {
  baseUrl: string;
  appBaseUrl: string;
  token: string;
  webhookSecret?: string;
  requestTimeoutMs: number;
  maxRetries: number;
}

/** ECR connection settings. */
export interface EcrSettings {
  region: string;
  endpoint?: string;
  accountId?: string;
}

/** One image an environment pins in Terraform. */
export interface ImageDefinition {
  name: string;
  local: string;
  ecrRepository: string;
  /** Tags the image may take (bumpable images). */
  tagPattern?: RegExp;
  /** A fixed tag (images rebuilt in place). */
  tag?: string;
}

/** One endpoint to probe. */
export interface EndpointDefinition {
  name: string;
  url: string;
}

/** One environment, as configured under `environments.definitions`. */
export interface EnvironmentDefinition {
  name: string;
  title: string;
  entityRef: string;
  repository: { host: string; owner: string; name: string; branch?: string };
  circleci: { project: ProjectSlug; branch?: string };
  terraform: { root: string; file: string; path: string };
  images: ImageDefinition[];
  workflows: Partial<Record<WorkflowKind, string>>;
  parameters: Partial<
    Record<
      'park' | 'unpark' | 'rebuild',
      Record<string, PipelineParameterValue>
    >
  >;
  endpoints: EndpointDefinition[];
  schedule?: { park?: string; unpark?: string; timezone: string };
}

/** The whole `environments` config block, read and checked. */
export interface EnvironmentsConfig {
  circleci?: CircleCiSettings;
  ecr?: EcrSettings;
  ingestion: {
    schedule: SchedulerServiceTaskScheduleDefinition;
    maxPages: number;
  };
  probes: {
    schedule: SchedulerServiceTaskScheduleDefinition;
    timeoutMs: number;
    retentionMs: number;
  };
  images: {
    schedule: SchedulerServiceTaskScheduleDefinition;
    /** How long a refreshed view is served. */
    viewTtlMs: number;
  };
  cache: {
    ecrTtlMs: number;
    githubTtlMs: number;
    readDecisionTtlMs: number;
    statusTtlMs: number;
  };
  definitions: EnvironmentDefinition[];
}
