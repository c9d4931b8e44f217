import { parseTerraformFile } from '@rocket-club/plugin-environments-node';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  checkModuleCalls,
  checkReferences,
  checkVariablesDeclared,
  TerraformModule,
} from './terraform';
import { terraformFmtCheck, which } from './tools';
import { editFile, replaceOnce, repository } from './testUtils';

const ROOT = 'infra/platform/infra/envs/prod';
const MODULES = 'infra/platform/infra/modules';

function moduleProblems(root: string, modules: TerraformModule[]) {
  return modules.flatMap(m => [
    ...checkVariablesDeclared(m),
    ...checkModuleCalls(root, m, modules),
    ...checkReferences(root, m, modules),
  ]);
}

describe('Terraform', () => {
  it('parses the root and every module with an HCL parser', async () => {
    const repo = await repository();
    expect(repo.modules.map(m => m.dir).sort()).toEqual(
      [
        ROOT,
        'infra/platform/infra/bootstrap',
        ...[
          'aurora',
          'cache',
          'cloudfront',
          'ecr',
          'ecs',
          'iam',
          'lambda-ork-processor',
          'networking',
          's3',
          'secrets',
        ].map(name => `${MODULES}/${name}`),
      ].sort(),
    );
    for (const module of repo.modules) {
      const names = module.files.map(f => f.path.split('/').pop());
      expect(names).toEqual(
        expect.arrayContaining(['variables.tf', 'outputs.tf']),
      );
      expect(module.files.every(f => Object.keys(f.body).length > 0)).toBe(
        true,
      );
    }
    const rootFiles = repo.terraformRoot.files.map(f =>
      f.path.split('/').pop(),
    );
    expect(rootFiles).toEqual(
      expect.arrayContaining(['versions.tf', 'providers.tf', 'main.tf']),
    );
  });

  it('pins the AWS provider, eu-west-2 and an S3 backend with locking', async () => {
    const repo = await repository();
    const body = (name: string) =>
      repo.terraformRoot.files.find(f => f.path.endsWith(name))!.body;
    const terraform = body('versions.tf').terraform[0];
    expect(terraform.required_providers[0].aws.source).toBe('hashicorp/aws');
    expect(terraform.backend.s3).toBeDefined();
    expect(body('providers.tf').provider.aws[0].region).toBe(
      '${var.aws_region}',
    );
    expect(body('variables.tf').variable.aws_region[0].default).toBe(
      'eu-west-2',
    );
    const backend = await parseTerraformFile(
      'prod.s3.tfbackend',
      repo.read(`${ROOT}/prod.s3.tfbackend`),
    );
    expect(backend).toMatchObject({
      region: 'eu-west-2',
      encrypt: true,
      use_lockfile: true,
    });
  });

  it('declares every variable it uses and calls modules with what they declare', async () => {
    const repo = await repository();
    expect(moduleProblems(repo.root, repo.modules)).toEqual([]);
  });

  it('reports a variable used but not declared', async () => {
    const repo = await repository();
    const broken = await editFile(
      repo.modules,
      `${MODULES}/ecs/portal.tf`,
      replaceOnce('image     = var.portal_image', 'image     = var.portal_img'),
    );
    expect(moduleProblems(repo.root, broken)).toEqual([
      `${MODULES}/ecs/portal.tf: var.portal_img is used but not declared`,
    ]);
  });

  it('reports a module source that does not exist', async () => {
    const repo = await repository();
    const broken = await editFile(
      repo.modules,
      `${ROOT}/main.tf`,
      replaceOnce(
        'source = "../../modules/secrets"',
        'source = "../../modules/secret"',
      ),
    );
    expect(moduleProblems(repo.root, broken)).toEqual([
      `${ROOT}: module "secrets" has source "../../modules/secret", but ${MODULES}/secret holds no module`,
    ]);
  });

  it('reports an unknown input and a missing required one', async () => {
    const repo = await repository();
    const broken = await editFile(
      repo.modules,
      `${ROOT}/main.tf`,
      replaceOnce(
        '  name_prefix = "rocket-club/prod"',
        '  prefix = "rocket-club/prod"',
      ),
    );
    expect(moduleProblems(repo.root, broken)).toEqual([
      `${ROOT}: module "secrets" passes "prefix", which ${MODULES}/secrets does not declare`,
      `${ROOT}: module "secrets" does not pass the required variable "name_prefix"`,
    ]);
  });

  it('reports a module output or a local that does not exist', async () => {
    const repo = await repository();
    const broken = await editFile(
      repo.modules,
      `${ROOT}/outputs.tf`,
      replaceOnce(
        'value       = module.ecs.cluster_name',
        'value       = module.ecs.cluster',
      ),
    );
    const localBroken = await editFile(
      broken,
      `${ROOT}/images.tf`,
      replaceOnce(
        'prefect_base_image     = local.prefect_base_image',
        'prefect_base_image     = local.base_image',
      ),
    );
    expect(moduleProblems(repo.root, localBroken)).toEqual([
      `${ROOT}/images.tf: local.base_image is used but not defined`,
      `${ROOT}/outputs.tf: module.ecs.cluster is used but ${MODULES}/ecs has no output "cluster"`,
    ]);
  });

  it('is formatted as terraform fmt writes it', async () => {
    if (!which('terraform')) {
      // eslint-disable-next-line no-console
      console.log('SKIPPED terraform fmt -check: no terraform on PATH');
      return;
    }
    const repo = await repository();
    expect(terraformFmtCheck(join(repo.root, 'infra/platform/infra'))).toEqual(
      [],
    );

    const dir = mkdtempSync(join(tmpdir(), 'infra-checks-fmt-'));
    writeFileSync(
      join(dir, 'main.tf'),
      'locals {\nname="x"\n  other   =  1\n}\n',
    );
    expect(terraformFmtCheck(dir)).toEqual([
      `${join(dir, 'main.tf')} is not formatted (terraform fmt)`,
    ]);
  });
});
