import { CircleConfig, workflowJobs } from './circleci';
import { SEED } from './seed';
import {
  blocks,
  HclBody,
  locals,
  resources,
  strings,
  TerraformModule,
} from './terraform';

/** The statements of `data "aws_iam_policy_document" "<name>"` in a module. */
export function policyStatements(
  module: TerraformModule,
  name: string,
): HclBody[] {
  for (const file of module.files) {
    const doc = file.body.data?.aws_iam_policy_document?.[name]?.[0];
    if (doc) return doc.statement ?? [];
  }
  return [];
}

function list(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  return value ? [String(value)] : [];
}

/**
 * `${local.x}` and `${var.x}` (its default) substituted, repeatedly, so that
 * the trust subjects can be compared as AWS will see them. Variables without
 * a default stay as they are.
 */
export function resolve(text: string, module: TerraformModule): string {
  const values = locals(module);
  const variables = blocks(module, 'variable');
  let current = text;
  for (let i = 0; i < 10; i++) {
    const next = current.replace(
      /\$\{(local|var)\.([\w-]+)\}/g,
      (whole, kind, name) => {
        const value =
          kind === 'local' ? values[name] : variables.get(name)?.default;
        return typeof value === 'string' ? value : whole;
      },
    );
    if (next === current) return current;
    current = next;
  }
  return current;
}

/**
 * The CircleCI roles of the bootstrap root trust only this repository's
 * OIDC tokens, the write roles only pipelines of main, through a `sub`
 * condition (StringLike) and the organization as audience.
 *
 * @public
 */
export function checkCiTrust(bootstrap: TerraformModule): string[] {
  const problems: string[] = [];
  const roles = (locals(bootstrap).ci_roles ?? {}) as Record<string, any>;
  const write = ['terraform-apply', 'image-push', 'base-image-refresh'];
  for (const name of ['terraform-plan', ...write]) {
    if (!roles[name]) problems.push(`no CircleCI role "${name}"`);
  }
  const origin = `/vcs-origin/github.com/${SEED.repository}/vcs-ref/refs/heads/`;
  for (const [name, role] of Object.entries(roles)) {
    const subjects = list(role.subjects).map(s => resolve(s, bootstrap));
    for (const subject of subjects) {
      if (!subject.includes(origin)) {
        problems.push(
          `role "${name}" trusts "${subject}", not only refs of ${SEED.repository}`,
        );
      }
    }
    if (
      write.includes(name) &&
      (subjects.length !== 1 || !subjects[0].endsWith(`${origin}main`))
    ) {
      problems.push(
        `role "${name}" can write but trusts ${JSON.stringify(
          subjects,
        )}, not only refs/heads/main`,
      );
    }
  }
  const conditions = policyStatements(bootstrap, 'ci_trust').flatMap(
    s => s.condition ?? [],
  );
  const sub = conditions.find(c => String(c.variable).endsWith(':sub'));
  if (sub?.test !== 'StringLike' || !String(sub.values).includes('subjects')) {
    problems.push('the CircleCI trust does not test :sub against the subjects');
  }
  if (
    !conditions.some(
      c => String(c.variable).endsWith(':aud') && c.test === 'StringEquals',
    )
  ) {
    problems.push('the CircleCI trust does not pin the audience');
  }
  return problems;
}

const denied = (statements: HclBody[]) =>
  new Set(
    statements.filter(s => s.effect === 'Deny').flatMap(s => list(s.actions)),
  );

/**
 * The apply role: no wildcard IAM actions, workload roles only with the
 * boundary, the CI roles, the OIDC provider and the boundary denied, secret
 * values and running tasks denied. The plan role: read-only, secret values
 * denied.
 *
 * @public
 */
export function checkCiPolicies(bootstrap: TerraformModule): string[] {
  const problems: string[] = [];
  const apply = policyStatements(bootstrap, 'apply');
  for (const statement of apply.filter(s => s.effect !== 'Deny')) {
    for (const action of list(statement.actions)) {
      if (
        /^iam:.*\*/.test(action) ||
        /^(secretsmanager|ecr|iam):\*$/.test(action)
      ) {
        problems.push(`apply role: Allow ${action} (${statement.sid})`);
      }
      if (
        /^iam:(CreateRole|PutRolePolicy|AttachRolePolicy)$/.test(action) &&
        !(statement.condition ?? []).some(
          (c: any) => c.variable === 'iam:PermissionsBoundary',
        )
      ) {
        problems.push(
          `apply role: ${action} without an iam:PermissionsBoundary condition`,
        );
      }
    }
  }
  const ciDeny = apply.some(
    s =>
      s.effect === 'Deny' &&
      list(s.actions).includes('iam:*') &&
      list(s.resources).some(r => r.includes(':role/rocket-club-ci-*')),
  );
  if (!ciDeny) problems.push('apply role: IAM on the CI roles is not denied');
  const boundaryDeny = apply.some(
    s =>
      s.effect === 'Deny' &&
      list(s.actions).includes('iam:CreatePolicyVersion') &&
      list(s.resources).some(r => r.includes('boundary')),
  );
  if (!boundaryDeny)
    problems.push('apply role: changing the boundary is not denied');
  const applyDenied = denied(apply);
  for (const action of [
    'secretsmanager:GetSecretValue',
    'secretsmanager:PutSecretValue',
    'secretsmanager:UpdateSecret',
    'ecs:RunTask',
    'iam:DeleteRolePermissionsBoundary',
  ]) {
    if (!applyDenied.has(action))
      problems.push(`apply role: ${action} is not denied`);
  }
  const plan = policyStatements(bootstrap, 'plan');
  for (const statement of plan.filter(s => s.effect !== 'Deny')) {
    for (const action of list(statement.actions)) {
      const read = /^[\w-]+:(Get|List|Describe)/.test(action);
      const lock = list(statement.resources).every(r => r.endsWith('.tflock'));
      if (!read && !lock)
        problems.push(`plan role: ${action} is not read-only`);
    }
  }
  if (!denied(plan).has('secretsmanager:GetSecretValue')) {
    problems.push('plan role: secretsmanager:GetSecretValue is not denied');
  }
  const readOnly = resources(bootstrap, 'aws_iam_role_policy_attachment').some(
    ([, body]) =>
      String(body.role).includes('terraform-plan') &&
      String(body.policy_arn).endsWith(':policy/ReadOnlyAccess'),
  );
  if (!readOnly) problems.push('plan role: ReadOnlyAccess is not attached');
  return problems;
}

/**
 * Every role outside the bootstrap root carries a permissions boundary, and
 * only the base image's refresh may delete (untag) images.
 *
 * @public
 */
export function checkBoundariesAndDeletes(
  modules: TerraformModule[],
  bootstrapDir: string,
): string[] {
  const problems: string[] = [];
  for (const module of modules) {
    if (module.dir !== bootstrapDir) {
      for (const [name, body] of resources(module, 'aws_iam_role')) {
        if (!body.permissions_boundary)
          problems.push(
            `${module.dir}: aws_iam_role.${name} has no permissions_boundary`,
          );
      }
    }
    for (const file of module.files) {
      for (const [name, [doc]] of Object.entries<HclBody[]>(
        file.body.data?.aws_iam_policy_document ?? {},
      )) {
        const text = JSON.stringify(doc);
        const deletes = /ecr:(BatchDeleteImage\b|\*)/.test(text);
        if (
          deletes &&
          !(module.dir === bootstrapDir && name === 'base_image_refresh')
        ) {
          problems.push(`${file.path}: policy "${name}" may delete images`);
        }
      }
    }
  }
  return problems;
}

/** The role_arn of every aws-oidc-login step of a job (default AWS_ROLE_ARN). */
export function jobRoles(config: CircleConfig, job: string): string[] {
  return (config.jobs?.[job]?.steps ?? [])
    .filter((step: any) => typeof step === 'object' && 'aws-oidc-login' in step)
    .map((step: any) => step['aws-oidc-login']?.role_arn ?? '${AWS_ROLE_ARN}');
}

const ROLE_CONTEXT: Record<string, string> = {
  '${AWS_PLAN_ROLE_ARN}': 'rocket-club-prod-plan',
  '${AWS_ROLE_ARN}': 'rocket-club-prod',
  '${AWS_IMAGE_PUSH_ROLE_ARN}': 'rocket-club-prod',
  '${AWS_BASE_IMAGE_ROLE_ARN}': 'rocket-club-prod',
};

/**
 * Plans use the read-only role, from its own context; writers run in the
 * restricted context; only the base image's refresh gets the role that
 * untags.
 *
 * @public
 */
export function checkCircleRoles(config: CircleConfig): string[] {
  const problems: string[] = [];
  for (const job of [
    'terraform-prod-plan',
    'terraform-pr-plan',
    'terraform-drift-plan',
  ]) {
    const roles = jobRoles(config, job);
    if (roles.length !== 1 || roles[0] !== '${AWS_PLAN_ROLE_ARN}')
      problems.push(
        `${job} must log in with \${AWS_PLAN_ROLE_ARN}, not ${JSON.stringify(
          roles,
        )}`,
      );
  }
  for (const job of Object.keys(config.jobs ?? {})) {
    if (
      job !== SEED.baseImageJob &&
      jobRoles(config, job).includes('${AWS_BASE_IMAGE_ROLE_ARN}')
    )
      problems.push(`${job} uses the base image's role`);
  }
  for (const [name, workflow] of Object.entries<any>(config.workflows ?? {})) {
    for (const [invocation, { job, spec }] of workflowJobs(workflow)) {
      const contexts = list(spec.context);
      for (const role of jobRoles(config, job)) {
        const context = ROLE_CONTEXT[role];
        if (!context || !contexts.includes(context))
          problems.push(
            `workflow "${name}": ${invocation} uses ${role} outside the context ${context}`,
          );
      }
      if (
        contexts.includes('rocket-club-prod') &&
        jobRoles(config, job).includes('${AWS_PLAN_ROLE_ARN}')
      )
        problems.push(
          `workflow "${name}": ${invocation} plans in the write context`,
        );
    }
  }
  return problems;
}

/** Every string of a block, for checks of what an expression references. */
export const text = (value: unknown) => strings(value).join('\n');
