import { Sandbox } from '../sandbox';
import { startTestSandbox } from '../testUtils';
import { SandboxAdminClient, SandboxAdminError } from './SandboxAdminClient';

describe('SandboxAdminClient', () => {
  let sandbox: Sandbox;
  let admin: SandboxAdminClient;

  beforeAll(async () => {
    sandbox = await startTestSandbox({ circleci: { stepMs: 1000 } });
    // Any stand-in's port serves the admin API; take another one than the
    // sandbox's own client.
    admin = new SandboxAdminClient(`${sandbox.ecrUrl}/some/path`);
  });
  afterAll(() => sandbox.close());
  afterEach(() => admin.reset());

  it('takes the origin of any stand-in URL', () => {
    expect(admin.url).toBe(`${new URL(sandbox.ecrUrl).origin}/_sandbox`);
    expect(sandbox.admin.url).toBe(
      `${new URL(sandbox.circleciUrl).origin}/_sandbox`,
    );
  });

  it('reads state, pipelines and the stats the upstreams counted', async () => {
    const state = await admin.state();
    expect(state).toMatchObject({
      parked: sandbox.parked(),
      head: sandbox.world.github.head(),
      now: '2025-06-02T09:00:00.000Z',
    });
    const pipelines = await admin.pipelines();
    expect(pipelines).toHaveLength(state.pipelines);
    expect(pipelines[pipelines.length - 1].number).toBe(
      Math.max(...pipelines.map(p => p.number)),
    );

    await fetch(`${sandbox.githubUrl}/repos/rlhatcher/rocket-club`, {
      headers: { authorization: 'token t' },
    });
    expect((await admin.stats()).github).toMatchObject({
      requests: 1,
      byOperation: { 'GET /repos/rlhatcher/rocket-club': 1 },
    });
    await admin.resetStats();
    expect((await admin.stats()).github.requests).toBe(0);
  });

  it('journals the requests each upstream served, in order, with their status', async () => {
    const repo = `${sandbox.githubUrl}/repos/rlhatcher/rocket-club`;
    const headers = { authorization: 'token t' };
    await fetch(`${repo}/git/ref/heads/main`, { headers });
    await fetch(`${repo}/git/ref/heads/no-such-branch`, { headers });
    await fetch(`${repo}/pulls?state=open`, { headers });
    expect((await admin.requests()).github).toEqual([
      {
        method: 'GET',
        path: '/repos/rlhatcher/rocket-club/git/ref/heads/main',
        operation: 'GET /repos/rlhatcher/rocket-club/git/ref/heads/main',
        status: 200,
      },
      expect.objectContaining({
        path: '/repos/rlhatcher/rocket-club/git/ref/heads/no-such-branch',
        status: 404,
      }),
      expect.objectContaining({
        path: '/repos/rlhatcher/rocket-club/pulls?state=open',
        operation: 'GET /repos/rlhatcher/rocket-club/pulls',
      }),
    ]);
    await admin.resetStats();
    expect((await admin.requests()).github).toEqual([]);
  });

  it('queues faults and latency, lists and clears them', async () => {
    const queued = await admin.faults('circleci', {
      delayMs: 5,
      faults: [{ method: 'GET', path: '/me$', status: 503, count: 2 }],
    });
    expect(queued).toEqual({
      delayMs: 5,
      faults: [
        expect.objectContaining({ path: '/me$', status: 503, count: 2 }),
      ],
    });
    const me = await fetch(`${sandbox.circleciUrl}/me`, {
      headers: { 'Circle-Token': 't' },
    });
    expect(me.status).toBe(503);
    expect((await admin.queuedFaults()).circleci.faults).toEqual([
      expect.objectContaining({ count: 1 }),
    ]);
    await admin.clearFaults();
    expect(await admin.queuedFaults()).toMatchObject({
      circleci: { delayMs: 0, faults: [] },
    });
  });

  it('pushes, fails a job, sets a plan, adds images and moves the clock', async () => {
    await admin.failNext('build-prefect-deployer-image');
    const pushed = await admin.push({ message: 'Broken', actor: 'octo' });
    expect(pushed.commit).toBe(sandbox.world.github.head());
    await admin.plan(pushed.pipeline.number, { missing: true });
    expect(await admin.advanceClock(5000)).toBe('2025-06-02T09:00:05.000Z');
    const pipeline = (await admin.pipelines()).find(
      p => p.id === pushed.pipeline.id,
    );
    expect(pipeline).toMatchObject({ actor: 'octo', trigger: 'webhook' });
    expect(
      pipeline!.workflows.find(w => w.name === 'terraform-prod')!.status,
    ).toBe('failed');

    const before = sandbox.world.registry.repository('blog-data').images.length;
    expect(await admin.addImages(3)).toBe(3);
    expect(sandbox.world.registry.repository('blog-data').images).toHaveLength(
      before + 3,
    );
    expect(await admin.violations()).toEqual([]);
  });

  it('triggers a pipeline as an actor of its own, with parameters', async () => {
    const head = sandbox.world.github.head();
    const started = await admin.trigger({
      actor: 'carol',
      parameters: {
        'park-infrastructure-mode': true,
        'terraform-prod-mode': false,
      },
    });
    const pipeline = (await admin.pipelines()).find(p => p.id === started.id);
    expect(pipeline).toMatchObject({
      number: started.number,
      actor: 'carol',
      trigger: 'api',
      branch: 'main',
      revision: head,
      parameters: { 'park-infrastructure-mode': true },
      workflows: [expect.objectContaining({ name: 'park-infrastructure' })],
    });
    // No commit: the head stays where it was.
    expect(sandbox.world.github.head()).toBe(head);
    await expect(admin.trigger({ actor: '' })).rejects.toThrow(
      'Expected {actor, branch?, parameters?}, got {"actor":""}',
    );
    await expect(
      admin.trigger({ actor: 'carol', parameters: [] as any }),
    ).rejects.toMatchObject({ status: 400 });
  });

  it('throws the admin API refusal with its message', async () => {
    const refusal = admin.faults('circleci', { delayMs: -1 });
    await expect(refusal).rejects.toThrow(SandboxAdminError);
    await expect(refusal).rejects.toThrow(
      `Sandbox POST ${admin.url}/faults answered 400: Invalid delayMs -1`,
    );
    await expect(admin.merge(999)).rejects.toMatchObject({
      status: 404,
      message: expect.stringContaining('No open pull request #999'),
    });
  });
});
