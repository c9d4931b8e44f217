import { checkFirstApply, checkPipelines } from './firstApply';
import { editFile, replaceOnce, repository } from './testUtils';
import { TerraformModule } from './terraform';

const ROOT = 'infra/platform/infra/envs/prod';
const MODULES = 'infra/platform/infra/modules';
const README = 'infra/README.md';
const root = (modules: TerraformModule[]) => modules.find(m => m.dir === ROOT)!;

describe('defect 5: a first apply that succeeds', () => {
  it('has its Lambda package before the plan, waits for permissions AWS checks, prompts for nothing', async () => {
    const repo = await repository();
    expect(
      checkFirstApply(repo.terraformRoot, repo.modules, repo.read(README)),
    ).toEqual([]);
  });

  it('reports the old first apply', async () => {
    const repo = await repository();
    const lambda = await editFile(
      repo.modules,
      `${MODULES}/lambda-ork-processor/main.tf`,
      text =>
        replaceOnce(
          '  depends_on = [aws_iam_role_policy.this]\n',
          '',
        )(
          replaceOnce(
            '  source_code_hash  = data.aws_s3_object.package.checksum_sha256\n',
            '',
          )(text),
        ),
    );
    const broken = await editFile(
      lambda,
      `${ROOT}/main.tf`,
      replaceOnce(
        'package_bucket           = "${local.name}-${var.aws_account_id}-packages"',
        'package_bucket           = module.s3.bucket_ids["artifacts"]',
      ),
    );
    const prompts = await editFile(
      broken,
      `${ROOT}/variables.tf`,
      text => `${text}\nvariable "circleci_org_id" {\n  type = string\n}\n`,
    );
    const oldReadme = replaceOnce(
      '3. _(by hand)_ **The bootstrap root**',
      '3. apply `module.iam` with `-target`\n3b. _(by hand)_ **The bootstrap root**',
    )(repo.read(README));
    expect(checkFirstApply(root(prompts), prompts, oldReadme)).toEqual([
      'aws_lambda_function.this has no source_code_hash',
      'the Lambda package bucket is created in the same apply as the function',
      "aws_lambda_event_source_mapping.uploads does not depend on its role's policy",
      'root variable "circleci_org_id" has no default: a plan would prompt for it',
      'infra/README.md: the first apply uses -target',
    ]);
    expect(
      checkFirstApply(
        repo.terraformRoot,
        repo.modules,
        repo.read(README).split('put-secret-value').join('put-value'),
      ),
    ).toEqual([
      'infra/README.md: the first apply does not go infra/platform/infra/bootstrap -> put-secret-value -> unpark-infrastructure-mode',
    ]);
  });
});

describe('defect 6: Terraform is checked before merge', () => {
  it('gives branches fmt, validate and a summarised read-only plan, and portal-ci what ./run test needs', async () => {
    const repo = await repository();
    expect(checkPipelines(repo.circle)).toEqual([]);
  });

  it('reports the old pipelines', async () => {
    const repo = await repository();
    const broken = structuredClone(repo.circle);
    delete broken.workflows['terraform-pr'];
    const steps = broken.jobs['portal-test'].steps;
    broken.jobs['portal-test'].steps = steps
      .filter((s: any) => s !== 'install-terraform')
      .map((s: any) =>
        s?.run?.command === './run test'
          ? { run: { ...s.run, command: '.ci/run' } }
          : s,
      );
    const deploy = broken.workflows['terraform-prod'].jobs;
    deploy[1]['terraform-prod-plan'].requires = [
      'build-prefect-deployer-image',
    ];
    deploy[0]['build-prefect-deployer-image'].context = 'rocket-club-prod';
    expect(checkPipelines(broken)).toEqual([
      'terraform-pr does not run terraform fmt -check',
      'terraform-pr does not run validate',
      'terraform-pr does not plan with the summary',
      'portal-test lacks "install-terraform"',
      'portal-test lacks "command":"./run test"',
      'terraform-prod-plan waits for the deployer image build',
      'workflow "terraform-prod": build-prefect-deployer-image pulls from Docker Hub anonymously',
    ]);
  });
});
