import {
  checkEcrRepositories,
  checkPinnedImages,
  checkProtectedFromDestroy,
  findLatest,
  readPinnedImage,
} from './images';
import { editFile, replaceOnce, repository } from './testUtils';
import { TerraformModule } from './terraform';

const ROOT = 'infra/platform/infra/envs/prod';
const MAIN = `${ROOT}/main.tf`;
const MODULES = 'infra/platform/infra/modules';
const REGISTRY = '111122223333.dkr.ecr.eu-west-2.amazonaws.com';

const root = (modules: TerraformModule[]) => modules.find(m => m.dir === ROOT)!;

const PROTECTED: Array<[string, string, string]> = [
  [`${MODULES}/aurora`, 'aws_rds_cluster', 'this'],
  [`${MODULES}/s3`, 'aws_s3_bucket', 'critical'],
  [`${MODULES}/ecr`, 'aws_ecr_repository', 'this'],
];

describe('pinned Prefect images', () => {
  it('pins both images in main.tf with the seed tag formats, as literals on their own lines', async () => {
    const repo = await repository();
    expect(checkPinnedImages(repo.terraformRoot)).toEqual([]);
    const main = repo.terraformRoot.files.find(f => f.path === MAIN)!;
    const deployer = readPinnedImage(
      MAIN,
      main.text,
      repo.terraformRoot,
      'prefect_deployer_image',
    );
    expect(deployer).toMatchObject({
      registry: REGISTRY,
      repository: 'blog-data',
      tag: expect.stringMatching(
        /^prefect-deployer-3-python3\.12-[0-9a-f]{7}$/,
      ),
    });
    expect(
      readPinnedImage(
        MAIN,
        main.text,
        repo.terraformRoot,
        'prefect_base_image',
      ),
    ).toMatchObject({
      reference: `${REGISTRY}/blog-data:prefect-3-python3.12-ecs`,
    });
  });

  it.each([
    [
      'a deployer tag that is not a commit',
      /(prefect-deployer-3-python3\.12-)[0-9a-f]{7}/,
      '$1main',
      'has tag "prefect-deployer-3-python3.12-main"',
    ],
    [
      'a moved base tag',
      'blog-data:prefect-3-python3.12-ecs',
      'blog-data:prefect-3-python3.11-ecs',
      'expected "prefect-3-python3.12-ecs"',
    ],
    [
      'another repository',
      'blog-data:prefect-3-python3.12-ecs',
      'other:prefect-3-python3.12-ecs',
      'uses repository "other"',
    ],
    [
      'another region',
      `111122223333.dkr.ecr.eu-west-2.amazonaws.com/blog-data:prefect-3`,
      `111122223333.dkr.ecr.us-east-1.amazonaws.com/blog-data:prefect-3`,
      'not one in eu-west-2',
    ],
    [
      // local.registry interpolates var.*, which the portal cannot resolve
      'an interpolation the portal cannot resolve',
      `"${REGISTRY}/blog-data:prefect-3-python3.12-ecs"`,
      '"${local.registry}/blog-data:prefect-3-python3.12-ecs"',
      "Local 'prefect_base_image' in infra/platform/infra/envs/prod/main.tf is not a string the portal can resolve",
    ],
    [
      'a missing local',
      /\n\s*prefect_base_image\s*=.*\n/,
      '\n',
      "main.tf has no local 'prefect_base_image'",
    ],
  ])('reports %s', async (_, search, replacement, message) => {
    const repo = await repository();
    const broken = await editFile(repo.modules, MAIN, text =>
      text.replace(search as any, replacement),
    );
    expect(checkPinnedImages(root(broken))).toEqual([
      expect.stringContaining(message),
    ]);
  });

  it('reports a pinned image assigned twice', async () => {
    const repo = await repository();
    const main = repo.terraformRoot.files.find(f => f.path === MAIN)!;
    const line = main.text
      .split('\n')
      .find(l => l.includes('prefect_deployer_image ='))!;
    const text = `${main.text}\nlocals {\n${line}\n}\n`;
    expect(
      readPinnedImage(MAIN, text, repo.terraformRoot, 'prefect_deployer_image'),
    ).toBe(`${MAIN} assigns local 'prefect_deployer_image' 2 times`);
  });
});

describe('ECR and protected resources', () => {
  it('keeps every repository IMMUTABLE and creates blog-data', async () => {
    const repo = await repository();
    expect(checkEcrRepositories(repo.modules)).toEqual([]);
    expect(
      repo.bootstrapRoot.files.find(
        f => f.path === 'infra/platform/infra/bootstrap/main.tf',
      )!.body.module.ecr_blog_data[0].name,
    ).toBe('blog-data');
  });

  it('reports a MUTABLE repository', async () => {
    const repo = await repository();
    const broken = await editFile(
      repo.modules,
      `${MODULES}/ecr/main.tf`,
      replaceOnce(
        'image_tag_mutability = "IMMUTABLE"',
        'image_tag_mutability = "MUTABLE"',
      ),
    );
    expect(checkEcrRepositories(broken)).toEqual([
      `${MODULES}/ecr: aws_ecr_repository.this has image_tag_mutability "MUTABLE", expected "IMMUTABLE"`,
    ]);
  });

  it('protects Aurora, the critical buckets and the repositories from destroy', async () => {
    const repo = await repository();
    expect(checkProtectedFromDestroy(repo.modules, PROTECTED)).toEqual([]);
    const broken = await editFile(
      repo.modules,
      `${MODULES}/s3/main.tf`,
      replaceOnce(
        'bucket = "${var.name_prefix}-${each.key}"\n\n  lifecycle {\n    prevent_destroy = true\n  }',
        'bucket = "${var.name_prefix}-${each.key}"',
      ),
    );
    expect(checkProtectedFromDestroy(broken, PROTECTED)).toEqual([
      `${MODULES}/s3: aws_s3_bucket.critical is not protected by prevent_destroy`,
    ]);
  });
});

describe('no latest', () => {
  const FILES = [
    '.circleci/config.yml',
    'docker/Dockerfile',
    'infra/platform/docker/prefect-base-ecs/Dockerfile',
    'infra/platform/docker/prefect-deployer/Dockerfile',
    'infra/platform/scripts/terraform-prod.sh',
  ];
  // (push-image.sh names "latest" only to refuse it; its tests cover that.)

  it('never uses a latest tag or version in the Terraform, the CircleCI config or the Dockerfiles', async () => {
    const repo = await repository();
    const texts: Array<[string, string]> = [
      ...repo.modules.flatMap(m =>
        m.files.map(f => [f.path, f.text] as [string, string]),
      ),
      ...FILES.map(path => [path, repo.read(path)] as [string, string]),
    ];
    expect(texts.flatMap(([path, text]) => findLatest(path, text))).toEqual([]);
  });

  it('reports a latest tag but not a comment about it', () => {
    const text =
      '# never latest\njobs:\n  x:\n    docker:\n      - image: cimg/base:latest\n';
    expect(findLatest('config.yml', text)).toEqual([
      'config.yml:5: uses "latest": - image: cimg/base:latest',
    ]);
  });
});
