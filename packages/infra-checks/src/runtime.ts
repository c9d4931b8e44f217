import { SEED } from './seed';
import { policyStatements, text } from './security';
import {
  blocks,
  locals,
  moduleDir,
  resources,
  TerraformModule,
} from './terraform';

const IMAGE_INPUTS = [
  'portal_image',
  'prefect_base_image',
  'prefect_deployer_image',
];

/**
 * Defect 2: ECS runs every image by digest. The ecs module accepts only
 * `<registry>/<repository>@sha256:...` references, and the root passes the
 * digests that `data.aws_ecr_image.pinned` resolved, never the tags.
 *
 * @public
 */
export function checkDigestPinning(
  root: TerraformModule,
  modules: TerraformModule[],
): string[] {
  const problems: string[] = [];
  const ecs = moduleDir(modules, 'ecs');
  const variables = ecs ? blocks(ecs, 'variable') : new Map();
  const call = blocks(root, 'module').get('ecs') ?? {};
  for (const input of IMAGE_INPUTS) {
    const validation = text(variables.get(input)?.validation);
    if (!validation.includes('@sha256:[0-9a-f]{64}$'))
      problems.push(`modules/ecs: var.${input} does not require a digest`);
    if (!String(call[input]).includes('local.by_digest['))
      problems.push(
        `module "ecs" gets ${input} = ${JSON.stringify(
          call[input],
        )}, not a digest from local.by_digest`,
      );
  }
  const byDigest = text(locals(root).by_digest);
  if (
    !/@\$\{image\.image_digest\}/.test(byDigest) ||
    !byDigest.includes('data.aws_ecr_image.pinned')
  )
    problems.push(
      'local.by_digest is not built from data.aws_ecr_image.pinned digests',
    );
  return problems;
}

/**
 * Defect 8: only the newest N deployer images expire-protect, by a rule that
 * cannot select the base image or its archive tags.
 *
 * @public
 */
export function checkDeployerRetention(
  bootstrap: TerraformModule,
  modules: TerraformModule[],
): string[] {
  const call = blocks(bootstrap, 'module').get('ecr_blog_data') ?? {};
  const keep = call.keep_newest_tagged ?? {};
  const prefixes = Object.keys(keep);
  const problems: string[] = [];
  if (prefixes.length === 0)
    problems.push('blog-data keeps every deployer image forever');
  for (const prefix of prefixes) {
    if (
      !prefix.startsWith('prefect-deployer-') ||
      SEED.baseTag.startsWith(prefix)
    )
      problems.push(
        `blog-data expires images tagged "${prefix}*", which is not only the deployer's`,
      );
  }
  const policy = text(
    moduleDir(modules, 'ecr')?.files.map(f => f.body.resource),
  );
  if (!policy.includes('imageCountMoreThan'))
    problems.push('modules/ecr: no count rule');
  return problems;
}

/**
 * Defect 3: no application logs in with the RDS-managed master secret (RDS
 * rotates it; ECS injects secrets once, at task start); each has its own.
 * Defect 8: the engine version RDS upgrades is not planned back.
 *
 * @public
 */
export function checkDatabaseCredentials(
  root: TerraformModule,
  modules: TerraformModule[],
): string[] {
  const problems: string[] = [];
  const ecsCall = blocks(root, 'module').get('ecs');
  if (text(ecsCall).includes('master_user_secret'))
    problems.push('module "ecs" is given the Aurora master secret');
  const ecs = moduleDir(modules, 'ecs');
  for (const [name, body] of resources(ecs!, 'aws_ecs_task_definition')) {
    const secrets = text(body.container_definitions);
    if (
      /PASSWORD", valueFrom = "\$\{var\.database\.(secret_arn|master)/.test(
        secrets,
      )
    )
      problems.push(
        `aws_ecs_task_definition.${name} logs in with the master secret`,
      );
  }
  const cluster = resources(
    moduleDir(modules, 'aurora')!,
    'aws_rds_cluster',
  )[0]?.[1];
  const ignored = text(cluster?.lifecycle?.[0]?.ignore_changes);
  if (!ignored.includes('engine_version'))
    problems.push(
      'aws_rds_cluster.this plans back the minor versions RDS upgrades (ignore_changes engine_version)',
    );
  return problems;
}

/**
 * Defect 4: the worker hands flow runs (another repository's code) only
 * their own roles, and their execution role reads no secret.
 *
 * @public
 */
export function checkFlowRunRoles(modules: TerraformModule[]): string[] {
  const iam = moduleDir(modules, 'iam')!;
  const problems: string[] = [];
  const passed = policyStatements(iam, 'prefect_worker_task')
    .filter(s => (s.actions ?? []).includes('iam:PassRole'))
    .flatMap(s => s.resources ?? []);
  for (const role of passed) {
    if (!/prefect_flow_run(_execution)?\.arn/.test(role))
      problems.push(`the Prefect worker may hand flow runs ${role}`);
  }
  for (const [name, body] of resources(iam, 'aws_iam_role_policy')) {
    if (String(body.role).includes('prefect_flow_run_execution'))
      problems.push(
        `the flow runs' execution role has the inline policy ${name}`,
      );
  }
  return problems;
}
