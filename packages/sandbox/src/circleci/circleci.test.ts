import { call, startTestSandbox } from '../__testUtils__/testSandbox';
import { Sandbox } from '../sandbox';
import { ManualClock } from '../clock';

const SLUG = 'gh/rlhatcher/rocket-club';
const TOKEN = { 'Circle-Token': 'sandbox-circleci-token' };

describe('CircleCI stand-in', () => {
  let sandbox: Sandbox & { clock: ManualClock };
  const api = (path: string, init: Parameters<typeof call>[1] = {}) =>
    call(`${sandbox.circleciUrl}${path}`, {
      ...init,
      headers: { ...TOKEN, ...init.headers },
    });
  const workflowsOf = async (id: string) =>
    (await api(`/pipeline/${id}/workflow`)).body.items;
  const jobsOf = async (id: string) =>
    (await api(`/workflow/${id}/job`)).body.items;

  beforeEach(async () => {
    sandbox = await startTestSandbox({
      circleci: { token: 'sandbox-circleci-token', stepMs: 1000 },
    });
  });
  afterEach(async () => {
    const violations = sandbox.violations();
    await sandbox.close();
    if (violations.length) {
      throw new Error(`Contract violations: ${JSON.stringify(violations)}`);
    }
  });

  it('requires a Circle-Token, answering 401 with a message', async () => {
    const missing = await call(
      `${sandbox.circleciUrl}/project/${SLUG}/pipeline`,
    );
    expect(missing).toMatchObject({
      status: 401,
      body: { message: 'You must log in first.' },
    });
    const wrong = await api(`/project/${SLUG}/pipeline`, {
      headers: { 'Circle-Token': 'nope' },
    });
    expect(wrong).toMatchObject({
      status: 401,
      body: { message: 'Invalid token provided.' },
    });
  });

  it.each([
    [
      'park-infrastructure',
      { 'park-infrastructure-mode': true, 'terraform-prod-mode': false },
    ],
    [
      'unpark-infrastructure',
      { 'unpark-infrastructure-mode': true, 'terraform-prod-mode': false },
    ],
    [
      'refresh-prefect-image',
      { 'refresh-prefect-image-mode': true, 'terraform-prod-mode': false },
    ],
  ])(
    'runs exactly %s for its mode parameters, on both trigger endpoints',
    async (workflow, parameters) => {
      const legacy = await api(`/project/${SLUG}/pipeline`, {
        method: 'POST',
        body: { branch: 'main', parameters },
      });
      expect(legacy.status).toBe(201);
      expect(legacy.body).toEqual({
        id: expect.any(String),
        state: 'pending',
        number: expect.any(Number),
        created_at: expect.any(String),
      });
      const run = await api(`/project/${SLUG}/pipeline/run`, {
        method: 'POST',
        body: {
          config: { branch: 'main' },
          checkout: { branch: 'main' },
          parameters,
        },
      });
      expect(run.status).toBe(201);
      for (const { id } of [legacy.body, run.body]) {
        const pipeline = await api(`/pipeline/${id}`);
        expect(pipeline.body).toMatchObject({
          state: 'created',
          errors: [],
          trigger: { type: 'api' },
          vcs: { branch: 'main' },
        });
        expect((await workflowsOf(id)).map((w: any) => w.name)).toEqual([
          workflow,
        ]);
      }
    },
  );

  it('runs terraform-prod and portal-ci for a push with default parameters', async () => {
    const { pipeline } = sandbox.push({
      message: 'Tune ECS worker memory',
      actor: 'octo',
    });
    const found = await api(`/pipeline/${pipeline.id}`);
    expect(found.body).toMatchObject({
      trigger: { type: 'webhook', actor: { login: 'octo', avatar_url: null } },
      vcs: {
        commit: { subject: 'Tune ECS worker memory' },
        revision: sandbox.world.github.head(),
      },
    });
    expect(
      (await workflowsOf(pipeline.id)).map((w: any) => w.name).sort(),
    ).toEqual(['portal-ci', 'terraform-prod']);
  });

  it('gives undeclared and mistyped parameters an errored pipeline', async () => {
    const undeclared = await api(`/project/${SLUG}/pipeline`, {
      method: 'POST',
      body: { parameters: { foo: true, bar: 1 } },
    });
    expect(undeclared.status).toBe(201);
    expect((await api(`/pipeline/${undeclared.body.id}`)).body).toMatchObject({
      state: 'errored',
      errors: [{ type: 'config', message: 'Unexpected argument(s): foo, bar' }],
    });
    const mistyped = await api(`/project/${SLUG}/pipeline`, {
      method: 'POST',
      body: { parameters: { 'park-infrastructure-mode': 'yes' } },
    });
    expect((await api(`/pipeline/${mistyped.body.id}`)).body).toMatchObject({
      state: 'errored',
      errors: [
        {
          type: 'config',
          message:
            'Type error for argument park-infrastructure-mode: expected type: boolean, actual value: "yes" (type string)',
        },
      ],
    });
    expect(await workflowsOf(mistyped.body.id)).toEqual([]);
  });

  it('holds terraform-prod for approval, then applies in requires order', async () => {
    const { pipeline } = sandbox.push({ message: 'Bump' });
    const workflow = (await workflowsOf(pipeline.id)).find(
      (w: any) => w.name === 'terraform-prod',
    );
    const status = async () =>
      (await api(`/workflow/${workflow.id}`)).body.status;
    const statusOf = async (name: string) =>
      (await jobsOf(workflow.id)).find((j: any) => j.name === name);

    expect(await status()).toBe('running');
    expect(await statusOf('build-prefect-deployer-image')).toMatchObject({
      status: 'running',
      type: 'build',
      job_number: expect.any(Number),
    });
    // The plan runs beside the deployer build, not after it: it pins an
    // image that exists already (infra/README.md, "The flow of a change").
    expect(await statusOf('terraform-prod-plan')).toMatchObject({
      status: 'running',
      started_at: expect.any(String),
    });
    expect(await statusOf('hold-terraform-prod-apply')).toMatchObject({
      status: 'blocked',
    });
    await sandbox.clock.advance(2000);
    const hold = await statusOf('hold-terraform-prod-apply');
    expect(hold).toMatchObject({
      type: 'approval',
      status: 'on_hold',
      approval_request_id: hold.id,
      started_at: null,
    });
    expect(await status()).toBe('on_hold');
    await sandbox.clock.advance(60_000);
    expect(await status()).toBe('on_hold');

    const approved = await api(
      `/workflow/${workflow.id}/approve/${hold.approval_request_id}`,
      { method: 'POST' },
    );
    expect(approved).toMatchObject({
      status: 202,
      body: { message: 'Accepted.' },
    });
    const again = await api(
      `/workflow/${workflow.id}/approve/${hold.approval_request_id}`,
      { method: 'POST' },
    );
    expect(again.status).toBe(400);
    expect(await statusOf('terraform-prod-apply')).toMatchObject({
      status: 'running',
    });
    await sandbox.clock.advance(2000);
    const done = await api(`/workflow/${workflow.id}`);
    expect(done.body).toMatchObject({
      status: 'success',
      stopped_at: expect.any(String),
    });
    const jobs = await jobsOf(workflow.id);
    const order = jobs
      .filter((j: any) => j.type === 'build')
      .sort((a: any, b: any) => a.job_number - b.job_number)
      .map((j: any) => j.name);
    expect(order).toEqual([
      'build-prefect-deployer-image',
      'terraform-prod-plan',
      'terraform-prod-apply',
      'verify-prod-endpoints',
    ]);
    expect(
      jobs.find((j: any) => j.name === 'terraform-prod-plan').dependencies,
    ).toEqual([]);
    expect(
      jobs.find((j: any) => j.name === 'terraform-prod-apply').dependencies,
    ).toEqual([
      jobs.find((j: any) => j.name === 'hold-terraform-prod-apply').id,
    ]);
  });

  it('pages pipelines newest first, 20 a page, per branch', async () => {
    const before = sandbox.world.store.pipelines.length;
    for (let i = 0; i < 23; i++) {
      await api(`/project/${SLUG}/pipeline`, {
        method: 'POST',
        body: {
          parameters: {
            'refresh-prefect-image-mode': true,
            'terraform-prod-mode': false,
          },
        },
      });
    }
    sandbox.push({ branch: 'feature/x', message: 'On a branch' });
    const first = await api(`/project/${SLUG}/pipeline?branch=main`);
    expect(first.body.items).toHaveLength(20);
    const numbers = first.body.items.map((p: any) => p.number);
    expect(numbers).toEqual([...numbers].sort((a, b) => b - a));
    const second = await api(
      `/project/${SLUG}/pipeline?branch=main&page-token=${encodeURIComponent(
        first.body.next_page_token,
      )}`,
    );
    const all = [...numbers, ...second.body.items.map((p: any) => p.number)];
    expect(new Set(all).size).toBe(all.length);
    expect(all).toHaveLength(before + 23);
    expect(second.body.next_page_token).toBeNull();
    const branch = await api(`/project/${SLUG}/pipeline?branch=feature/x`);
    expect(branch.body.items.map((p: any) => p.vcs.branch)).toEqual([
      'feature/x',
    ]);
    expect(
      (await api(`/project/${SLUG}/pipeline?page-token=bogus`)).status,
    ).toBe(400);
  });

  it('serves pipeline and workflow pages for the portal links', async () => {
    const { pipeline } = sandbox.push({ message: 'Linked' });
    const workflow = (await workflowsOf(pipeline.id))[0];
    const page = await call(
      `${sandbox.circleciAppUrl.replace(
        'localhost',
        '127.0.0.1',
      )}/pipelines/${SLUG}/${pipeline.number}/workflows/${workflow.id}`,
    );
    expect(page.status).toBe(200);
    expect(page.body).toContain(workflow.name);
    const list = await call(
      `${sandbox.circleciAppUrl.replace(
        'localhost',
        '127.0.0.1',
      )}/pipelines/github/rlhatcher/rocket-club/${pipeline.number}`,
    );
    expect(list.body).toContain('Linked');
  });
});
