import { createApiRef } from '@backstage/core-plugin-api';
import type {
  BumpBody,
  DeploymentPage,
  DeploymentQuery,
  EnvironmentDetails,
  EnvironmentImages,
  EnvironmentSummary,
  ImageTags,
  KeepAwakeResult,
  OperationResult,
} from '@rocket-club/plugin-environments-common';

/**
 * Options of every call that changes an environment.
 *
 * @public
 */
export interface MutationOptions {
  /**
   * Sent as the `Idempotency-Key` header. One key per user action, reused
   * when the same action is retried, so the backend runs it at most once.
   */
  idempotencyKey: string;
}

/**
 * Request body of an image bump.
 *
 * @public
 */
export type BumpImageRequest = BumpBody;

/**
 * Client of the environments backend (`/api/environments`), implemented by
 * the `EnvironmentsClient` of `@rocket-club/plugin-environments-common`.
 *
 * @public
 */
export interface EnvironmentsApi {
  /** All configured environments with their current state. */
  listEnvironments(): Promise<EnvironmentSummary[]>;
  /** The full status of one environment. */
  getEnvironment(name: string): Promise<EnvironmentDetails>;
  /** One page of an environment's deploy history, newest first. */
  getDeployments(
    name: string,
    query?: DeploymentQuery,
  ): Promise<DeploymentPage>;
  /** The images an environment pins, against the newest ones in ECR. */
  getImages(name: string): Promise<EnvironmentImages>;
  /** The ECR tags an image may be bumped to, newest first. */
  getImageTags(
    name: string,
    image: string,
    options?: { limit?: number },
  ): Promise<ImageTags>;
  /** Trigger the park pipeline. */
  park(name: string, options: MutationOptions): Promise<OperationResult>;
  /** Trigger the unpark pipeline. */
  unpark(name: string, options: MutationOptions): Promise<OperationResult>;
  /** Trigger the base image refresh pipeline. */
  rebuild(name: string, options: MutationOptions): Promise<OperationResult>;
  /** Trigger the read-only drift check (`terraform-drift`). */
  checkDrift(name: string, options: MutationOptions): Promise<OperationResult>;
  /**
   * Approve the held apply of a workflow; `confirm` is the environment's
   * name, typed when the plan destroys or replaces a protected resource.
   */
  approve(
    name: string,
    workflowId: string,
    options: MutationOptions,
    request?: { confirm?: string },
  ): Promise<OperationResult>;
  /**
   * Skip the scheduled parks until `until` (ISO time, at most 7 days
   * ahead); `null` ends keep-awake.
   */
  keepAwake(name: string, until: string | null): Promise<KeepAwakeResult>;
  /** Open (or preview, with `dryRun`) the pull request that pins an image. */
  bumpImage(
    name: string,
    image: string,
    request: BumpImageRequest,
    options: MutationOptions,
  ): Promise<OperationResult>;
}

/**
 * The API reference of {@link EnvironmentsApi}.
 *
 * @public
 */
export const environmentsApiRef = createApiRef<EnvironmentsApi>({
  id: 'plugin.environments.service',
});
