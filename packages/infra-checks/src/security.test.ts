import {
  checkBoundariesAndDeletes,
  checkCiPolicies,
  checkCiTrust,
  checkCircleRoles,
} from './security';
import { editFile, replaceOnce, repository } from './testUtils';
import { TerraformModule } from './terraform';

const BOOTSTRAP = 'infra/platform/infra/bootstrap';
const MODULES = 'infra/platform/infra/modules';
const bootstrap = (modules: TerraformModule[]) =>
  modules.find(m => m.dir === BOOTSTRAP)!;

describe('defect 1: who can get which AWS role', () => {
  it('trusts only this repository, and for writing only main', async () => {
    const repo = await repository();
    expect(checkCiTrust(repo.bootstrapRoot)).toEqual([]);
  });

  it("reports the old trust: any user's pipeline on any branch", async () => {
    const repo = await repository();
    const broken = await editFile(
      repo.modules,
      `${BOOTSTRAP}/circleci.tf`,
      replaceOnce(
        'main_subject = "${local.sub_prefix}/refs/heads/${var.protected_branch}"',
        'main_subject = "org/${var.circleci_org_id}/project/${var.circleci_project_id}/user/*"',
      ),
    );
    const problems = checkCiTrust(bootstrap(broken));
    expect(problems).toHaveLength(6);
    expect(problems).toContain(
      'role "terraform-apply" can write but trusts ["org/${var.circleci_org_id}/project/${var.circleci_project_id}/user/*"], not only refs/heads/main',
    );
    expect(problems).toContain(
      'role "terraform-apply" trusts "org/${var.circleci_org_id}/project/${var.circleci_project_id}/user/*", not only refs of rlhatcher/rocket-club',
    );
  });

  it('reports a write role that trusts every branch, like the plan role', async () => {
    const repo = await repository();
    const broken = await editFile(
      repo.modules,
      `${BOOTSTRAP}/circleci.tf`,
      replaceOnce(
        'terraform-apply    = { subjects = [local.main_subject], session = 7200 }',
        'terraform-apply    = { subjects = ["${local.sub_prefix}/refs/heads/*"], session = 7200 }',
      ),
    );
    expect(checkCiTrust(bootstrap(broken))).toEqual([
      expect.stringMatching(
        /^role "terraform-apply" can write but trusts \[".*\/vcs-ref\/refs\/heads\/\*"\], not only refs\/heads\/main$/,
      ),
    ]);
  });

  it('limits the apply role (boundary, no CI roles, no secret values, no tasks) and keeps the plan role read-only', async () => {
    const repo = await repository();
    expect(checkCiPolicies(repo.bootstrapRoot)).toEqual([]);
  });

  it("reports the old deploy policy's holes", async () => {
    const repo = await repository();
    const apply = await editFile(
      repo.modules,
      `${BOOTSTRAP}/apply_policy.tf`,
      text =>
        replaceOnce(
          '      "secretsmanager:UpdateSecret",\n',
          '',
        )(
          replaceOnce(
            '    resources = [local.workload_roles]\n\n    condition {\n      test     = "StringEquals"\n      variable = "iam:PermissionsBoundary"\n      values   = [local.boundary_arn]\n    }\n',
            '    resources = [local.workload_roles]\n',
          )(
            replaceOnce(
              '      "iam:GetRole",\n',
              '      "iam:*Role*",\n',
            )(
              replaceOnce(
                '      "arn:aws:iam::${var.aws_account_id}:role/rocket-club-ci-*",\n',
                '',
              )(text),
            ),
          ),
        ),
    );
    const plan = await editFile(
      apply,
      `${BOOTSTRAP}/plan_policy.tf`,
      replaceOnce(
        'actions   = ["ssm:GetParameter"]\n    resources = [local.park_parameter]',
        'actions   = ["ssm:PutParameter"]\n    resources = [local.park_parameter]',
      ),
    );
    expect(checkCiPolicies(bootstrap(plan))).toEqual([
      'apply role: iam:CreateRole without an iam:PermissionsBoundary condition',
      'apply role: iam:PutRolePolicy without an iam:PermissionsBoundary condition',
      'apply role: iam:AttachRolePolicy without an iam:PermissionsBoundary condition',
      'apply role: Allow iam:*Role* (WorkloadRolesRead)',
      'apply role: IAM on the CI roles is not denied',
      'apply role: secretsmanager:UpdateSecret is not denied',
      'plan role: ssm:PutParameter is not read-only',
    ]);
  });

  it('reports an apply role that may rewrite its own boundary', async () => {
    const repo = await repository();
    const broken = await editFile(
      repo.modules,
      `${BOOTSTRAP}/apply_policy.tf`,
      replaceOnce(
        '      "iam:CreatePolicyVersion",\n      "iam:DeletePolicy",\n',
        '      "iam:DeletePolicy",\n',
      ),
    );
    expect(checkCiPolicies(bootstrap(broken))).toEqual([
      'apply role: changing the boundary is not denied',
    ]);
  });

  it('gives every prod role a boundary, and only the base refresh may delete images', async () => {
    const repo = await repository();
    expect(checkBoundariesAndDeletes(repo.modules, BOOTSTRAP)).toEqual([]);
    const noBoundary = await editFile(
      repo.modules,
      `${MODULES}/iam/ecs.tf`,
      replaceOnce(
        '  name                 = "${var.name}-portal-task"\n  assume_role_policy   = data.aws_iam_policy_document.ecs_tasks_trust.json\n  permissions_boundary = var.permissions_boundary_arn\n',
        '  name               = "${var.name}-portal-task"\n  assume_role_policy = data.aws_iam_policy_document.ecs_tasks_trust.json\n',
      ),
    );
    // Defect 2: the push role of every image job could untag.
    const deletes = await editFile(
      noBoundary,
      `${BOOTSTRAP}/images_policy.tf`,
      replaceOnce(
        '    actions   = local.push_actions\n',
        '    actions   = concat(local.push_actions, ["ecr:BatchDeleteImage"])\n',
      ),
    );
    expect(checkBoundariesAndDeletes(deletes, BOOTSTRAP)).toEqual([
      `${BOOTSTRAP}/images_policy.tf: policy "image_push" may delete images`,
      `${MODULES}/iam: aws_iam_role.portal_task has no permissions_boundary`,
    ]);
  });

  it('plans with the read-only role from its own context, writes from the restricted one', async () => {
    const repo = await repository();
    expect(checkCircleRoles(repo.circle)).toEqual([]);
    const broken = structuredClone(repo.circle);
    // The old setup: the plan job logs in with the write role...
    const login = broken.jobs['terraform-prod-plan'].steps.find(
      (s: any) => s['aws-oidc-login'],
    );
    delete login['aws-oidc-login'].role_arn;
    // ... and the push role refreshes the base image.
    broken.jobs['build-prefect-base-image'].steps[1][
      'aws-oidc-login'
    ].role_arn = '${AWS_IMAGE_PUSH_ROLE_ARN}';
    broken.jobs['build-prefect-deployer-image'].steps[1][
      'aws-oidc-login'
    ].role_arn = '${AWS_BASE_IMAGE_ROLE_ARN}';
    expect(checkCircleRoles(broken)).toEqual([
      'terraform-prod-plan must log in with ${AWS_PLAN_ROLE_ARN}, not ["${AWS_ROLE_ARN}"]',
      "build-prefect-deployer-image uses the base image's role",
      'workflow "terraform-prod": terraform-prod-plan uses ${AWS_ROLE_ARN} outside the context rocket-club-prod',
    ]);
  });
});
