import {
  DescribeImagesCommand,
  DescribeRepositoriesCommand,
  ECRClient,
  ImageDetail,
  ListImagesCommand,
  RepositoryNotFoundException,
  paginateDescribeImages,
} from '@aws-sdk/client-ecr';
import { call, startTestSandbox } from '../__testUtils__/testSandbox';

describe('ECR stand-in through @aws-sdk/client-ecr', () => {
  let sandbox: Awaited<ReturnType<typeof startTestSandbox>>;
  let ecr: ECRClient;

  beforeAll(async () => {
    sandbox = await startTestSandbox({ ecr: { syntheticImages: 2500 } });
    ecr = new ECRClient({
      region: 'eu-west-2',
      endpoint: sandbox.ecrUrl,
      credentials: { accessKeyId: 'sandbox', secretAccessKey: 'sandbox' },
    });
  });
  afterAll(async () => {
    ecr.destroy();
    await sandbox.close();
  });
  beforeEach(() => sandbox.reset());

  it('describes the repository with immutable tags', async () => {
    const { repositories } = await ecr.send(
      new DescribeRepositoriesCommand({ repositoryNames: ['blog-data'] }),
    );
    expect(repositories).toEqual([
      expect.objectContaining({
        repositoryName: 'blog-data',
        registryId: '111122223333',
        imageTagMutability: 'IMMUTABLE',
        repositoryUri: '111122223333.dkr.ecr.eu-west-2.amazonaws.com/blog-data',
        createdAt: expect.any(Date),
      }),
    ]);
    const missing = await ecr
      .send(new DescribeRepositoriesCommand({ repositoryNames: ['nope'] }))
      .catch(e => e);
    expect(missing).toBeInstanceOf(RepositoryNotFoundException);
    expect(missing.message).toBe(
      "The repository with name 'nope' does not exist in the registry with id '111122223333'",
    );
    expect(missing.$metadata.httpStatusCode).toBe(400);
  });

  it('pages DescribeImages in ceil(N/1000) calls and finds the newest deployer tag', async () => {
    const images: ImageDetail[] = [];
    for await (const page of paginateDescribeImages(
      { client: ecr, pageSize: 1000 },
      { repositoryName: 'blog-data', filter: { tagStatus: 'TAGGED' } },
    )) {
      images.push(...(page.imageDetails ?? []));
    }
    const total = sandbox.world.registry
      .repository('blog-data')
      .images.filter(i => i.tags.length).length;
    expect(images).toHaveLength(total);
    expect(new Set(images.map(i => i.imageDigest)).size).toBe(total);
    expect(sandbox.stats().ecr.byOperation.DescribeImages).toBe(
      Math.ceil(total / 1000),
    );
    const deployer = images
      .filter(i =>
        i.imageTags?.some(t =>
          /^prefect-deployer-3-python3\.12-[0-9a-f]{7}$/.test(t),
        ),
      )
      .sort((a, b) => b.imagePushedAt!.getTime() - a.imagePushedAt!.getTime());
    expect(deployer[0].imageTags![0]).toBe(
      `prefect-deployer-3-python3.12-${sandbox.world.github
        .head()!
        .slice(0, 7)}`,
    );
    expect(images[0].imagePushedAt).toBeInstanceOf(Date);
  });

  it('returns at most 100 images without maxResults, and refuses more than 1000', async () => {
    const first = await ecr.send(
      new DescribeImagesCommand({ repositoryName: 'blog-data' }),
    );
    expect(first.imageDetails).toHaveLength(100);
    expect(first.nextToken).toEqual(expect.any(String));
    const second = await ecr.send(
      new DescribeImagesCommand({
        repositoryName: 'blog-data',
        nextToken: first.nextToken,
      }),
    );
    expect(second.imageDetails?.[0].imageDigest).not.toBe(
      first.imageDetails?.[0].imageDigest,
    );
    const tooMany = await ecr
      .send(
        new DescribeImagesCommand({
          repositoryName: 'blog-data',
          maxResults: 1001,
        }),
      )
      .catch(e => e);
    expect(tooMany.name).toBe('ValidationException');
  });

  it('filters by tag status and looks images up by tag', async () => {
    const orphan = sandbox.world.registry.push('blog-data', {
      pushedAt: sandbox.clock.now(),
      seed: 'orphan',
    });
    const untagged = await ecr.send(
      new DescribeImagesCommand({
        repositoryName: 'blog-data',
        filter: { tagStatus: 'UNTAGGED' },
        maxResults: 1000,
      }),
    );
    expect(untagged.imageDetails?.map(i => i.imageDigest)).toEqual([
      orphan.digest,
    ]);
    expect(untagged.imageDetails?.[0].imageTags).toBeUndefined();
    const { imageDetails } = await ecr.send(
      new DescribeImagesCommand({
        repositoryName: 'blog-data',
        imageIds: [{ imageTag: 'prefect-3-python3.12-ecs' }],
      }),
    );
    expect(imageDetails?.[0].imageTags).toContain('prefect-3-python3.12-ecs');
    const notFound = await ecr
      .send(
        new DescribeImagesCommand({
          repositoryName: 'blog-data',
          imageIds: [{ imageTag: 'nope' }],
        }),
      )
      .catch(e => e);
    expect(notFound.name).toBe('ImageNotFoundException');
    const listed = await ecr.send(
      new ListImagesCommand({ repositoryName: 'blog-data', maxResults: 5 }),
    );
    expect(listed.imageIds).toHaveLength(5);
  });

  it('answers throttling as ECR does, which the SDK retries', async () => {
    sandbox.faults('ecr', {
      faults: [{ operation: 'DescribeRepositories', status: 400, count: 1 }],
    });
    const { repositories } = await ecr.send(
      new DescribeRepositoriesCommand({}),
    );
    expect(repositories?.map(r => r.repositoryName)).toEqual(['blog-data']);
    expect(sandbox.stats().ecr).toMatchObject({ requests: 2, faulted: 1 });
  });

  it('requires a SigV4 Authorization header and the JSON 1.1 protocol', async () => {
    const unsigned = await call(`${sandbox.ecrUrl}/`, {
      method: 'POST',
      headers: {
        'x-amz-target':
          'AmazonEC2ContainerRegistry_V20150921.DescribeRepositories',
        'content-type': 'application/x-amz-json-1.1',
      },
      body: {},
    });
    expect(unsigned).toMatchObject({
      status: 403,
      body: { __type: 'MissingAuthenticationTokenException' },
    });
  });

  it('pushes a deployer image when a push pipeline builds it', async () => {
    const { commit } = sandbox.push({ message: 'New deployer' });
    await sandbox.clock.advance(3000);
    const { imageDetails } = await ecr.send(
      new DescribeImagesCommand({
        repositoryName: 'blog-data',
        imageIds: [
          { imageTag: `prefect-deployer-3-python3.12-${commit.slice(0, 7)}` },
        ],
      }),
    );
    expect(imageDetails?.[0].imagePushedAt?.getTime()).toBe(
      sandbox.clock.now(),
    );
  });
});
