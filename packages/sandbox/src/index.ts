/**
 * Loopback stand-ins for CircleCI, GitHub, ECR and the environment's
 * endpoints, for running the portal offline and for end-to-end tests.
 *
 * @packageDocumentation
 */

export { startSandbox } from './startSandbox';
export type { Sandbox } from './sandbox';
export type { SandboxOptions } from './options';
export {
  SandboxAdminClient,
  SandboxAdminError,
} from './admin/SandboxAdminClient';
export type {
  SandboxFaults,
  SandboxPipeline,
  SandboxPlanOverride,
  SandboxPushResult,
  SandboxState,
} from './admin/SandboxAdminClient';
export { ManualClock, SystemClock } from './clock';
export type { SandboxClock } from './clock';
export type { SandboxLogger } from './logger';
export type { ContractMode, ContractViolation } from './contracts/violations';
export type {
  FaultRule,
  RecordedRequest,
  UpstreamFaultOptions,
  UpstreamName,
  UpstreamStats,
} from './faults';
export type { ImageJob } from './ecr/imageJobs';
export type { WebhookOptions } from './circleci/webhooks';
