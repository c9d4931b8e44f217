/**
 * Test helpers of the sandbox: a sandbox on random ports with a manual
 * clock, for the tests of the packages that talk to CircleCI, GitHub and ECR.
 *
 * @packageDocumentation
 */

export { startTestSandbox } from './startTestSandbox';
export { repositoryOf } from './repositoryOf';
export type { SandboxPullRequest, SandboxRepository } from './repositoryOf';
export { circleCiOf } from './circleCiOf';
export type {
  SandboxCircleCi,
  SandboxJobRecord,
  SandboxJobSeed,
  SandboxJobStatus,
  SandboxPipelineRecord,
  SandboxPipelineSeed,
  SandboxWorkflowRecord,
  SandboxWorkflowSeed,
  SandboxWorkflowStatus,
} from './circleCiOf';
