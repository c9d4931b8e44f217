import { parse } from '@cdktf/hcl2json';
import { assertImageTag, pinImageTag } from './pinImageTag';

const registry = '111122223333.dkr.ecr.eu-west-2.amazonaws.com';
const mainTf = `locals {
  name = "rocket-club-prod"

  # Both Prefect images are pinned to immutable tags.
  prefect_base_image     = "${registry}/blog-data:prefect-3-python3.12-ecs"
  prefect_deployer_image = "${registry}/blog-data:prefect-deployer-3-python3.12-1a2b3c4"
}

module "ecs" {
  source                 = "../../modules/ecs"
  prefect_deployer_image = local.prefect_deployer_image
  desired_count          = var.parked ? 0 : 1
}
`;

const bump = (overrides: Partial<Parameters<typeof pinImageTag>[0]> = {}) =>
  pinImageTag({
    file: 'infra/platform/infra/envs/prod/main.tf',
    content: mainTf,
    local: 'prefect_deployer_image',
    ecrRepository: 'blog-data',
    toTag: 'prefect-deployer-3-python3.12-9f8e7d6',
    ...overrides,
  });

describe('pinImageTag', () => {
  it('changes exactly one line and only the pinned tag', async () => {
    const edit = await bump();
    const before = mainTf.split('\n');
    const after = edit.content.split('\n');
    expect(after).toHaveLength(before.length);
    const changed = before.filter((line, i) => line !== after[i]);
    expect(changed).toEqual([
      `  prefect_deployer_image = "${registry}/blog-data:prefect-deployer-3-python3.12-1a2b3c4"`,
    ]);
    expect(after[edit.line - 1]).toBe(
      `  prefect_deployer_image = "${registry}/blog-data:prefect-deployer-3-python3.12-9f8e7d6"`,
    );
    expect(edit.fromTag).toBe('prefect-deployer-3-python3.12-1a2b3c4');
    expect(edit.toTag).toBe('prefect-deployer-3-python3.12-9f8e7d6');

    const parsed: any = await parse('main.tf', edit.content);
    expect(parsed.locals[0].prefect_deployer_image).toBe(
      `${registry}/blog-data:prefect-deployer-3-python3.12-9f8e7d6`,
    );
    expect(parsed.locals[0].prefect_base_image).toBe(
      `${registry}/blog-data:prefect-3-python3.12-ecs`,
    );
  });

  it('returns a unified diff with one removed and one added line', async () => {
    const { diff } = await bump();
    expect(diff).toContain('--- a/infra/platform/infra/envs/prod/main.tf');
    expect(diff).toContain('+++ b/infra/platform/infra/envs/prod/main.tf');
    const body = diff.split('\n').slice(4);
    expect(body.filter(l => l.startsWith('-'))).toHaveLength(1);
    expect(body.filter(l => l.startsWith('+'))).toHaveLength(1);
  });

  it.each([
    ['a quote', 'abc"def'],
    ['a newline', 'abc\ndef'],
    ['an interpolation', 'abc${var.x}'],
    ['a space', 'abc def'],
    ['nothing', ''],
    ['a leading dot', '.abc'],
  ])('refuses a tag with %s, quoting it', async (_what, tag) => {
    await expect(bump({ toTag: tag })).rejects.toThrow(
      `Invalid image tag ${JSON.stringify(tag)}`,
    );
  });

  it('checks a tag against the image pattern', () => {
    const pattern = /^prefect-deployer-3-python3\.12-[0-9a-f]{7,40}$/;
    expect(() =>
      assertImageTag('prefect-deployer-3-python3.12-abcdef0', pattern),
    ).not.toThrow();
    expect(() => assertImageTag('prefect-3-python3.12-ecs', pattern)).toThrow(
      /does not match/,
    );
  });

  it('reports a tag that is already pinned as unchanged', async () => {
    const edit = await bump({ toTag: 'prefect-deployer-3-python3.12-1a2b3c4' });
    expect(edit.unchanged).toBe(true);
    expect(edit.content).toBe(mainTf);
    expect(edit.diff).toBe('');
  });

  it('names the file and the local when the local is missing', async () => {
    await expect(bump({ local: 'prefect_worker_image' })).rejects.toThrow(
      "infra/platform/infra/envs/prod/main.tf has no local 'prefect_worker_image'",
    );
  });

  it('refuses a local that is not an ECR image reference', async () => {
    await expect(bump({ local: 'name' })).rejects.toThrow(
      "Local 'name' in infra/platform/infra/envs/prod/main.tf is not an ECR image reference with a tag: 'rocket-club-prod'",
    );
  });

  it('refuses a local of another repository', async () => {
    await expect(bump({ ecrRepository: 'portal' })).rejects.toThrow(
      "points at ECR repository 'blog-data', not 'portal'",
    );
  });

  it('edits only the tag of an interpolated reference', async () => {
    const content = `locals {
  ecr_registry           = "${registry}"
  prefect_deployer_image = "\${local.ecr_registry}/blog-data:prefect-deployer-3-python3.12-1a2b3c4"
}
`;
    const edit = await bump({ content });
    expect(edit.content).toBe(
      content.replace('python3.12-1a2b3c4"', 'python3.12-9f8e7d6"'),
    );
    expect(edit.fromTag).toBe('prefect-deployer-3-python3.12-1a2b3c4');
  });

  it('refuses a tag it cannot resolve', async () => {
    const content = mainTf.replace(
      `  prefect_deployer_image = "${registry}/blog-data:prefect-deployer-3-python3.12-1a2b3c4"`,
      `  prefect_deployer_image = "${registry}/blog-data:\${var.tag}"`,
    );
    await expect(bump({ content })).rejects.toThrow(
      /is not a string|not an ECR image reference/,
    );
  });
});
