import {
  checkCache,
  checkNoPlainSecrets,
  checkProductionVariablesProvided,
} from './cache';
import { loadProductionConfig } from './productionConfig';
import { editFile, replaceOnce, repository } from './testUtils';
import { TerraformModule } from './terraform';

const ROOT = 'infra/platform/infra/envs/prod';
const MODULES = 'infra/platform/infra/modules';
const CACHE = `${MODULES}/cache/main.tf`;
const root = (modules: TerraformModule[]) => modules.find(m => m.dir === ROOT)!;

describe('the shared cache', () => {
  it('is private to the portal, encrypted both ways, upgraded, without snapshots or passwords in Terraform', async () => {
    const repo = await repository();
    expect(checkCache(repo.terraformRoot, repo.modules)).toEqual([]);
  });

  it('reports a cache open to the VPC, on another port, or to another group', async () => {
    const repo = await repository();
    const open = await editFile(
      repo.modules,
      CACHE,
      replaceOnce(
        '  referenced_security_group_id = var.portal_security_group_id\n  ip_protocol                  = "tcp"\n  from_port                    = local.port\n',
        '  cidr_ipv4   = "0.0.0.0/0"\n  ip_protocol = "tcp"\n  from_port   = 0\n',
      ),
    );
    const rootEdited = await editFile(open, `${ROOT}/main.tf`, text =>
      replaceOnce(
        '  portal_security_group_id = module.ecs.portal_security_group_id\n',
        '  portal_security_group_id = module.ecs.prefect_tasks_security_group_id\n',
      )(
        replaceOnce(
          '  subnet_ids               = module.networking.private_subnet_ids\n  portal_security_group_id',
          '  subnet_ids               = module.networking.public_subnet_ids\n  portal_security_group_id',
        )(text),
      ),
    );
    expect(checkCache(root(rootEdited), rootEdited)).toEqual([
      'module "cache" gets subnet_ids = "${module.networking.public_subnet_ids}", not the private subnets',
      'module "cache" admits "${module.ecs.prefect_tasks_security_group_id}", not the portal\'s security group',
      'aws_vpc_security_group_ingress_rule.portal: admits cidr_ipv4 "0.0.0.0/0"',
      'aws_vpc_security_group_ingress_rule.portal: opens tcp 0-6379, not tcp 6379',
    ]);
  });

  it('reports TLS off, no encryption at rest, no upgrades or window, snapshots and no user group', async () => {
    const repo = await repository();
    const broken = await editFile(repo.modules, CACHE, text =>
      [
        ['  transit_encryption_enabled = true\n', ''],
        ['  transit_encryption_mode    = "required"\n', ''],
        [
          '  at_rest_encryption_enabled = true\n',
          '  at_rest_encryption_enabled = false\n',
        ],
        [
          '  auto_minor_version_upgrade = true\n',
          '  auto_minor_version_upgrade = false\n',
        ],
        ['  maintenance_window = var.maintenance_window\n', ''],
        [
          '  snapshot_retention_limit = 0\n',
          '  snapshot_retention_limit = 7\n',
        ],
        [
          '  user_group_ids             = [aws_elasticache_user_group.this.user_group_id]\n',
          '  auth_token                 = "a-token-in-the-state"\n',
        ],
      ].reduce((t, [from, to]) => replaceOnce(from, to)(t), text),
    );
    expect(checkCache(repo.terraformRoot, broken)).toEqual(
      [
        'TLS is not on',
        'TLS is not required',
        'not encrypted at rest',
        'minor versions are not upgraded',
        'no maintenance window',
        'keeps snapshots (snapshot_retention_limit = 7) of a cache',
        'no RBAC user group (anyone connected may log in)',
        'an auth_token (its value is in the state)',
      ].map(p => `aws_elasticache_replication_group.this: ${p}`),
    );
  });

  it('reports a password Terraform would keep in the state, and a default user left on', async () => {
    const repo = await repository();
    const broken = await editFile(repo.modules, CACHE, text => {
      const edited = replaceOnce(
        '  access_string = "off -@all"\n',
        '  access_string = "on ~* +@all"\n',
      )(
        replaceOnce(
          '  authentication_mode {\n    type = "iam"\n  }\n',
          '  authentication_mode {\n    type      = "password"\n    passwords = [random_password.portal.result]\n  }\n',
        )(text),
      );
      return `${edited}\nresource "random_password" "portal" {\n  length = 32\n}\n`;
    });
    expect(checkCache(repo.terraformRoot, broken)).toEqual([
      'aws_elasticache_user.default: logs in without a password and is not off',
      'aws_elasticache_user.portal: a password in Terraform (its value is in the state)',
      `${MODULES}/cache: random_password.portal puts a secret value in the state`,
    ]);
  });

  it('reports an execution role that may not read the cache password', async () => {
    const repo = await repository();
    const broken = await editFile(
      repo.modules,
      `${ROOT}/main.tf`,
      replaceOnce('    module.secrets.arns["cache-portal"],\n  ]', '  ]'),
    );
    expect(checkCache(root(broken), broken)).toEqual([
      'the execution role may not read the cache password ("${module.secrets.arns[\\"cache-portal\\"]}" is not in module "iam" task_secret_arns)',
    ]);
  });

  it('hands the cache password to the portal as a secret, never as plain environment', async () => {
    const repo = await repository();
    expect(checkNoPlainSecrets(repo.modules)).toEqual([]);
    const broken = await editFile(
      repo.modules,
      `${MODULES}/ecs/portal.tf`,
      text =>
        replaceOnce(
          '          { name = "REDIS_PASSWORD", valueFrom = "${var.cache.password_secret_arn}:password::" },\n',
          '',
        )(
          replaceOnce(
            '        { name = "REDIS_USERNAME", value = var.cache.username },\n',
            '        { name = "REDIS_USERNAME", value = var.cache.username },\n        { name = "REDIS_PASSWORD", value = var.cache.password },\n',
          )(text),
        ),
    );
    expect(checkNoPlainSecrets(broken)).toEqual([
      'aws_ecs_task_definition.portal: REDIS_PASSWORD is a plain environment value, not a secret',
    ]);
  });
});

describe('the production config and the task definition', () => {
  it('composes the cache URL from the task environment (Backstage config loader)', async () => {
    const repo = await repository();
    const { config } = await loadProductionConfig(repo.root, {
      REDIS_HOST:
        'master.rocket-club-prod-cache.example.euw2.cache.amazonaws.com',
      REDIS_PORT: '6379',
      REDIS_USERNAME: 'rocket-club-prod-portal',
      REDIS_PASSWORD: 'p@ss/word:with%signs',
    });
    expect(config.getString('backend.cache.store')).toBe('redis');
    expect(config.get('backend.cache.connection')).toEqual({
      url: 'rediss://master.rocket-club-prod-cache.example.euw2.cache.amazonaws.com:6379',
      username: 'rocket-club-prod-portal',
      password: 'p@ss/word:with%signs',
    });
  });

  it('provides every ${VAR} of the production config to the portal container', async () => {
    const repo = await repository();
    const { variables } = await loadProductionConfig(repo.root);
    expect(variables).toEqual(
      expect.arrayContaining([
        'BACKEND_SECRET',
        'POSTGRES_PASSWORD',
        'REDIS_HOST',
        'REDIS_PASSWORD',
      ]),
    );
    expect(checkProductionVariablesProvided(variables, repo.modules)).toEqual(
      [],
    );
  });

  it('reports a variable the task definition lacks (REDIS_URL before the cache existed)', async () => {
    const repo = await repository();
    const { variables } = await loadProductionConfig(repo.root);
    const broken = await editFile(
      repo.modules,
      `${MODULES}/ecs/portal.tf`,
      replaceOnce(
        '        { name = "REDIS_HOST", value = var.cache.host },\n',
        '',
      ),
    );
    expect(
      checkProductionVariablesProvided([...variables, 'REDIS_URL'], broken),
    ).toEqual([
      'app-config.production.yaml needs ${REDIS_HOST}, which aws_ecs_task_definition.portal does not provide',
      'app-config.production.yaml needs ${REDIS_URL}, which aws_ecs_task_definition.portal does not provide',
    ]);
  });
});
