import {
  registerMswTestHooks,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { setupServer } from 'msw/node';
import {
  operationsHarness,
  owner,
} from '../../__testUtils__/operationsHarness';
import summary from '../PlanReviewService/__fixtures__/plan-summary.json';

jest.setTimeout(60_000);

const server = setupServer();
registerMswTestHooks(server);

/** The fixture plan replaces the Aurora cluster and deletes a bucket. */
const PROTECTED =
  'module.aurora.aws_rds_cluster.this (replace), module.s3.aws_s3_bucket.assets["logs"] (delete)';

describe('OperationsService approve, after the plan review', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  describe.each(databases.eachSupportedId())('%p', databaseId => {
    async function held(options: { planAgeDays?: number } = {}) {
      const t = await operationsHarness(
        await databases.init(databaseId as any),
        server,
      );
      const { workflow: w } = await t.heldDeploy([
        { name: 'terraform-prod-plan', jobNumber: 7 },
      ]);
      // The harness's clock is 2026-03-02T10:00Z.
      const made =
        Date.parse('2026-03-02T10:00:00Z') -
        (options.planAgeDays ?? 1) * 86_400_000;
      t.plan.summary = { ...summary, timestamp: new Date(made).toISOString() };
      const approve = (extra: { confirm?: string; dryRun?: boolean } = {}) =>
        t.service.approve({
          environment: 'prod',
          credentials: owner,
          workflowId: w.id,
          ...extra,
        });
      return { t, approve };
    }

    it('refuses a protected replace without the confirmation, naming each resource, approving nothing', async () => {
      const { t, approve } = await held();
      await expect(approve()).rejects.toMatchObject({
        name: 'ConflictError',
        message: `The plan deletes or replaces protected resources: ${PROTECTED}; to approve, confirm with the environment's name 'prod'`,
      });
      await expect(approve({ confirm: 'production' })).rejects.toMatchObject({
        name: 'ConflictError',
      });
      expect(t.approved).toEqual([]);
    });

    it('answers a dry run the same way, and approves with the name typed, returning the review', async () => {
      const { t, approve } = await held();
      expect(await approve({ dryRun: true })).toMatchObject({
        dryRun: true,
        wouldSucceed: false,
        reason: expect.stringContaining(PROTECTED),
      });
      const result = await approve({ confirm: 'prod' });
      expect(t.approved).toHaveLength(1);
      expect(result.plan).toMatchObject({
        status: 'ok',
        counts: { create: 1, update: 1, delete: 1, replace: 2 },
      });
      expect(result.warning).toBeUndefined();
    });

    it('refuses a plan older than maxAge, whatever is confirmed', async () => {
      const { t, approve } = await held({ planAgeDays: 20 });
      await expect(approve({ confirm: 'prod' })).rejects.toMatchObject({
        name: 'ConflictError',
        message: expect.stringMatching(
          /^prod's held plan is stale: the plan was made 20 days ago, more than the 14 days allowed; rerun the pipeline/,
        ),
      });
      expect(t.approved).toEqual([]);
    });

    it('approves with a warning when the summary is missing', async () => {
      const { t, approve } = await held();
      t.plan.summary = undefined;
      const result = await approve();
      expect(t.approved).toHaveLength(1);
      expect(result.plan?.status).toBe('missing');
      expect(result.warning).toMatch(
        /^The plan summary could not be read \(terraform-prod-plan #7 published no terraform\/plan-summary\.json\)/,
      );
    });
  });
});
