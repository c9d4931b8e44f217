import {
  DescribeImagesCommand,
  ECRClient,
  RepositoryNotFoundException,
} from '@aws-sdk/client-ecr';
import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { mockClient } from 'aws-sdk-client-mock';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { EcrClient } from './EcrClient';
import { commitShaFromTag, findTag, newestMatching } from './images';

const DEPLOYER = /^prefect-deployer-3-python3\.12-[0-9a-f]{7,40}$/;
const hex = (n: number) => n.toString(16).padStart(7, '0');

/** 2,500 images: deployer tags, a few other tags, the base image. */
function images() {
  return Array.from({ length: 2500 }, (_, i) => ({
    imageDigest: `sha256:${hex(i)}`,
    imagePushedAt: new Date(Date.UTC(2025, 0, 1) + i * 60_000),
    imageTags:
      i % 100 === 7
        ? [`some-other-tag-${i}`]
        : [`prefect-deployer-3-python3.12-${hex(i)}`],
  }));
}

describe('EcrClient', () => {
  const ecr = mockClient(ECRClient);
  afterEach(() => ecr.reset());
  afterAll(() => ecr.restore());

  it('reads 2,500 images in 3 pages of at most 1000', async () => {
    const all = images();
    // The newest matching image sits in the middle page, not last.
    all[1200].imagePushedAt = new Date(Date.UTC(2030, 0, 1));
    // A newer image whose tag does not match is ignored.
    all[1307].imagePushedAt = new Date(Date.UTC(2031, 0, 1));
    // The paginator reuses one input object; record what each call sent.
    const calls: object[] = [];
    ecr.on(DescribeImagesCommand).callsFake(input => {
      calls.push({ ...input });
      const start = input.nextToken ? Number(input.nextToken) : 0;
      const end = start + input.maxResults;
      return {
        imageDetails: all.slice(start, end),
        nextToken: end < all.length ? String(end) : undefined,
      };
    });

    const client = new EcrClient(
      new ECRClient({ region: 'eu-west-2' }),
      '111122223333',
    );
    const listed = await client.listImages('blog-data');

    expect(calls).toEqual([
      {
        repositoryName: 'blog-data',
        registryId: '111122223333',
        filter: { tagStatus: 'TAGGED' },
        maxResults: 1000,
      },
      expect.objectContaining({ maxResults: 1000, nextToken: '1000' }),
      expect.objectContaining({ maxResults: 1000, nextToken: '2000' }),
    ]);
    expect(listed).toHaveLength(2500);
    expect(newestMatching(listed, DEPLOYER)).toEqual({
      tag: `prefect-deployer-3-python3.12-${hex(1200)}`,
      digest: `sha256:${hex(1200)}`,
      pushedAt: '2030-01-01T00:00:00.000Z',
    });
    expect(findTag(listed, 'some-other-tag-1307')?.pushedAt).toBe(
      '2031-01-01T00:00:00.000Z',
    );
  });

  it('names the repository and registry when it does not exist', async () => {
    ecr
      .on(DescribeImagesCommand)
      .rejects(
        new RepositoryNotFoundException({ message: 'nope', $metadata: {} }),
      );
    const client = new EcrClient(
      new ECRClient({ region: 'eu-west-2' }),
      '111122223333',
    );
    await expect(client.listImages('blog-datta')).rejects.toMatchObject({
      name: 'NotFoundError',
      message: expect.stringContaining(
        "ECR repository 'blog-datta' in registry '111122223333' does not exist",
      ),
    });
  });

  it('wraps other failures as ServiceUnavailableError', async () => {
    ecr.on(DescribeImagesCommand).rejects(new Error('socket hang up'));
    const client = new EcrClient(new ECRClient({ region: 'eu-west-2' }));
    await expect(client.listImages('blog-data')).rejects.toMatchObject({
      name: 'ServiceUnavailableError',
      message: expect.stringContaining(
        "Could not list the images of ECR repository 'blog-data'",
      ),
    });
  });
});

describe('EcrClient.fromConfig', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  it('talks JSON 1.1 to the configured endpoint with the account credentials', async () => {
    const seen: { target: string | null; auth: string | null; body: any }[] =
      [];
    server.use(
      http.post('http://ecr.test/', async ({ request }) => {
        seen.push({
          target: request.headers.get('x-amz-target'),
          auth: request.headers.get('authorization'),
          body: await request.json(),
        });
        return HttpResponse.json(
          {
            imageDetails: [
              {
                imageDigest: 'sha256:abc',
                imagePushedAt: 1767225600,
                imageTags: ['prefect-3-python3.12-ecs'],
                registryId: '111122223333',
                repositoryName: 'blog-data',
              },
            ],
          },
          { headers: { 'content-type': 'application/x-amz-json-1.1' } },
        );
      }),
    );
    const config = new ConfigReader({
      aws: {
        accounts: [
          {
            accountId: '111122223333',
            accessKeyId: 'AKIDSANDBOX',
            secretAccessKey: 'shh',
          },
        ],
      },
    });
    const client = await EcrClient.fromConfig(config, {
      region: 'eu-west-2',
      endpoint: 'http://ecr.test',
      accountId: '111122223333',
    });
    await expect(client.listImages('blog-data')).resolves.toEqual([
      {
        tags: ['prefect-3-python3.12-ecs'],
        digest: 'sha256:abc',
        pushedAt: '2026-01-01T00:00:00.000Z',
      },
    ]);
    expect(seen).toEqual([
      {
        target: 'AmazonEC2ContainerRegistry_V20150921.DescribeImages',
        auth: expect.stringContaining('Credential=AKIDSANDBOX/'),
        body: {
          repositoryName: 'blog-data',
          registryId: '111122223333',
          filter: { tagStatus: 'TAGGED' },
          maxResults: 1000,
        },
      },
    ]);
  });
});

describe('image helpers', () => {
  it('reads the commit from the tag suffix', () => {
    expect(commitShaFromTag('prefect-deployer-3-python3.12-a1b2c3d')).toBe(
      'a1b2c3d',
    );
    expect(commitShaFromTag('prefect-3-python3.12-ecs')).toBeUndefined();
  });

  it('finds nothing when no tag matches', () => {
    expect(
      newestMatching(
        [
          {
            tags: ['latest'],
            digest: 'sha256:1',
            pushedAt: '2026-01-01T00:00:00.000Z',
          },
        ],
        DEPLOYER,
      ),
    ).toBeUndefined();
  });
});
