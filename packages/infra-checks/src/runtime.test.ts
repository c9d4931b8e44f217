import {
  checkDatabaseCredentials,
  checkDeployerRetention,
  checkDigestPinning,
  checkFlowRunRoles,
} from './runtime';
import { editFile, replaceOnce, repository } from './testUtils';
import { TerraformModule } from './terraform';

const ROOT = 'infra/platform/infra/envs/prod';
const BOOTSTRAP = 'infra/platform/infra/bootstrap';
const MODULES = 'infra/platform/infra/modules';
const find = (modules: TerraformModule[], dir: string) =>
  modules.find(m => m.dir === dir)!;

describe('defect 2: images by digest', () => {
  it('runs every ECS image by the digest its pinned tag resolves to', async () => {
    const repo = await repository();
    expect(checkDigestPinning(repo.terraformRoot, repo.modules)).toEqual([]);
  });

  it('reports a task definition fed the tag, and a module that accepts tags', async () => {
    const repo = await repository();
    const root = await editFile(
      repo.modules,
      `${ROOT}/main.tf`,
      replaceOnce(
        'prefect_base_image     = local.by_digest["prefect_base_image"]',
        'prefect_base_image     = local.prefect_base_image',
      ),
    );
    const broken = await editFile(
      root,
      `${MODULES}/ecs/variables.tf`,
      replaceOnce(
        '@sha256:[0-9a-f]{64}$", var.portal_image',
        ':[A-Za-z0-9._-]+$", var.portal_image',
      ),
    );
    expect(checkDigestPinning(find(broken, ROOT), broken)).toEqual([
      'modules/ecs: var.portal_image does not require a digest',
      'module "ecs" gets prefect_base_image = "${local.prefect_base_image}", not a digest from local.by_digest',
    ]);
  });
});

describe('defect 8: deployer images do not pile up', () => {
  it('keeps only the newest deployer images, never touching the base image', async () => {
    const repo = await repository();
    expect(checkDeployerRetention(repo.bootstrapRoot, repo.modules)).toEqual(
      [],
    );
    const broken = await editFile(
      repo.modules,
      `${BOOTSTRAP}/main.tf`,
      replaceOnce(
        'keep_newest_tagged = { "prefect-deployer-3-python3.12-" = var.deployer_images_kept }',
        'keep_newest_tagged = { "prefect-" = var.deployer_images_kept }',
      ),
    );
    expect(checkDeployerRetention(find(broken, BOOTSTRAP), broken)).toEqual([
      'blog-data expires images tagged "prefect-*", which is not only the deployer\'s',
    ]);
  });
});

describe('defect 3: database credentials the apps survive', () => {
  it('gives each application its own user, never the rotated master secret', async () => {
    const repo = await repository();
    expect(checkDatabaseCredentials(repo.terraformRoot, repo.modules)).toEqual(
      [],
    );
  });

  it('reports the master secret handed to the portal, and an engine version planned back', async () => {
    const repo = await repository();
    const root = await editFile(
      repo.modules,
      `${ROOT}/main.tf`,
      replaceOnce(
        'portal_secret_arn  = module.secrets.arns["db-portal"]',
        'portal_secret_arn  = module.aurora.master_user_secret_arn',
      ),
    );
    const broken = await editFile(
      root,
      `${MODULES}/aurora/main.tf`,
      replaceOnce('    ignore_changes = [engine_version]\n', ''),
    );
    expect(checkDatabaseCredentials(find(broken, ROOT), broken)).toEqual([
      'module "ecs" is given the Aurora master secret',
      'aws_rds_cluster.this plans back the minor versions RDS upgrades (ignore_changes engine_version)',
    ]);
  });
});

describe('defect 4: flow runs read no secret', () => {
  it('hands flow runs only their own execution and task roles', async () => {
    const repo = await repository();
    expect(checkFlowRunRoles(repo.modules)).toEqual([]);
    const broken = await editFile(
      repo.modules,
      `${MODULES}/iam/ecs.tf`,
      replaceOnce(
        'resources = [aws_iam_role.prefect_flow_run_execution.arn, aws_iam_role.prefect_flow_run.arn]',
        'resources = [aws_iam_role.ecs_execution.arn, aws_iam_role.prefect_flow_run.arn]',
      ),
    );
    expect(checkFlowRunRoles(broken)).toEqual([
      'the Prefect worker may hand flow runs ${aws_iam_role.ecs_execution.arn}',
    ]);
  });
});
