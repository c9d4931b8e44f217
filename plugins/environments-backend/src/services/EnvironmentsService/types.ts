import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type {
  DeploymentPage,
  EnvironmentDetails,
  EnvironmentImages,
  EnvironmentSummary,
  ImageTags,
  OperationKind,
} from '@rocket-club/plugin-environments-common';

/** Who is asking. */
export interface ReadOptions {
  credentials: BackstageCredentials;
}

/** A page request of the deploy history. */
export interface DeploymentQuery {
  kind?: OperationKind;
  limit: number;
  cursor?: string;
}

/**
 * The read side: status, history and images of the environments the
 * caller may read. Environments are named by their config name or by the
 * ref of a catalog entity that carries the environment annotation.
 */
export interface EnvironmentsService {
  listEnvironments(options: ReadOptions): Promise<EnvironmentSummary[]>;
  getEnvironment(
    nameOrRef: string,
    options: ReadOptions,
  ): Promise<EnvironmentDetails>;
  listDeployments(
    nameOrRef: string,
    query: DeploymentQuery,
    options: ReadOptions,
  ): Promise<DeploymentPage>;
  getImages(
    nameOrRef: string,
    options: ReadOptions,
  ): Promise<EnvironmentImages>;
  /** The ECR tags an image may be bumped to, newest first. */
  listImageTags(
    nameOrRef: string,
    image: string,
    limit: number,
    options: ReadOptions,
  ): Promise<ImageTags>;
}
