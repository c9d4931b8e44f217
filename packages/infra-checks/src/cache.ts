import { text } from './security';
import {
  blocks,
  HclBody,
  locals,
  moduleDir,
  resources,
  TerraformModule,
} from './terraform';

/**
 * The portal's shared cache (issue 18): ElastiCache in the private subnets,
 * reachable only from the portal's security group on its own port, TLS
 * required, encrypted at rest, minor versions upgraded in a maintenance
 * window, no snapshots kept, RBAC users, and no password anywhere in
 * Terraform (so none in the state the plan role reads).
 *
 * @public
 */
export function checkCache(
  root: TerraformModule,
  modules: TerraformModule[],
): string[] {
  const cache = moduleDir(modules, 'cache');
  if (!cache) return ['no modules/cache'];
  const problems: string[] = [];
  const call = blocks(root, 'module').get('cache');
  if (!call) problems.push('the prod root does not call modules/cache');
  if (call && call.subnet_ids !== '${module.networking.private_subnet_ids}')
    problems.push(
      `module "cache" gets subnet_ids = ${JSON.stringify(
        call.subnet_ids,
      )}, not the private subnets`,
    );
  if (
    call &&
    call.portal_security_group_id !== '${module.ecs.portal_security_group_id}'
  )
    problems.push(
      `module "cache" admits ${JSON.stringify(
        call.portal_security_group_id,
      )}, not the portal's security group`,
    );

  // ECS injects the password at start with the execution role.
  const passwordSecret = blocks(root, 'module').get('ecs')?.cache
    ?.password_secret_arn;
  const injectable = text(blocks(root, 'module').get('iam')?.task_secret_arns);
  if (
    typeof passwordSecret !== 'string' ||
    !injectable.split('\n').includes(passwordSecret)
  )
    problems.push(
      `the execution role may not read the cache password (${JSON.stringify(
        passwordSecret,
      )} is not in module "iam" task_secret_arns)`,
    );

  const groups = resources(cache, 'aws_elasticache_replication_group');
  if (groups.length !== 1)
    problems.push(
      `modules/cache has ${groups.length} replication groups, expected 1`,
    );
  for (const [name, group] of groups) {
    const where = `aws_elasticache_replication_group.${name}`;
    const expect = (argument: string, value: unknown, why: string) => {
      if (group[argument] !== value) problems.push(`${where}: ${why}`);
    };
    expect('transit_encryption_enabled', true, 'TLS is not on');
    expect('transit_encryption_mode', 'required', 'TLS is not required');
    expect('at_rest_encryption_enabled', true, 'not encrypted at rest');
    expect(
      'auto_minor_version_upgrade',
      true,
      'minor versions are not upgraded',
    );
    if (!group.maintenance_window)
      problems.push(`${where}: no maintenance window`);
    const snapshots = group.snapshot_retention_limit;
    if (typeof snapshots !== 'number' || snapshots > 1)
      problems.push(
        `${where}: keeps snapshots (snapshot_retention_limit = ${JSON.stringify(
          snapshots,
        )}) of a cache`,
      );
    if (!text(group.user_group_ids).includes('aws_elasticache_user_group.'))
      problems.push(
        `${where}: no RBAC user group (anyone connected may log in)`,
      );
    if ('auth_token' in group)
      problems.push(`${where}: an auth_token (its value is in the state)`);
    const sgs = [group.security_group_ids].flat();
    if (
      sgs.length === 0 ||
      sgs.some(sg => !/^\$\{aws_security_group\.\w+\.id\}$/.test(String(sg)))
    )
      problems.push(
        `${where}: security_group_ids = ${JSON.stringify(
          group.security_group_ids,
        )}, not the module's own group`,
      );
  }

  const port = (locals(cache).port as number | undefined) ?? 6379;
  for (const [name, sg] of resources(cache, 'aws_security_group')) {
    if (sg.ingress || sg.egress)
      problems.push(`aws_security_group.${name}: inline rules`);
  }
  if (resources(cache, 'aws_security_group_rule').length > 0)
    problems.push('modules/cache uses aws_security_group_rule');
  const ingress = resources(cache, 'aws_vpc_security_group_ingress_rule');
  if (ingress.length === 0) problems.push('modules/cache admits nobody');
  for (const [name, rule] of ingress) {
    const where = `aws_vpc_security_group_ingress_rule.${name}`;
    for (const open of ['cidr_ipv4', 'cidr_ipv6', 'prefix_list_id']) {
      if (open in rule)
        problems.push(`${where}: admits ${open} ${JSON.stringify(rule[open])}`);
    }
    if (
      'referenced_security_group_id' in rule &&
      rule.referenced_security_group_id !== '${var.portal_security_group_id}'
    )
      problems.push(
        `${where}: admits ${JSON.stringify(
          rule.referenced_security_group_id,
        )}, not the portal's security group`,
      );
    const ports = [rule.from_port, rule.to_port].map(p =>
      p === '${local.port}' ? port : p,
    );
    if (rule.ip_protocol !== 'tcp' || ports.some(p => p !== port))
      problems.push(
        `${where}: opens ${rule.ip_protocol} ${ports.join(
          '-',
        )}, not tcp ${port}`,
      );
  }

  for (const [name, user] of resources(cache, 'aws_elasticache_user')) {
    const modes: HclBody[] = user.authentication_mode ?? [];
    if ('passwords' in user || modes.some(m => 'passwords' in m))
      problems.push(
        `aws_elasticache_user.${name}: a password in Terraform (its value is in the state)`,
      );
    if (
      modes.some(m => m.type === 'no-password-required') &&
      !String(user.access_string).startsWith('off')
    )
      problems.push(
        `aws_elasticache_user.${name}: logs in without a password and is not off`,
      );
  }
  for (const module of modules) {
    for (const type of ['random_password', 'aws_secretsmanager_secret_version'])
      for (const [name] of resources(module, type))
        problems.push(
          `${module.dir}: ${type}.${name} puts a secret value in the state`,
        );
  }
  return problems;
}

/**
 * `name = "X"` entries of a container definitions expression, by kind.
 *
 * @public
 */
export function containerVariables(
  containerDefinitions: unknown,
  module: TerraformModule,
): { environment: string[]; secrets: string[] } {
  const body = text(containerDefinitions);
  const environment = [
    ...body.matchAll(/\{\s*name\s*=\s*"(\w+)",\s*value\s*=/g),
  ].map(m => m[1]);
  const secrets = [
    ...body.matchAll(/\{\s*name\s*=\s*"(\w+)",\s*valueFrom\s*=/g),
  ].map(m => m[1]);
  // [for key in local.keys : { name = key, valueFrom = ... }]
  for (const [, list] of body.matchAll(
    /for\s+(?:\w+)\s+in\s+local\.(\w+)\s*:\s*\{\s*name\s*=\s*\w+,\s*valueFrom/g,
  )) {
    const value = locals(module)[list];
    if (Array.isArray(value)) secrets.push(...value.map(String));
  }
  return { environment, secrets };
}

const SECRET_NAME = /PASSWORD|TOKEN|SECRET/;

/**
 * No task definition hands a container a password, token or secret as a
 * plain environment value (visible in the task definition to anyone who may
 * describe it): those come from Secrets Manager through `secrets`.
 *
 * @public
 */
export function checkNoPlainSecrets(modules: TerraformModule[]): string[] {
  const ecs = moduleDir(modules, 'ecs');
  if (!ecs) return ['no modules/ecs'];
  return resources(ecs, 'aws_ecs_task_definition').flatMap(([name, body]) =>
    containerVariables(body.container_definitions, ecs)
      .environment.filter(variable => SECRET_NAME.test(variable))
      .map(
        variable =>
          `aws_ecs_task_definition.${name}: ${variable} is a plain environment value, not a secret`,
      ),
  );
}

/**
 * Every `${VAR}` the production config asks for is given to the portal's
 * container, as environment or as a secret: a missing one makes the portal
 * start with an empty value (or not at all).
 *
 * @public
 */
export function checkProductionVariablesProvided(
  variables: string[],
  modules: TerraformModule[],
): string[] {
  const ecs = moduleDir(modules, 'ecs');
  const portal = ecs
    ? resources(ecs, 'aws_ecs_task_definition').find(([n]) => n === 'portal')
    : undefined;
  if (!ecs || !portal) return ['no aws_ecs_task_definition.portal'];
  const { environment, secrets } = containerVariables(
    portal[1].container_definitions,
    ecs,
  );
  const given = new Set([...environment, ...secrets]);
  return [...new Set(variables)]
    .filter(variable => !given.has(variable))
    .sort()
    .map(
      variable =>
        `app-config.production.yaml needs \${${variable}}, which aws_ecs_task_definition.portal does not provide`,
    );
}
