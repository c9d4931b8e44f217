import {
  ECRClient,
  paginateDescribeImages,
  paginateListImages,
} from '@aws-sdk/client-ecr';

/** Reads the ECR stand-in directly, to size and check the benchmark. */
export class EcrProbe {
  private readonly client: ECRClient;

  constructor(endpoint: string, private readonly repositoryName = 'blog-data') {
    this.client = new ECRClient({
      region: 'eu-west-2',
      endpoint,
      credentials: { accessKeyId: 'sandbox', secretAccessKey: 'sandbox' },
    });
  }

  /** How many tagged images the repository holds. */
  async countTagged(): Promise<number> {
    let count = 0;
    for await (const page of paginateListImages(
      { client: this.client, pageSize: 1000 },
      { repositoryName: this.repositoryName, filter: { tagStatus: 'TAGGED' } },
    )) {
      count += page.imageIds?.length ?? 0;
    }
    return count;
  }

  /** The newest pushed tag matching `pattern`: what the backend must find. */
  async newestTag(pattern: RegExp): Promise<string | undefined> {
    let newest: { tag: string; at: number } | undefined;
    for await (const page of paginateDescribeImages(
      { client: this.client, pageSize: 1000 },
      { repositoryName: this.repositoryName, filter: { tagStatus: 'TAGGED' } },
    )) {
      for (const image of page.imageDetails ?? []) {
        const at = image.imagePushedAt?.getTime() ?? 0;
        for (const tag of image.imageTags ?? []) {
          if (pattern.test(tag) && (!newest || at > newest.at)) {
            newest = { tag, at };
          }
        }
      }
    }
    return newest?.tag;
  }
}
