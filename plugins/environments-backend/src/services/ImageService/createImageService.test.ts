import { CacheManager } from '@backstage/backend-defaults/cache';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { NotFoundError } from '@backstage/errors';
import { testEnvironmentsConfig } from '../../__testUtils__/testConfig';
import { createImageService } from './createImageService';

const REGISTRY = '111122223333.dkr.ecr.eu-west-2.amazonaws.com';
const PATH = 'infra/platform/infra/envs/prod/main.tf';
const prod = testEnvironmentsConfig().definitions[0];

const mainTf = (
  deployer: string,
  base = 'prefect-3-python3.12-ecs',
) => `locals {
  prefect_deployer_image = "${REGISTRY}/blog-data:${deployer}"
  prefect_base_image     = "${REGISTRY}/blog-data:${base}"
}
`;

const ecrImages = [
  {
    tags: ['prefect-deployer-3-python3.12-a1b2c3d'],
    digest: 'sha256:old',
    pushedAt: '2026-01-01T00:00:00.000Z',
  },
  {
    tags: ['prefect-deployer-3-python3.12-e4f5a6b'],
    digest: 'sha256:new',
    pushedAt: '2026-02-01T00:00:00.000Z',
  },
  {
    tags: ['not-a-deployer-tag'],
    digest: 'sha256:odd',
    pushedAt: '2026-03-01T00:00:00.000Z',
  },
  {
    tags: ['prefect-3-python3.12-ecs'],
    digest: 'sha256:base',
    pushedAt: '2026-01-15T00:00:00.000Z',
  },
];

function setup(content = mainTf('prefect-deployer-3-python3.12-a1b2c3d')) {
  const github = {
    readFile: jest.fn(async () => ({ content, sha: 'blob', ref: 'main' })),
    compare: jest.fn(async (_repo: unknown, base: string, head: string) => ({
      aheadBy: 4,
      behindBy: 0,
      status: 'ahead',
      htmlUrl: `https://github.com/rlhatcher/rocket-club/compare/${base}...${head}`,
    })),
  };
  const ecr = { listImages: jest.fn(async () => ecrImages) };
  const cache = CacheManager.fromConfig(
    new ConfigReader({ backend: { cache: { store: 'memory' } } }),
  ).forPlugin('environments');
  const service = createImageService({
    github,
    ecr,
    registryKey: '111122223333:eu-west-2',
    cache,
    ttl: { ecrMs: 60_000, githubMs: 60_000 },
    logger: mockServices.logger.mock(),
  });
  return { github, ecr, service };
}

describe('ImageService', () => {
  it('sets the pinned images against the newest in ECR', async () => {
    const { service, github } = setup();
    await expect(service.getImages(prod)).resolves.toEqual({
      environment: 'prod',
      source: `${PATH}@main`,
      images: [
        {
          name: 'deployer',
          local: 'prefect_deployer_image',
          ecrRepository: 'blog-data',
          bumpable: true,
          pinned: {
            reference: `${REGISTRY}/blog-data:prefect-deployer-3-python3.12-a1b2c3d`,
            registry: REGISTRY,
            repository: 'blog-data',
            tag: 'prefect-deployer-3-python3.12-a1b2c3d',
            commitSha: 'a1b2c3d',
            pushedAt: '2026-01-01T00:00:00.000Z',
          },
          newest: {
            tag: 'prefect-deployer-3-python3.12-e4f5a6b',
            digest: 'sha256:new',
            pushedAt: '2026-02-01T00:00:00.000Z',
            commitSha: 'e4f5a6b',
          },
          upToDate: false,
          commitsBehind: 4,
          compareUrl:
            'https://github.com/rlhatcher/rocket-club/compare/a1b2c3d...e4f5a6b',
        },
        {
          name: 'base',
          local: 'prefect_base_image',
          ecrRepository: 'blog-data',
          bumpable: false,
          pinned: expect.objectContaining({
            tag: 'prefect-3-python3.12-ecs',
            pushedAt: '2026-01-15T00:00:00.000Z',
          }),
          newest: {
            tag: 'prefect-3-python3.12-ecs',
            digest: 'sha256:base',
            pushedAt: '2026-01-15T00:00:00.000Z',
            commitSha: undefined,
          },
          upToDate: true,
        },
      ],
    });
    expect(github.readFile).toHaveBeenCalledWith(prod.repository, PATH, 'main');
  });

  it('serves a warm view from the cache and loads a cold one once for concurrent viewers', async () => {
    const { service, github, ecr } = setup();
    const views = await Promise.all(
      Array.from({ length: 20 }, () => service.getImages(prod)),
    );
    expect(new Set(views.map(v => JSON.stringify(v))).size).toBe(1);
    expect(github.readFile).toHaveBeenCalledTimes(1);
    expect(ecr.listImages).toHaveBeenCalledTimes(1);
    expect(github.compare).toHaveBeenCalledTimes(1);

    jest.clearAllMocks();
    await service.getImages(prod);
    expect(github.readFile).not.toHaveBeenCalled();
    expect(ecr.listImages).not.toHaveBeenCalled();
    expect(github.compare).not.toHaveBeenCalled();
  });

  it('is up to date when the newest tag is pinned, without a compare', async () => {
    const { service, github } = setup(
      mainTf('prefect-deployer-3-python3.12-e4f5a6b'),
    );
    const { images } = await service.getImages(prod);
    expect(images[0]).toMatchObject({ upToDate: true });
    expect(images[0].commitsBehind).toBeUndefined();
    expect(github.compare).not.toHaveBeenCalled();
  });

  it('explains a bad pin on its image only', async () => {
    const { service } = setup(
      `locals {\n  prefect_base_image = "${REGISTRY}/blog-data:prefect-3-python3.12-ecs"\n}\n`,
    );
    const { images } = await service.getImages(prod);
    expect(images[0]).toMatchObject({
      name: 'deployer',
      error: `${PATH} has no local 'prefect_deployer_image'`,
      newest: expect.objectContaining({ commitSha: 'e4f5a6b' }),
    });
    expect(images[0].pinned).toBeUndefined();
    expect(images[1]).toMatchObject({ upToDate: true });
    expect(images[1].error).toBeUndefined();
  });

  it('still shows the pins when ECR fails, and flags a pinned tag missing from ECR', async () => {
    const { service, ecr } = setup(
      mainTf('prefect-deployer-3-python3.12-0000000'),
    );
    const { images } = await service.getImages(prod);
    expect(images[0].error).toBe(
      "Pinned tag 'prefect-deployer-3-python3.12-0000000' is not in ECR",
    );
    const failing = setup();
    failing.ecr.listImages.mockRejectedValue(
      new NotFoundError("ECR repository 'blog-data' does not exist"),
    );
    const view = await failing.service.getImages(prod);
    expect(view.images[0]).toMatchObject({
      pinned: expect.objectContaining({ commitSha: 'a1b2c3d' }),
      error: "ECR repository 'blog-data' does not exist",
    });
    expect(view.images[0].newest).toBeUndefined();
    expect(ecr.listImages).toHaveBeenCalled();

    // A view with errors is not cached: the next one reads ECR again.
    failing.ecr.listImages.mockResolvedValue(ecrImages);
    const recovered = await failing.service.getImages(prod);
    expect(recovered.images[0].error).toBeUndefined();
    expect(recovered.images[0].newest?.tag).toBe(
      'prefect-deployer-3-python3.12-e4f5a6b',
    );
  });

  it('names the file when GitHub cannot give it', async () => {
    const { service, github } = setup();
    github.readFile.mockRejectedValue(
      new NotFoundError(
        `GitHub has no '${PATH}' in rlhatcher/rocket-club@main`,
      ),
    );
    const view = await service.getImages(prod);
    expect(view.images.map(i => i.error)).toEqual([
      `GitHub has no '${PATH}' in rlhatcher/rocket-club@main`,
      `GitHub has no '${PATH}' in rlhatcher/rocket-club@main`,
    ]);
    expect(view.source).toBe(`${PATH}@main`);
  });

  it('refreshes in the background: fresh ECR and GitHub reads replace the view, and views then call neither', async () => {
    const { service, github, ecr } = setup();
    await service.getImages(prod);
    // A new image lands in ECR; the cached view does not know yet.
    ecr.listImages.mockResolvedValue([
      ...ecrImages,
      {
        tags: ['prefect-deployer-3-python3.12-c0ffee1'],
        digest: 'sha256:newer',
        pushedAt: '2026-04-01T00:00:00.000Z',
      },
    ]);
    jest.clearAllMocks();
    expect((await service.getImages(prod)).images[0].newest?.tag).toBe(
      'prefect-deployer-3-python3.12-e4f5a6b',
    );
    expect(ecr.listImages).not.toHaveBeenCalled();

    const refreshed = await service.refresh(prod);
    expect(ecr.listImages).toHaveBeenCalledTimes(1);
    expect(github.readFile).toHaveBeenCalledTimes(1);
    expect(refreshed.images[0].newest?.tag).toBe(
      'prefect-deployer-3-python3.12-c0ffee1',
    );
    jest.clearAllMocks();
    await expect(service.getImages(prod)).resolves.toEqual(refreshed);
    expect(ecr.listImages).not.toHaveBeenCalled();
    expect(github.readFile).not.toHaveBeenCalled();
  });

  it('keeps the last good view when a refresh fails', async () => {
    const { service, ecr } = setup();
    const good = await service.getImages(prod);
    ecr.listImages.mockRejectedValue(new Error('ECR is down'));
    const failed = await service.refresh(prod);
    expect(failed.images[0].error).toBe('ECR is down');
    await expect(service.getImages(prod)).resolves.toEqual(good);
  });
});
