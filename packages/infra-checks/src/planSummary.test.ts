import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runWithStubs } from './stubs';
import { repository } from './testUtils';

/*
 * A plan as `terraform show -json` prints it (Terraform's JSON output
 * format, format_version 1.2), written by hand: every value in it carries a
 * marker, sensitive ones included, so that the test can prove none survives.
 */
const PLAN = JSON.parse(
  readFileSync(join(__dirname, '__fixtures__', 'plan.json'), 'utf8'),
);
const MARKER =
  /\b(?:BEFORE|AFTER|PLANNED|DRIFT|NOOP|OUTPUT|PRIOR|CONFIG|READ|VARIABLE)-[A-Za-z0-9.-]+/g;

async function plan() {
  const repo = await repository();
  const run = await runWithStubs(
    join(repo.root, 'infra/platform/scripts/terraform-prod.sh'),
    ['plan'],
    { env: { STUB_PARKED: 'false' }, planJson: PLAN },
  );
  return { run, file: join(run.dir, 'plans', 'prod.tfplan.summary.json') };
}

describe('the value-free plan summary (terraform-prod.sh plan, plan-summary.jq)', () => {
  it('is written next to the saved plan with exactly the listed fields', async () => {
    const { run, file } = await plan();
    expect(run.status).toBe(0);
    const summary = JSON.parse(readFileSync(file, 'utf8'));
    const change = (
      address: string,
      module_address: string | null,
      mode: string,
      type: string,
      name: string,
      index: string | null,
      actions: string[],
      action_reason: string | null,
    ) => ({
      address,
      module_address,
      mode,
      type,
      name,
      index,
      change: { actions },
      action_reason,
    });
    expect(summary).toEqual({
      format_version: '1.2',
      terraform_version: '1.11.4',
      timestamp: '2026-12-02T13:00:00Z',
      resource_changes: [
        change(
          'module.ecs.aws_ecs_task_definition.portal',
          'module.ecs',
          'managed',
          'aws_ecs_task_definition',
          'portal',
          null,
          ['delete', 'create'],
          'replace_because_cannot_update',
        ),
        change(
          'module.aurora.aws_rds_cluster.this',
          'module.aurora',
          'managed',
          'aws_rds_cluster',
          'this',
          null,
          ['update'],
          null,
        ),
        change(
          'aws_ssm_parameter.parked',
          null,
          'managed',
          'aws_ssm_parameter',
          'parked',
          null,
          ['no-op'],
          null,
        ),
        change(
          'data.aws_ecr_image.pinned["portal_image"]',
          null,
          'data',
          'aws_ecr_image',
          'pinned',
          'portal_image',
          ['read'],
          'read_because_dependency_pending',
        ),
      ],
      resource_drift: [
        change(
          'module.secrets.aws_secretsmanager_secret.this["portal"]',
          'module.secrets',
          'managed',
          'aws_secretsmanager_secret',
          'this',
          'portal',
          ['update'],
          null,
        ),
      ],
      output_changes: {
        portal_url: { actions: ['update'] },
        admin_token: { actions: ['create'] },
      },
    });
  });

  it('keeps no value of the plan, sensitive or not', async () => {
    const { file } = await plan();
    const markers = [...JSON.stringify(PLAN).matchAll(MARKER)].map(m => m[0]);
    // The fixture carries values everywhere a plan does, sensitive ones too.
    expect(markers).toEqual(
      expect.arrayContaining([
        'BEFORE-SENSITIVE-backend-secret-1a2b',
        'AFTER-SENSITIVE-master-password',
        'OUTPUT-SENSITIVE-token-5e6f',
        'PLANNED-SENSITIVE-token-9f8e',
        'PRIOR-STATE-SENSITIVE-value',
        'VARIABLE-VALUE-hunter2',
        'CONFIG-DEFAULT-hunter3',
        'DRIFT-AFTER-changed-by-hand',
      ]),
    );
    expect(markers.length).toBeGreaterThanOrEqual(15);
    const text = readFileSync(file, 'utf8');
    expect(markers.filter(marker => text.includes(marker))).toEqual([]);
    expect(text).not.toMatch(
      /"(before|after|after_unknown|before_sensitive|after_sensitive|prior_state|planned_values|configuration|variables|replace_paths)"/,
    );
  });

  it('fails the plan when the summary cannot be made', async () => {
    const repo = await repository();
    const run = await runWithStubs(
      join(repo.root, 'infra/platform/scripts/terraform-prod.sh'),
      ['plan'],
      { env: { STUB_PARKED: 'false' }, planJson: 'not json' },
    );
    expect(run.status).not.toBe(0);
    expect(run.stdout).not.toContain('summary');
  });
});
