import summary from './__fixtures__/plan-summary.json';
import { classify, digestPlan, planSummarySchema } from './planSummary';

const PROTECT = ['aws_rds_cluster', 'aws_s3_bucket', 'aws_ecr_repository'];

describe('classify', () => {
  it.each([
    [['create'], 'create'],
    [['update'], 'update'],
    [['delete'], 'delete'],
    [['delete', 'create'], 'replace'],
    [['create', 'delete'], 'replace'],
    [['no-op'], undefined],
    [['read'], undefined],
    [['forget'], undefined],
  ])('%j is %p', (actions, expected) => {
    expect(classify(actions)).toBe(expected);
  });
});

describe('digestPlan', () => {
  const digest = digestPlan(planSummarySchema.parse(summary), PROTECT);

  it('counts each change once, replaces as one action, no-ops and reads left out', () => {
    expect(digest.counts).toEqual({
      create: 1,
      update: 1,
      delete: 1,
      replace: 2,
    });
    expect(digest.changes).toHaveLength(5);
    expect(digest.createdAt).toBe('2026-11-30T09:15:00Z');
  });

  it('lists replaces and deletes first', () => {
    expect(digest.changes.map(c => c.address)).toEqual([
      'module.aurora.aws_rds_cluster.this',
      'module.ecs.aws_ecs_task_definition.portal',
      'module.s3.aws_s3_bucket.assets["logs"]',
      'module.ecs.aws_ecs_service.portal',
      'module.lambda.aws_cloudwatch_log_group.this',
    ]);
  });

  it('sets apart the deletes and replaces of protected types only', () => {
    expect(digest.protected).toEqual([
      {
        address: 'module.aurora.aws_rds_cluster.this',
        type: 'aws_rds_cluster',
        actions: ['delete', 'create'],
      },
      {
        address: 'module.s3.aws_s3_bucket.assets["logs"]',
        type: 'aws_s3_bucket',
        actions: ['delete'],
      },
    ]);
  });

  it('reports the drift the plan found', () => {
    expect(digest.drift).toEqual([
      {
        address: 'module.ecs.aws_ecs_service.prefect',
        type: 'aws_ecs_service',
        actions: ['update'],
      },
    ]);
  });
});

describe('planSummarySchema', () => {
  it('refuses a summary that still carries values', () => {
    const leaky = structuredClone(summary) as any;
    leaky.resource_changes[0].change.after = { master_password: 'hunter2' };
    const parsed = planSummarySchema.safeParse(leaky);
    expect(parsed.success).toBe(false);
  });

  it('refuses the unreduced show -json output', () => {
    const full = {
      ...summary,
      planned_values: {},
      variables: { x: { value: 1 } },
    };
    expect(planSummarySchema.safeParse(full).success).toBe(false);
  });

  it('refuses an unknown format version', () => {
    expect(
      planSummarySchema.safeParse({ ...summary, format_version: '2.0' })
        .success,
    ).toBe(false);
  });
});
