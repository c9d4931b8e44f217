import { findLocalLiteral } from './localLiteral';
import { isImageTag, parseImageReference } from './imageReference';
import { readPinnedImage, readPinnedImages } from './pinnedImages';
import {
  localsOf,
  parseTerraformFile,
  parseTerraformLocals,
} from './terraformLocals';

const FILE = 'infra/platform/infra/envs/prod/main.tf';
const REGISTRY = '111122223333.dkr.ecr.eu-west-2.amazonaws.com';

const MAIN_TF = `# prod root module
terraform {
  required_version = ">= 1.6"
}

locals {
  # prefect_deployer_image = "${REGISTRY}/blog-data:commented-out"
  ecr_registry = "${REGISTRY}"
  prefect_base_image = "\${local.ecr_registry}/blog-data:prefect-3-python3.12-ecs"
  prefect_deployer_image = "${REGISTRY}/blog-data:prefect-deployer-3-python3.12-a1b2c3d" # pinned
  tags = {
    prefect_deployer_image = "not this one"
  }
  banner = <<EOT
prefect_deployer_image = "nor this one"
EOT
  replicas = 2
}

module "prefect" {
  source                 = "../../modules/prefect"
  prefect_deployer_image = local.prefect_deployer_image
  note                   = "prefect_deployer_image = \\"x\\" \${local.ecr_registry}"
}
`;

const sources = {
  deployer: { local: 'prefect_deployer_image', ecrRepository: 'blog-data' },
  base: { local: 'prefect_base_image', ecrRepository: 'blog-data' },
};

describe('readPinnedImages', () => {
  it('reads the pins, resolving interpolated locals', async () => {
    await expect(readPinnedImages(FILE, MAIN_TF, sources)).resolves.toEqual({
      deployer: {
        pinned: {
          reference: `${REGISTRY}/blog-data:prefect-deployer-3-python3.12-a1b2c3d`,
          registry: REGISTRY,
          accountId: '111122223333',
          region: 'eu-west-2',
          repository: 'blog-data',
          tag: 'prefect-deployer-3-python3.12-a1b2c3d',
          local: 'prefect_deployer_image',
          raw: `${REGISTRY}/blog-data:prefect-deployer-3-python3.12-a1b2c3d`,
          tagSpan: expect.objectContaining({ line: 10 }),
        },
      },
      base: {
        pinned: expect.objectContaining({
          registry: REGISTRY,
          tag: 'prefect-3-python3.12-ecs',
        }),
      },
    });
  });

  it.each([
    [
      { local: 'prefect_worker_image', ecrRepository: 'blog-data' },
      `${FILE} has no local 'prefect_worker_image'`,
    ],
    [
      { local: 'replicas', ecrRepository: 'blog-data' },
      `Local 'replicas' in ${FILE} is not a string: 2`,
    ],
    [
      { local: 'ecr_registry', ecrRepository: 'blog-data' },
      `Local 'ecr_registry' in ${FILE} is not an ECR image reference with a tag: '${REGISTRY}'`,
    ],
    [
      { local: 'prefect_deployer_image', ecrRepository: 'other' },
      `Local 'prefect_deployer_image' in ${FILE} points at ECR repository 'blog-data', not 'other'`,
    ],
  ])('explains a bad pin %j', async (source, error) => {
    const results = await readPinnedImages(FILE, MAIN_TF, { x: source });
    expect(results.x).toEqual({ error });
  });

  // The one rule of a pinned local (see readPinnedImage), tested here once
  // for the backend, the sandbox and infra-checks.
  const readImg = async (assignment: string) =>
    (
      await readPinnedImages(FILE, `locals {\n  ${assignment}\n}\n`, {
        x: { local: 'img' },
      })
    ).x;

  it.each([
    [
      'interpolates a variable',
      'img = "${var.registry}/blog-data:v1"',
      `Local 'img' in ${FILE} is not a string the portal can resolve (it may interpolate only string locals): '\${var.registry}/blog-data:v1'`,
    ],
    [
      'interpolates a missing local',
      'img = "${local.nope}/blog-data:v1"',
      `Local 'img' in ${FILE} is not a string the portal can resolve (it may interpolate only string locals): '\${local.nope}/blog-data:v1'`,
    ],
    [
      'interpolates its tag',
      `tag = "v1"\n  img = "${REGISTRY}/blog-data:\${local.tag}"`,
      `Local 'img' in ${FILE} does not end in a plain image tag: "${REGISTRY}/blog-data:\${local.tag}"`,
    ],
    [
      'is assigned twice',
      `img = "${REGISTRY}/blog-data:v1"\n}\nlocals {\n  img = "${REGISTRY}/blog-data:v1"`,
      `${FILE} assigns local 'img' 2 times`,
    ],
  ])('refuses a pin that %s', async (_, assignment, error) => {
    expect(await readImg(assignment)).toEqual({ error });
  });

  it.each([
    [
      'is followed by a comment',
      `img = "${REGISTRY}/blog-data:v1" # pinned by the portal`,
    ],
    [
      'interpolates a string local',
      `registry = "${REGISTRY}"\n  img = "\${local.registry}/blog-data:v1"`,
    ],
  ])('reads a pin that %s', async (_, assignment) => {
    expect(await readImg(assignment)).toEqual({
      pinned: expect.objectContaining({
        registry: REGISTRY,
        repository: 'blog-data',
        tag: 'v1',
      }),
    });
  });

  it('gives the span of the tag, so that a bump replaces exactly it', async () => {
    const locals = await parseTerraformLocals(FILE, MAIN_TF);
    const pinned = readPinnedImage(FILE, MAIN_TF, locals, {
      local: 'prefect_base_image',
    });
    expect(MAIN_TF.slice(pinned.tagSpan.start, pinned.tagSpan.end)).toBe(
      'prefect-3-python3.12-ecs',
    );
    expect(pinned.raw).toBe(
      '${local.ecr_registry}/blog-data:prefect-3-python3.12-ecs',
    );
  });

  it('names the file when it does not parse', async () => {
    await expect(
      readPinnedImages(FILE, 'locals {\n  a = \n', sources),
    ).rejects.toThrow(`Could not parse '${FILE}'`);
  });
});

describe('parseImageReference', () => {
  it.each([
    'nginx:latest',
    `${REGISTRY}/blog-data`,
    `${REGISTRY}/blog-data@sha256:${'a'.repeat(64)}`,
    `ghcr.io/rlhatcher/blog-data:tag`,
    `${REGISTRY}/blog-data:bad tag`,
    `${REGISTRY}/blog-data:.hidden`,
    `${REGISTRY}/blog-data:${'t'.repeat(129)}`,
    // AWS's repository name pattern: single separators, lowercase, 2+ chars
    `${REGISTRY}/blog__data:tag`,
    `${REGISTRY}/blog--data:tag`,
    `${REGISTRY}/team//blog-data:tag`,
    `${REGISTRY}/Blog-Data:tag`,
    `${REGISTRY}/b:tag`,
    // the .cn suffix only with the China regions, and those only with it
    '111122223333.dkr.ecr.eu-west-2.amazonaws.com.cn/blog-data:tag',
    '111122223333.dkr.ecr.cn-north-1.amazonaws.com/blog-data:tag',
    '11112222333.dkr.ecr.eu-west-2.amazonaws.com/blog-data:tag',
  ])('rejects %s', value => {
    expect(parseImageReference(value)).toBeUndefined();
  });

  it('reads a registry of a China region', () => {
    expect(
      parseImageReference(
        '111122223333.dkr.ecr.cn-northwest-1.amazonaws.com.cn/blog_data.x:v1',
      ),
    ).toEqual({
      reference:
        '111122223333.dkr.ecr.cn-northwest-1.amazonaws.com.cn/blog_data.x:v1',
      registry: '111122223333.dkr.ecr.cn-northwest-1.amazonaws.com.cn',
      accountId: '111122223333',
      region: 'cn-northwest-1',
      repository: 'blog_data.x',
      tag: 'v1',
    });
  });

  it.each([
    ['prefect-deployer-3-python3.12-a1b2c3d', true],
    ['_x', true],
    ['t'.repeat(128), true],
    ['t'.repeat(129), false],
    ['-x', false],
    ['a b', false],
    ['${local.x}', false],
    ['', false],
  ])('knows an image tag: %s is %s', (tag, expected) => {
    expect(isImageTag(tag)).toBe(expected);
  });

  it('splits nested repositories', () => {
    expect(
      parseImageReference(`${REGISTRY}/team/blog-data:v1.2`),
    ).toMatchObject({
      repository: 'team/blog-data',
      tag: 'v1.2',
    });
  });
});

describe('findLocalLiteral', () => {
  it('finds the exact span of the assigned literal and its tag', () => {
    const found = findLocalLiteral(FILE, MAIN_TF, 'prefect_deployer_image');
    const line = MAIN_TF.split('\n')[9];
    expect(found.raw).toBe(
      `${REGISTRY}/blog-data:prefect-deployer-3-python3.12-a1b2c3d`,
    );
    expect(MAIN_TF.slice(found.span.start, found.span.end)).toBe(found.raw);
    expect(found.span).toMatchObject({
      line: 10,
      column: line.indexOf('"') + 2,
      endColumn: line.lastIndexOf('"') + 1,
    });
    expect(MAIN_TF.slice(found.tag!.start, found.tag!.end)).toBe(
      'prefect-deployer-3-python3.12-a1b2c3d',
    );
    expect(found.tag!.line).toBe(10);
  });

  it('gives a span whose replacement changes only that local', async () => {
    const { tag } = findLocalLiteral(FILE, MAIN_TF, 'prefect_deployer_image');
    const edited = `${MAIN_TF.slice(
      0,
      tag!.start,
    )}prefect-deployer-3-python3.12-e4f5a6b${MAIN_TF.slice(tag!.end)}`;
    const before = await parseTerraformLocals(FILE, MAIN_TF);
    const after = await parseTerraformLocals(FILE, edited);
    expect(after).toEqual({
      ...before,
      prefect_deployer_image: `${REGISTRY}/blog-data:prefect-deployer-3-python3.12-e4f5a6b`,
    });
    const changed = edited
      .split('\n')
      .filter((l, i) => l !== MAIN_TF.split('\n')[i]);
    expect(changed).toHaveLength(1);
  });

  it('finds a literal with interpolation, tag included', () => {
    const found = findLocalLiteral(FILE, MAIN_TF, 'prefect_base_image');
    expect(found.raw).toBe(
      '${local.ecr_registry}/blog-data:prefect-3-python3.12-ecs',
    );
    expect(MAIN_TF.slice(found.tag!.start, found.tag!.end)).toBe(
      'prefect-3-python3.12-ecs',
    );
  });

  it('works with CRLF line endings', () => {
    const crlf = MAIN_TF.replace(/\n/g, '\r\n');
    const found = findLocalLiteral(FILE, crlf, 'prefect_deployer_image');
    expect(crlf.slice(found.span.start, found.span.end)).toBe(found.raw);
  });

  it.each([
    [
      'missing',
      'locals {\n  other = "x"\n}\n',
      `${FILE} has no local 'img' in a locals block`,
    ],
    [
      'only elsewhere',
      'module "m" {\n  img = "x"\n}\n',
      `${FILE} has no local 'img' in a locals block`,
    ],
    [
      'twice',
      'locals {\n  img = "a"\n}\nlocals {\n  img = "b"\n}\n',
      `${FILE} assigns local 'img' 2 times`,
    ],
    [
      'an expression',
      'locals {\n  img = format("%s:%s", "a", "b")\n}\n',
      `${FILE}:2:9: local.img is not a quoted string`,
    ],
    [
      'a concatenation',
      'locals {\n  img = "a" + "b"\n}\n',
      `${FILE}:2:9: local.img is not a plain string literal`,
    ],
  ])('refuses a local that is %s', (_, content, error) => {
    expect(() => findLocalLiteral(FILE, content, 'img')).toThrow(error);
  });
});

describe('parseTerraformFile', () => {
  it('rejects text that is not HCL, naming the file', async () => {
    await expect(
      parseTerraformFile('broken.tf', 'resource "aws_vpc" "x" {'),
    ).rejects.toThrow("Could not parse 'broken.tf'");
  });

  it('merges the locals of several files and blocks', async () => {
    const a = await parseTerraformFile('a.tf', 'locals {\n  x = 1\n}\n');
    const b = await parseTerraformFile(
      'b.tf',
      'locals {\n  y = "2"\n}\nlocals {\n  z = true\n}\n',
    );
    expect(localsOf([a, b, {}])).toEqual({ x: 1, y: '2', z: true });
  });
});
