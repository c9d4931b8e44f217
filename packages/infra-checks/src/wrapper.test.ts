import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runWithStubs } from './stubs';
import { repository } from './testUtils';
import { checkParkScope, checkWrapperOptions, parkScope } from './wrapper';

const ROOT = 'infra/platform/infra/envs/prod';
const WRAPPER = 'infra/platform/scripts/terraform-prod.sh';

const change = (
  address: string,
  actions: string[],
  before: Record<string, unknown> | null = null,
  after: Record<string, unknown> | null = null,
) => ({
  address,
  type: /(aws_[a-z0-9_]+)\.[^.]+$/.exec(address)?.[1],
  change: { actions, before, after, after_unknown: {} },
});
/** A service as the plan shows it, park mode changing only desired_count. */
const service = (desired: number, assignPublicIp = false) => ({
  desired_count: desired,
  name: 'portal',
  network_configuration: [
    { assign_public_ip: assignPublicIp, subnets: ['subnet-1'] },
  ],
});
const PARK_PLAN = {
  variables: { parked: { value: true } },
  resource_changes: [
    change(
      'module.ecs.aws_ecs_service.prefect_server',
      ['update'],
      service(1),
      service(0),
    ),
    change(
      'module.ecs.aws_ecs_service.prefect_worker',
      ['update'],
      service(1),
      service(0),
    ),
    change(
      'module.ork_processor.aws_lambda_event_source_mapping.uploads',
      ['update'],
      { enabled: true, batch_size: 10 },
      { enabled: false, batch_size: 10 },
    ),
    change('aws_ssm_parameter.parked', ['no-op']),
    change('data.aws_ecr_image.pinned["portal_image"]', ['read']),
  ],
};

async function wrapper(
  args: string[],
  env: Record<string, string> = {},
  planJson: unknown = PARK_PLAN,
) {
  const repo = await repository();
  return runWithStubs(join(repo.root, WRAPPER), args, { env, planJson });
}

describe('terraform-prod.sh', () => {
  it('states its contract: strict bash, five subcommands, one option set', async () => {
    const repo = await repository();
    expect(checkWrapperOptions(repo.wrapperText)).toEqual([]);
    expect(
      checkWrapperOptions(repo.wrapperText.replace(/-input=false/g, '')),
    ).toEqual(['terraform-prod.sh lacks -input=false']);
  });

  it('lists a park scope that exists in the Terraform and is driven by var.parked', async () => {
    const repo = await repository();
    expect(parkScope(repo.wrapperText)).toHaveLength(4);
    expect(
      checkParkScope(
        repo.root,
        repo.wrapperText,
        repo.terraformRoot,
        repo.modules,
      ),
    ).toEqual([]);
    const renamed = repo.wrapperText.replace(
      'aws_ecs_service.prefect_worker',
      'aws_ecs_service.worker',
    );
    expect(
      checkParkScope(repo.root, renamed, repo.terraformRoot, repo.modules),
    ).toEqual([
      'PARK_SCOPE module.ecs.aws_ecs_service.worker: infra/platform/infra/modules/ecs has no aws_ecs_service.worker',
    ]);
  });

  it.each([[[]], [['deploy']], [['plan', 'extra']]])(
    'exits 64 with a usage line for %j',
    async args => {
      const run = await wrapper(args);
      expect(run.status).toBe(64);
      expect(run.stderr).toContain(
        'usage: terraform-prod.sh init|plan|apply|park|unpark',
      );
      expect(run.calls).toEqual([]);
    },
  );

  it('inits with the backend configuration and no prompts', async () => {
    const run = await wrapper(['init']);
    expect(run.status).toBe(0);
    expect(run.calls).toEqual([
      expect.stringMatching(
        new RegExp(
          `^terraform -chdir=\\S+/${ROOT} init -input=false -lock-timeout=10m -backend-config=\\S+/${ROOT}/prod.s3.tfbackend$`,
        ),
      ),
    ]);
  });

  it('plans with the recorded park state into a saved plan file', async () => {
    const run = await wrapper(['plan'], {
      STUB_PARKED: 'true',
      TF_LOCK_TIMEOUT: '3m',
    });
    expect(run.status).toBe(0);
    expect(run.calls).toEqual([
      'aws ssm get-parameter --name /rocket-club/prod/parked --query Parameter.Value --output text',
      expect.stringMatching(
        / plan -input=false -lock-timeout=3m -var parked=true -out=\S+\/plans\/prod\.tfplan$/,
      ),
      expect.stringMatching(/ show -no-color \S+\/plans\/prod\.tfplan$/),
      expect.stringMatching(/ show -json \S+\/plans\/prod\.tfplan$/),
    ]);
  });

  it('plans without the state lock only when asked (pull requests, drift)', async () => {
    const run = await wrapper(['plan'], {
      STUB_PARKED: 'false',
      TF_PLAN_NO_LOCK: '1',
    });
    expect(run.status).toBe(0);
    expect(run.calls[1]).toMatch(
      / plan -input=false -lock-timeout=10m -lock=false -var parked=false -out=/,
    );
  });

  it('plans a new environment parked, portal included, and refuses a corrupt record', async () => {
    const missing = await wrapper(['plan'], { STUB_PARKED: 'missing' });
    expect(missing.status).toBe(0);
    expect(missing.stderr).toContain('a new environment is planned parked');
    expect(missing.calls[1]).toContain(
      '-var parked=true -var park_portal=true -out=',
    );
    const corrupt = await wrapper(['plan'], { STUB_PARKED: 'maybe' });
    expect(corrupt.status).toBe(1);
    expect(corrupt.stderr).toContain(
      "/rocket-club/prod/parked holds 'maybe', expected true or false",
    );
    expect(corrupt.calls.some(c => c.includes(' plan '))).toBe(false);
  });

  it('applies only a saved plan, and only while the park record still matches it', async () => {
    const none = await wrapper(['apply'], { STUB_PARKED: 'false' });
    expect(none.status).toBe(1);
    expect(none.stderr).toContain('no saved plan at');
    expect(none.calls).toEqual([]);

    const run = async (recorded: string) => {
      const plans = mkdtempSync(join(tmpdir(), 'infra-checks-plans-'));
      writeFileSync(join(plans, 'prod.tfplan'), '');
      return wrapper(
        ['apply'],
        { STUB_PARKED: recorded, TF_PLAN_DIR: plans },
        { variables: { parked: { value: false } } },
      );
    };
    const ok = await run('false');
    expect(ok.status).toBe(0);
    expect(ok.calls.at(-1)).toMatch(
      / apply -input=false -lock-timeout=10m \S+\/prod\.tfplan$/,
    );
    const stale = await run('true');
    expect(stale.status).toBe(1);
    expect(stale.stderr).toContain(
      'made with parked=false but prod is now recorded as parked=true',
    );
    expect(stale.calls.some(c => c.includes(' apply '))).toBe(false);
  });

  it('parks by recording the intent, then applying the park plan', async () => {
    const run = await wrapper(['park'], { STUB_PARKED: 'false' });
    expect(run.status).toBe(0);
    const steps = run.calls.map(c =>
      c
        .replace(/-chdir=\S+ /, '')
        .split(' ')
        .slice(0, 3)
        .join(' '),
    );
    expect(steps).toEqual([
      'aws ssm get-parameter',
      'terraform plan -input=false',
      'terraform show -no-color',
      'terraform show -json',
      'terraform show -json',
      'aws ssm put-parameter',
      'terraform apply -input=false',
    ]);
    expect(run.calls[5]).toBe(
      'aws ssm put-parameter --name /rocket-club/prod/parked --type String --overwrite --value true',
    );
    expect(run.calls[1]).toContain('-var parked=true -out=');
  });

  it('refuses to park an environment that was never applied, and to unpark one whose secrets are empty', async () => {
    const never = await wrapper(['park'], { STUB_PARKED: 'missing' });
    expect(never.status).toBe(1);
    expect(never.stderr).toContain('prod has never been applied');
    const unseeded = await wrapper(['unpark'], {
      STUB_PARKED: 'true',
      STUB_UNSEEDED: 'rocket-club/prod/db-portal\trocket-club/prod/portal',
    });
    expect(unseeded.status).toBe(1);
    expect(unseeded.stderr).toContain(
      'refusing to unpark: these secrets have no value yet',
    );
    expect(unseeded.stderr).toContain('rocket-club/prod/db-portal');
    for (const run of [never, unseeded]) {
      expect(run.calls.some(c => / (plan|apply) /.test(c))).toBe(false);
    }
    const seeded = await wrapper(['unpark'], { STUB_PARKED: 'true' });
    expect(seeded.status).toBe(0);
    expect(seeded.calls).toContain(
      'aws secretsmanager list-secrets --filters Key=name,Values=rocket-club/prod/ --query SecretList[?SecretVersionsToStages == null].Name --output text',
    );
  });

  it('refuses to park when a park-scope resource changes more than park mode drives', async () => {
    // An unreviewed assign_public_ip change on the portal's service, in a
    // resource park mode is allowed to update: only desired_count may change.
    const plan = structuredClone(PARK_PLAN);
    plan.resource_changes.push(
      change(
        'module.ecs.aws_ecs_service.portal',
        ['update'],
        service(1, false),
        service(0, true),
      ),
      change(
        'module.ork_processor.aws_lambda_event_source_mapping.uploads',
        ['update'],
        { enabled: true, batch_size: 10 },
        { enabled: false, batch_size: 100 },
      ),
    );
    const run = await wrapper(['park'], { STUB_PARKED: 'false' }, plan);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('refusing to park');
    expect(run.stderr).toContain(
      'update module.ecs.aws_ecs_service.portal (network_configuration)',
    );
    expect(run.stderr).toContain(
      'update module.ork_processor.aws_lambda_event_source_mapping.uploads (batch_size)',
    );
    expect(run.stderr).not.toContain('prefect_server');
    expect(
      run.calls.some(
        c => c.startsWith('aws ssm put-parameter') || c.includes(' apply '),
      ),
    ).toBe(false);
  });

  it('refuses to park when a value park mode drives is unknown until apply', async () => {
    const plan = structuredClone(PARK_PLAN);
    (plan.resource_changes[0].change as any).after_unknown = {
      network_configuration: [{ security_groups: true }],
    };
    const run = await wrapper(['park'], { STUB_PARKED: 'false' }, plan);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      'update module.ecs.aws_ecs_service.prefect_server (network_configuration)',
    );
  });

  it('refuses to park when the plan holds changes outside park mode', async () => {
    const plan = structuredClone(PARK_PLAN);
    plan.resource_changes.push(
      change('module.ecs.aws_ecs_task_definition.portal', ['delete', 'create']),
      change('module.ecs.aws_ecs_service.portal', ['delete', 'create']),
    );
    const run = await wrapper(['unpark'], { STUB_PARKED: 'true' }, plan);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('refusing to unpark');
    expect(run.stderr).toContain(
      'delete,create module.ecs.aws_ecs_task_definition.portal (*)',
    );
    expect(run.stderr).toContain(
      'delete,create module.ecs.aws_ecs_service.portal (*)',
    );
    expect(
      run.calls.some(
        c => c.startsWith('aws ssm put-parameter') || c.includes(' apply '),
      ),
    ).toBe(false);
  });
});
