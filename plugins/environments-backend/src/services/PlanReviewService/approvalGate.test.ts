import type { PlanReview } from '@rocket-club/plugin-environments-common';
import { approvalGate } from './approvalGate';

const review = (over: Partial<PlanReview> = {}): PlanReview => ({
  status: 'ok',
  createdAt: '2026-12-01T09:00:00Z',
  counts: { create: 0, update: 1, delete: 0, replace: 1 },
  changes: [],
  protected: [
    {
      address: 'module.aurora.aws_rds_cluster.this',
      type: 'aws_rds_cluster',
      actions: ['delete', 'create'],
    },
  ],
  drift: [],
  protectedPolicy: 'confirm',
  ...over,
});

describe('approvalGate', () => {
  it('refuses a protected replace without the confirmation, naming each resource', () => {
    expect(approvalGate('prod', review(), undefined)).toEqual({
      allowed: false,
      reason:
        "The plan deletes or replaces protected resources: module.aurora.aws_rds_cluster.this (replace); to approve, confirm with the environment's name 'prod'",
    });
    expect(approvalGate('prod', review(), 'Prod')).toMatchObject({
      allowed: false,
      reason: expect.stringContaining('(got "Prod")'),
    });
  });

  it('allows it with the environment name typed', () => {
    expect(approvalGate('prod', review(), 'prod')).toEqual({ allowed: true });
  });

  it('always refuses it under onProtectedChange: refuse', () => {
    expect(
      approvalGate('prod', review({ protectedPolicy: 'refuse' }), 'prod'),
    ).toMatchObject({
      allowed: false,
      reason: expect.stringContaining(
        'prod refuses such applies through the portal',
      ),
    });
  });

  it('refuses a stale plan with its reason', () => {
    expect(
      approvalGate(
        'prod',
        review({
          status: 'stale',
          protected: [],
          reason: 'the plan was made 20 days ago; rerun the pipeline',
        }),
        undefined,
      ),
    ).toEqual({
      allowed: false,
      reason:
        "prod's held plan is stale: the plan was made 20 days ago; rerun the pipeline",
    });
  });

  it('allows a plan with nothing protected, and one it could not read with a warning', () => {
    expect(approvalGate('prod', review({ protected: [] }), undefined)).toEqual({
      allowed: true,
    });
    expect(
      approvalGate(
        'prod',
        review({ status: 'missing', protected: [], reason: 'no summary' }),
        undefined,
      ),
    ).toEqual({
      allowed: true,
      warning:
        'The plan summary could not be read (no summary): approving without a review of what the apply will change',
    });
  });
});
