import { call, startTestSandbox } from '../__testUtils__/testSandbox';
import { ManualClock } from '../clock';
import { Sandbox } from '../sandbox';
import { planSummaryFor } from './artifacts';

const SLUG = 'gh/rlhatcher/rocket-club';
const TOKEN = 'sandbox-circleci-token';

describe('CircleCI stand-in: the plan summary artifact', () => {
  let sandbox: Sandbox & { clock: ManualClock };
  const api = (path: string, init: Parameters<typeof call>[1] = {}) =>
    call(`${sandbox.circleciUrl}${path}`, {
      ...init,
      headers: { 'Circle-Token': TOKEN, ...init.headers },
    });
  const admin = (path: string, body: unknown) =>
    call(`${sandbox.circleciUrl.replace(/\/api\/v2$/, '')}/_sandbox${path}`, {
      method: 'POST',
      body,
    });

  /** A push, run until its apply is held; the plan job's number. */
  async function heldPush(files?: Record<string, string>) {
    const { pipeline } = sandbox.push({ message: 'Change infra', files });
    await sandbox.clock.advance(3000);
    const workflows = (await api(`/pipeline/${pipeline.id}/workflow`)).body
      .items;
    const deploy = workflows.find((w: any) => w.name === 'terraform-prod');
    const jobs = (await api(`/workflow/${deploy.id}/job`)).body.items;
    const plan = jobs.find((j: any) => j.name === 'terraform-prod-plan');
    expect(deploy.status).toBe('on_hold');
    return { pipeline, jobNumber: plan.job_number as number };
  }

  async function summaryOf(jobNumber: number) {
    const list = await api(`/project/${SLUG}/${jobNumber}/artifacts`);
    expect(list.status).toBe(200);
    const item = list.body.items.find(
      (a: any) => a.path === 'terraform/plan-summary.json',
    );
    if (!item) return undefined;
    return call(item.url, { headers: { 'Circle-Token': TOKEN } });
  }

  beforeEach(async () => {
    sandbox = await startTestSandbox({
      circleci: { token: TOKEN, stepMs: 1000 },
    });
  });
  afterEach(async () => {
    const violations = sandbox.violations();
    await sandbox.close();
    if (violations.length) {
      throw new Error(`Contract violations: ${JSON.stringify(violations)}`);
    }
  });

  it('lists what the plan job stored, and serves it to the token only', async () => {
    const aurora = 'infra/platform/infra/modules/aurora/main.tf';
    const { jobNumber } = await heldPush({ [aurora]: '# tuned\n' });
    const list = await api(`/project/${SLUG}/${jobNumber}/artifacts`);
    expect(list.body).toEqual({
      items: expect.arrayContaining([
        {
          path: 'terraform/plan-summary.json',
          node_index: 0,
          url: expect.stringMatching(
            /\/artifacts\/\d+\/0\/terraform\/plan-summary\.json$/,
          ),
        },
      ]),
      next_page_token: null,
    });
    const url = list.body.items.find((a: any) => a.path.endsWith('.json')).url;
    expect((await call(url)).status).toBe(401);
    const summary = await call(url, { headers: { 'Circle-Token': TOKEN } });
    expect(summary.status).toBe(200);
    expect(summary.body).toMatchObject({
      format_version: '1.2',
      timestamp: new Date(sandbox.clock.now() - 2000)
        .toISOString()
        .replace(/\.\d{3}Z$/, 'Z'),
      resource_changes: [
        {
          address: 'module.aurora.aws_rds_cluster.this',
          type: 'aws_rds_cluster',
          change: { actions: ['delete', 'create'] },
        },
      ],
    });
  });

  it('lists nothing for a job that has not finished, and 404s an unknown job', async () => {
    const { pipeline } = sandbox.push({ message: 'Running' });
    const deploy = (
      await api(`/pipeline/${pipeline.id}/workflow`)
    ).body.items.find((w: any) => w.name === 'terraform-prod');
    const plan = (await api(`/workflow/${deploy.id}/job`)).body.items.find(
      (j: any) => j.name === 'terraform-prod-plan',
    );
    expect(
      (await api(`/project/${SLUG}/${plan.job_number}/artifacts`)).body.items,
    ).toEqual([]);
    expect((await api(`/project/${SLUG}/99999/artifacts`)).status).toBe(404);
  });

  it('takes a pipeline summary, age, absence or corruption from the admin API', async () => {
    const { pipeline, jobNumber } = await heldPush();
    const summary = planSummaryFor(
      ['infra/platform/infra/modules/s3/main.tf'],
      'x',
    );
    expect(
      (
        await admin('/circleci/plan', {
          pipeline: pipeline.number,
          summary,
          ageMs: 20 * 86_400_000,
        })
      ).status,
    ).toBe(204);
    const aged = await summaryOf(jobNumber);
    expect(Date.parse(aged!.body.timestamp)).toBeLessThan(
      sandbox.clock.now() - 19 * 86_400_000,
    );
    expect(aged!.body.resource_changes[0].address).toBe(
      'module.s3.aws_s3_bucket_lifecycle_configuration.assets',
    );

    await admin('/circleci/plan', { pipeline: pipeline.number, invalid: true });
    expect(typeof (await summaryOf(jobNumber))!.body).toBe('string');

    await admin('/circleci/plan', { pipeline: pipeline.number, missing: true });
    expect(await summaryOf(jobNumber)).toBeUndefined();

    expect((await admin('/circleci/plan', { pipeline: 4242 })).body).toEqual({
      message: '"pipeline" must be a pipeline number, got 4242',
    });
  });
});

describe('planSummaryFor', () => {
  it('plans what the changed paths touch, value-free', () => {
    expect(
      planSummaryFor(
        [
          'infra/platform/infra/modules/ecs/service.tf',
          'infra/platform/infra/envs/prod/main.tf',
          'README.md',
        ],
        '2026-01-01T00:00:00Z',
      ).resource_changes.map(c => [c.address, c.change.actions]),
    ).toEqual([
      [
        'module.ecs.aws_ecs_task_definition.prefect_worker',
        ['create', 'delete'],
      ],
      ['module.ecs.aws_ecs_service.portal', ['update']],
    ]);
    expect(planSummaryFor(['docs/x.md'], 't').resource_changes).toEqual([]);
  });
});
