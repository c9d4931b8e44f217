import {
  registerMswTestHooks,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { setupServer } from 'msw/node';
import {
  MAIN_TF,
  mainTf,
  operationsHarness,
  owner,
} from '../../__testUtils__/operationsHarness';

jest.setTimeout(60_000);

const server = setupServer();
registerMswTestHooks(server);

const BRANCH = 'environments/bump-prod-deployer';
const ctx = { environment: 'prod', credentials: owner, image: 'deployer' };

/**
 * Issue 12, cases 3 and 4: a bump builds its commit before it moves the
 * branch, so the pull request is never empty, and every GitHub call is
 * bounded and mapped.
 */
describe('bump under GitHub faults', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
  const setup = async (databaseId: string) =>
    operationsHarness(await databases.init(databaseId as any), server, {
      requestTimeoutMs: 300,
    });

  /** The files the pull request changes against main. */
  const changedFiles = (t: Awaited<ReturnType<typeof setup>>) =>
    t.github.changedFiles(BRANCH);

  describe.each(databases.eachSupportedId())('%p', databaseId => {
    it('builds the commit with the git data API, then moves the branch once, then opens the pull request', async () => {
      const t = await setup(databaseId);
      const result = await t.service.bump(ctx);
      const [pull] = t.github.pulls();
      expect(result.pullRequest).toMatchObject({
        number: pull.number,
        updated: false,
      });
      expect(t.github.writes()).toEqual([
        'POST /repos/rlhatcher/rocket-club/git/trees',
        'POST /repos/rlhatcher/rocket-club/git/commits',
        'POST /repos/rlhatcher/rocket-club/git/refs',
        'POST /repos/rlhatcher/rocket-club/pulls',
      ]);
      expect(changedFiles(t)).toEqual([MAIN_TF]);
      expect(t.github.message(t.github.head(BRANCH)!)).toContain('9f8e7d6');
    });

    it('leaves the open pull request as it was when GitHub fails the commit', async () => {
      const t = await setup(databaseId);
      await t.service.bump({
        ...ctx,
        tag: 'prefect-deployer-3-python3.12-9f8e7d6',
      });
      const before = t.github.head(BRANCH);
      t.github.faults({
        faults: [
          { method: 'POST', path: '/git/commits$', status: 500, count: 10 },
        ],
      });
      // A repeat bump (another tag) whose commit GitHub refuses.
      t.github.commit('main', {
        [MAIN_TF]: mainTf.replace('9f8e7d6', '0000000'),
      });
      await expect(t.service.bump(ctx)).rejects.toMatchObject({
        name: 'ServiceUnavailableError',
      });
      expect(t.github.head(BRANCH)).toBe(before);
      expect(t.github.sandbox.stats().github.faulted).toBeGreaterThan(0);
      expect(changedFiles(t)).toEqual([MAIN_TF]);
      expect(t.github.pulls().filter(p => p.state === 'open')).toHaveLength(1);
    });

    it('adopts a bump whose branch update answer was lost', async () => {
      const t = await setup(databaseId);
      // An open pull request from an earlier bump of another tag.
      t.github.commit(BRANCH, {
        [MAIN_TF]: mainTf.replace('1a2b3c4', 'fffffff'),
      });
      const old = await t.github.openPull({
        head: BRANCH,
        base: 'main',
        title: 'old',
      });
      // GitHub moves the branch, but its answer never reaches the portal
      // (it comes after the client's 300 ms timeout).
      t.github.faults({
        faults: [{ method: 'PATCH', path: '/git/refs/', delayMs: 1000 }],
      });
      const result = await t.service.bump({
        ...ctx,
        idempotencyKey: 'ui:bump-1',
      });
      expect(result.pullRequest).toMatchObject({ number: old.number });
      expect(t.github.sandbox.stats().github.faulted).toBe(1);
      expect(changedFiles(t)).toEqual([MAIN_TF]);
      expect(t.github.file(BRANCH, MAIN_TF)).toContain('9f8e7d6');
    });

    it('times out a slow GitHub instead of hanging', async () => {
      const t = await setup(databaseId);
      t.github.faults({
        faults: [
          { method: 'GET', path: '/contents/', delayMs: 2000, count: 10 },
        ],
      });
      await expect(t.service.bump(ctx)).rejects.toMatchObject({
        name: 'ServiceUnavailableError',
        message: expect.stringContaining(`Could not read '${MAIN_TF}'`),
      });
      expect(t.github.pulls()).toHaveLength(0);
      expect(t.github.sandbox.stats().github.faulted).toBeGreaterThan(0);
    });

    it.each([401, 403])(
      "reports GitHub refusing the portal's token (%p) as 503, never as the caller's own",
      async status => {
        const t = await setup(databaseId);
        t.github.faults({
          faults: [
            {
              method: 'POST',
              path: '/git/trees$',
              status,
              body: { message: 'Bad credentials' },
              count: 10,
            },
          ],
        });
        await expect(t.service.bump(ctx)).rejects.toMatchObject({
          name: 'ServiceUnavailableError',
          message: expect.stringContaining(
            `GitHub refused the portal's token on a tree in rlhatcher/rocket-club (HTTP ${status})`,
          ),
        });
        expect(t.github.writes()).toEqual([
          'POST /repos/rlhatcher/rocket-club/git/trees',
        ]);
      },
    );

    it('retries a rate-limited read after its Retry-After', async () => {
      const t = await setup(databaseId);
      t.github.faults({
        faults: [
          {
            method: 'GET',
            path: '/git/ref/heads',
            status: 429,
            retryAfter: 1,
            body: { message: 'rate limited' },
          },
        ],
      });
      const result = await t.service.bump(ctx);
      expect(result.pullRequest?.number).toBe(t.github.pulls()[0].number);
      // The first ref read was refused, then read again.
      const refReads = t.github.sandbox
        .requests()
        .github.filter(r => r.path.includes('/git/ref/'));
      expect(refReads.slice(0, 2).map(r => r.status)).toEqual([429, 200]);
      expect(refReads[0].path).toBe(refReads[1].path);
    });
  });
});
