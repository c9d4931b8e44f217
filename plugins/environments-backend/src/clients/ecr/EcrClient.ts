import { Config } from '@backstage/config';
import { NotFoundError, ServiceUnavailableError } from '@backstage/errors';
import { DefaultAwsCredentialsManager } from '@backstage/integration-aws-node';
import {
  ECRClient,
  paginateDescribeImages,
  RepositoryNotFoundException,
} from '@aws-sdk/client-ecr';
import { EcrSettings } from '../../config';

/** One tagged image in an ECR repository (plain JSON, so it can be cached). */
export type EcrImage = {
  tags: string[];
  digest: string;
  /** ISO 8601. */
  pushedAt: string;
};

/** DescribeImages' largest page. */
const PAGE_SIZE = 1000;

/**
 * Reads the images of ECR repositories with `DescribeImages`, 1000 per call.
 */
export class EcrClient {
  /**
   * Builds the client from `environments.ecr`, with credentials for its
   * account from the `aws` config (`@backstage/integration-aws-node`).
   */
  static async fromConfig(config: Config, settings: EcrSettings) {
    const credentials = await DefaultAwsCredentialsManager.fromConfig(
      config,
    ).getCredentialProvider(
      settings.accountId ? { accountId: settings.accountId } : undefined,
    );
    return new EcrClient(
      new ECRClient({
        region: settings.region,
        endpoint: settings.endpoint,
        credentials: credentials.sdkCredentialProvider,
      }),
      settings.accountId,
    );
  }

  constructor(
    private readonly ecr: ECRClient,
    private readonly registryId?: string,
  ) {}

  /** Every tagged image of a repository. */
  async listImages(repositoryName: string): Promise<EcrImage[]> {
    const images: EcrImage[] = [];
    try {
      const pages = paginateDescribeImages(
        { client: this.ecr, pageSize: PAGE_SIZE },
        {
          repositoryName,
          registryId: this.registryId,
          filter: { tagStatus: 'TAGGED' },
        },
      );
      for await (const page of pages) {
        for (const detail of page.imageDetails ?? []) {
          if (!detail.imageDigest || !detail.imageTags?.length) continue;
          images.push({
            tags: detail.imageTags,
            digest: detail.imageDigest,
            pushedAt: (detail.imagePushedAt ?? new Date(0)).toISOString(),
          });
        }
      }
    } catch (error) {
      const where = `ECR repository '${repositoryName}'${
        this.registryId ? ` in registry '${this.registryId}'` : ''
      }`;
      if (error instanceof RepositoryNotFoundException) {
        throw new NotFoundError(`${where} does not exist`, error);
      }
      throw new ServiceUnavailableError(
        `Could not list the images of ${where}`,
        error,
      );
    }
    return images;
  }
}
