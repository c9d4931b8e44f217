import {
  registerMswTestHooks,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { delay, http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  MAIN_TF,
  mainTf,
  operationsHarness,
  owner,
} from '../../__testUtils__/operationsHarness';
import { UPSTREAMS } from '../../__testUtils__/testConfig';

jest.setTimeout(60_000);

const server = setupServer();
registerMswTestHooks(server);

const repo = `${UPSTREAMS.github}/repos/rlhatcher/rocket-club`;
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
  const changedFiles = (t: Awaited<ReturnType<typeof setup>>) => {
    const head = t.github.commits.get(t.github.refs.get(BRANCH)!)!;
    const main = t.github.commits.get(t.github.refs.get('main')!)!;
    return [...head.keys()].filter(p => head.get(p) !== main.get(p));
  };

  describe.each(databases.eachSupportedId())('%p', databaseId => {
    it('builds the commit with the git data API, then moves the branch once, then opens the pull request', async () => {
      const t = await setup(databaseId);
      const result = await t.service.bump(ctx);
      expect(result.pullRequest).toMatchObject({ number: 40, updated: false });
      const writes = t.github.calls.filter(c => !c.startsWith('GET'));
      expect(writes).toEqual([
        'POST /repos/rlhatcher/rocket-club/git/trees',
        'POST /repos/rlhatcher/rocket-club/git/commits',
        'POST /repos/rlhatcher/rocket-club/git/refs',
        'POST /repos/rlhatcher/rocket-club/pulls',
      ]);
      expect(changedFiles(t)).toEqual([MAIN_TF]);
      const head = t.github.refs.get(BRANCH)!;
      expect(t.github.messages.get(head)).toContain('9f8e7d6');
    });

    it('leaves the open pull request as it was when GitHub fails the commit', async () => {
      const t = await setup(databaseId);
      await t.service.bump({
        ...ctx,
        tag: 'prefect-deployer-3-python3.12-9f8e7d6',
      });
      const before = t.github.refs.get(BRANCH);
      server.use(
        http.post(`${repo}/git/commits`, () =>
          HttpResponse.json({ message: 'Server Error' }, { status: 500 }),
        ),
      );
      // A repeat bump (another tag) whose commit GitHub refuses.
      t.github.commit('main', {
        [MAIN_TF]: mainTf.replace('9f8e7d6', '0000000'),
      });
      await expect(t.service.bump(ctx)).rejects.toMatchObject({
        name: 'ServiceUnavailableError',
      });
      expect(t.github.refs.get(BRANCH)).toBe(before);
      expect(changedFiles(t)).toEqual([MAIN_TF]);
      expect(t.github.pulls.filter(p => p.state === 'open')).toHaveLength(1);
    });

    it('adopts a bump whose branch update answer was lost', async () => {
      const t = await setup(databaseId);
      // An open pull request from an earlier bump of another tag.
      t.github.commit(BRANCH, {
        [MAIN_TF]: mainTf.replace('1a2b3c4', 'fffffff'),
      });
      t.github.pulls.push({
        number: 39,
        head: BRANCH,
        base: 'main',
        title: 'old',
        body: '',
        state: 'open',
      });
      server.use(
        http.patch(
          `${repo}/git/refs/heads/:branch+`,
          async ({ request }) => {
            const body = (await request.json()) as { sha: string };
            t.github.refs.set(BRANCH, body.sha);
            return HttpResponse.error();
          },
          { once: true },
        ),
      );
      const result = await t.service.bump({
        ...ctx,
        idempotencyKey: 'ui:bump-1',
      });
      expect(result.pullRequest).toMatchObject({ number: 39 });
      expect(changedFiles(t)).toEqual([MAIN_TF]);
      expect(t.github.file(BRANCH, MAIN_TF)).toContain('9f8e7d6');
    });

    it('times out a slow GitHub instead of hanging', async () => {
      const t = await setup(databaseId);
      server.use(
        http.get(`${repo}/contents/:path+`, async () => {
          await delay('infinite');
          return HttpResponse.json({});
        }),
      );
      await expect(t.service.bump(ctx)).rejects.toMatchObject({
        name: 'ServiceUnavailableError',
        message: expect.stringContaining(`Could not read '${MAIN_TF}'`),
      });
      expect(t.github.pulls).toHaveLength(0);
    });

    it.each([401, 403])(
      "reports GitHub refusing the portal's token (%p) as 503, never as the caller's own",
      async status => {
        const t = await setup(databaseId);
        server.use(
          http.post(`${repo}/git/trees`, () =>
            HttpResponse.json({ message: 'Bad credentials' }, { status }),
          ),
        );
        await expect(t.service.bump(ctx)).rejects.toMatchObject({
          name: 'ServiceUnavailableError',
          message: expect.stringContaining(
            `GitHub refused the portal's token on a tree in rlhatcher/rocket-club (HTTP ${status})`,
          ),
        });
      },
    );

    it('retries a rate-limited read after its Retry-After', async () => {
      const t = await setup(databaseId);
      server.use(
        http.get(
          `${repo}/git/ref/heads/:branch+`,
          () =>
            HttpResponse.json(
              { message: 'rate limited' },
              { status: 429, headers: { 'Retry-After': '1' } },
            ),
          { once: true },
        ),
      );
      const result = await t.service.bump(ctx);
      expect(result.pullRequest?.number).toBe(40);
    });
  });
});
