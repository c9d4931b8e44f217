import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  checkPlaceholdersAndNames,
  checkTerraformHygiene,
  findSwallowedFailures,
} from './hygiene';
import { editFile, replaceOnce, repository } from './testUtils';

const MODULES = 'infra/platform/infra/modules';
const SCRIPTS = 'infra/platform/scripts';

async function infraFiles() {
  const repo = await repository();
  return [
    ...repo.modules.flatMap(m =>
      m.files.map(f => ({ path: f.path, text: f.text })),
    ),
    ...[
      'infra/platform/infra/envs/prod/prod.s3.tfbackend',
      'infra/platform/infra/bootstrap/bootstrap.s3.tfbackend',
      'infra/platform/infra/bootstrap/terraform.tfvars',
      '.circleci/config.yml',
    ].map(path => ({ path, text: repo.read(path) })),
  ];
}

describe('defect 8: small items', () => {
  it('has no fixed target group names and no empty lifecycle filters', async () => {
    const repo = await repository();
    expect(checkTerraformHygiene(repo.modules)).toEqual([]);
    const alb = await editFile(
      repo.modules,
      `${MODULES}/ecs/alb.tf`,
      replaceOnce(
        'name_prefix          = "portl-"',
        'name                 = "rocket-club-prod-portal"',
      ),
    );
    const broken = await editFile(alb, `${MODULES}/s3/main.tf`, text =>
      text.replace(/filter \{\n\s*prefix = ""\n\s*\}/g, 'filter {}'),
    );
    expect(checkTerraformHygiene(broken)).toEqual([
      `${MODULES}/ecs: aws_lb_target_group.portal has a fixed name (use name_prefix)`,
      `${MODULES}/s3: aws_s3_bucket_lifecycle_configuration.this rule "abort-incomplete-uploads" has an empty filter {}`,
      `${MODULES}/s3: aws_s3_bucket_lifecycle_configuration.this rule "expire-noncurrent-versions" has an empty filter {}`,
    ]);
  });

  it('names every placeholder file in the first-apply steps, and only scripts that exist', async () => {
    const repo = await repository();
    const files = await infraFiles();
    const readme = repo.read('infra/README.md');
    expect(checkPlaceholdersAndNames(repo.root, files, readme)).toEqual([]);
    const broken = [
      ...files,
      {
        path: 'infra/platform/infra/envs/prod/extra.tf',
        text: '# 111122223333, see push-prefect-image.sh\n',
      },
    ];
    expect(checkPlaceholdersAndNames(repo.root, broken, readme)).toEqual([
      'infra/platform/infra/envs/prod/extra.tf holds the placeholder account 111122223333 but "First apply" step 1 does not name it',
      'infra/platform/infra/envs/prod/extra.tf names push-prefect-image.sh, which does not exist',
    ]);
  });

  it('never loses a failure inside $(...) in the scripts', async () => {
    const repo = await repository();
    const scripts = readdirSync(join(repo.root, SCRIPTS)).filter(n =>
      n.endsWith('.sh'),
    );
    expect(scripts.length).toBeGreaterThanOrEqual(3);
    expect(
      scripts.flatMap(name =>
        findSwallowedFailures(name, repo.read(`${SCRIPTS}/${name}`)),
      ),
    ).toEqual([]);
    expect(
      findSwallowedFailures(
        'push-image.sh',
        'echo "pushed $repository:$tag ($(digest_of "$tag"))"\n',
      ),
    ).toEqual(['push-image.sh:1: $(...) inside echo swallows its failure']);
  });
});
