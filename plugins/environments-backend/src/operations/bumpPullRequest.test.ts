import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { Octokit } from '@octokit/rest';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { createHash } from 'node:crypto';
import { publishBump, readBaseFile, BumpTarget } from './bumpPullRequest';

const api = 'http://github.test';
const repoPath = `${api}/repos/rlhatcher/rocket-club`;
const target: BumpTarget = {
  owner: 'rlhatcher',
  repo: 'rocket-club',
  base: 'main',
  branch: 'environments/bump-prod-deployer',
  path: 'infra/platform/infra/envs/prod/main.tf',
};

const joinParam = (p: unknown) => (Array.isArray(p) ? p.join('/') : String(p));

const blobSha = (content: string) =>
  createHash('sha1')
    .update(`blob ${Buffer.byteLength(content)}\0${content}`)
    .digest('hex');

/** A tiny GitHub: branches point at file contents; pull requests by head. */
function fakeGitHub() {
  const state = {
    refs: new Map<string, string>([['main', 'c0ffee0']]),
    files: new Map<string, string>([['c0ffee0', 'pinned = "old"\n']]),
    pulls: [] as {
      number: number;
      head: string;
      title: string;
      body: string;
      state: string;
    }[],
    calls: [] as string[],
  };
  const seen = (req: Request) => {
    const url = new URL(req.url);
    state.calls.push(`${req.method} ${decodeURIComponent(url.pathname)}`);
  };
  const handlers = [
    http.get(`${repoPath}/git/ref/heads/:branch+`, ({ request, params }) => {
      seen(request);
      const branch = joinParam(params.branch);
      const sha = state.refs.get(branch);
      return sha
        ? HttpResponse.json({
            ref: `refs/heads/${branch}`,
            object: { sha, type: 'commit' },
          })
        : HttpResponse.json({ message: 'Not Found' }, { status: 404 });
    }),
    http.get(`${repoPath}/contents/:path+`, ({ request }) => {
      seen(request);
      const ref = new URL(request.url).searchParams.get('ref')!;
      const content = state.files.get(ref)!;
      return HttpResponse.json({
        type: 'file',
        path: target.path,
        sha: blobSha(content),
        encoding: 'base64',
        content: Buffer.from(content).toString('base64'),
      });
    }),
    http.get(`${repoPath}/pulls`, ({ request }) => {
      seen(request);
      const head = new URL(request.url).searchParams.get('head');
      return HttpResponse.json(
        state.pulls
          .filter(p => `rlhatcher:${p.head}` === head && p.state === 'open')
          .map(p => ({
            number: p.number,
            html_url: `https://github.test/pull/${p.number}`,
          })),
      );
    }),
    http.post(`${repoPath}/git/refs`, async ({ request }) => {
      seen(request);
      const body = (await request.json()) as { ref: string; sha: string };
      const branch = body.ref.replace('refs/heads/', '');
      if (state.refs.has(branch)) {
        return HttpResponse.json(
          { message: 'Reference already exists' },
          { status: 422 },
        );
      }
      state.refs.set(branch, body.sha);
      return HttpResponse.json(
        { ref: body.ref, object: { sha: body.sha } },
        { status: 201 },
      );
    }),
    http.patch(
      `${repoPath}/git/refs/heads/:branch+`,
      async ({ request, params }) => {
        seen(request);
        const body = (await request.json()) as { sha: string; force: boolean };
        state.refs.set(joinParam(params.branch), body.sha);
        return HttpResponse.json({ object: { sha: body.sha } });
      },
    ),
    http.put(`${repoPath}/contents/:path+`, async ({ request }) => {
      seen(request);
      const body = (await request.json()) as {
        branch: string;
        sha: string;
        content: string;
      };
      const current = state.files.get(state.refs.get(body.branch)!)!;
      if (body.sha !== blobSha(current)) {
        return HttpResponse.json(
          {
            message: `is at ${blobSha(current)} but expected ${body.sha}`,
            status: '409',
          },
          { status: 409 },
        );
      }
      const commit = `c${state.files.size}`;
      state.files.set(
        commit,
        Buffer.from(body.content, 'base64').toString('utf8'),
      );
      state.refs.set(body.branch, commit);
      return HttpResponse.json({ commit: { sha: commit } });
    }),
    http.post(`${repoPath}/pulls`, async ({ request }) => {
      seen(request);
      const body = (await request.json()) as {
        head: string;
        title: string;
        body: string;
      };
      if (state.pulls.some(p => p.head === body.head && p.state === 'open')) {
        return HttpResponse.json(
          {
            message: 'Validation Failed',
            errors: [
              {
                message: `A pull request already exists for rlhatcher:${body.head}.`,
              },
            ],
          },
          { status: 422 },
        );
      }
      const pull = { number: 40 + state.pulls.length, state: 'open', ...body };
      state.pulls.push(pull);
      return HttpResponse.json(
        {
          number: pull.number,
          html_url: `https://github.test/pull/${pull.number}`,
        },
        { status: 201 },
      );
    }),
    http.patch(`${repoPath}/pulls/:number`, async ({ request, params }) => {
      seen(request);
      const pull = state.pulls.find(p => p.number === Number(params.number))!;
      Object.assign(pull, await request.json());
      return HttpResponse.json({
        number: pull.number,
        html_url: `https://github.test/pull/${pull.number}`,
      });
    }),
  ];
  return { state, handlers };
}

const server = setupServer();
registerMswTestHooks(server);
const quiet = () => {};
const octokit = new Octokit({
  baseUrl: api,
  log: { debug: quiet, info: quiet, warn: quiet, error: quiet },
});

const change = (content: string, title = 'Bump') => ({
  content,
  commitMessage: title,
  title,
  body: 'body',
});

describe('publishBump', () => {
  it('opens a pull request of one commit on a fresh branch, in six calls', async () => {
    const gh = fakeGitHub();
    server.use(...gh.handlers);
    const base = await readBaseFile(octokit, target);
    expect(base).toEqual({
      baseSha: 'c0ffee0',
      blobSha: blobSha('pinned = "old"\n'),
      content: 'pinned = "old"\n',
    });
    const outcome = await publishBump(
      octokit,
      target,
      base,
      change('pinned = "new"\n'),
    );
    expect(outcome).toEqual({
      number: 40,
      url: 'https://github.test/pull/40',
      updated: false,
    });
    expect(gh.state.files.get(gh.state.refs.get(target.branch)!)).toBe(
      'pinned = "new"\n',
    );
    expect(gh.state.refs.get('main')).toBe('c0ffee0');
    expect(gh.state.calls).toEqual([
      'GET /repos/rlhatcher/rocket-club/git/ref/heads/main',
      `GET /repos/rlhatcher/rocket-club/contents/${target.path}`,
      'GET /repos/rlhatcher/rocket-club/pulls',
      'POST /repos/rlhatcher/rocket-club/git/refs',
      `PUT /repos/rlhatcher/rocket-club/contents/${target.path}`,
      'POST /repos/rlhatcher/rocket-club/pulls',
    ]);
  });

  it('updates the open pull request of the branch instead of failing', async () => {
    const gh = fakeGitHub();
    server.use(...gh.handlers);
    await publishBump(
      octokit,
      target,
      await readBaseFile(octokit, target),
      change('pinned = "new"\n'),
    );
    const second = await publishBump(
      octokit,
      target,
      await readBaseFile(octokit, target),
      change('pinned = "newer"\n', 'Bump again'),
    );
    expect(second).toEqual({
      number: 40,
      url: 'https://github.test/pull/40',
      updated: true,
    });
    expect(gh.state.pulls).toHaveLength(1);
    expect(gh.state.pulls[0].title).toBe('Bump again');
    expect(gh.state.files.get(gh.state.refs.get(target.branch)!)).toBe(
      'pinned = "newer"\n',
    );
  });

  it('reuses a branch left over from a closed pull request (422 reference exists)', async () => {
    const gh = fakeGitHub();
    server.use(...gh.handlers);
    gh.state.refs.set(target.branch, 'c0ffee0');
    gh.state.files.set('stale', 'pinned = "stale"\n');
    gh.state.refs.set(target.branch, 'stale');
    const outcome = await publishBump(
      octokit,
      target,
      await readBaseFile(octokit, target),
      change('pinned = "new"\n'),
    );
    expect(outcome.updated).toBe(false);
    expect(gh.state.calls).toContain(
      'PATCH /repos/rlhatcher/rocket-club/git/refs/heads/environments/bump-prod-deployer',
    );
    expect(gh.state.files.get(gh.state.refs.get(target.branch)!)).toBe(
      'pinned = "new"\n',
    );
  });

  it('surfaces a stale blob sha as a 409', async () => {
    const gh = fakeGitHub();
    server.use(...gh.handlers);
    const base = await readBaseFile(octokit, target);
    // main moves on after we read it
    gh.state.files.set('c0ffee1', 'pinned = "moved"\n');
    gh.state.refs.set('main', 'c0ffee1');
    await expect(
      publishBump(
        octokit,
        target,
        { ...base, baseSha: 'c0ffee1' },
        change('x'),
      ),
    ).rejects.toMatchObject({ status: 409 });
  });

  it('updates the pull request when another one appears between list and create (422)', async () => {
    const gh = fakeGitHub();
    server.use(...gh.handlers);
    const base = await readBaseFile(octokit, target);
    server.use(
      http.get(`${repoPath}/pulls`, () => HttpResponse.json([]), {
        once: true,
      }),
    );
    gh.state.pulls.push({
      number: 7,
      head: target.branch,
      title: 't',
      body: 'b',
      state: 'open',
    });
    gh.state.refs.set(target.branch, 'c0ffee0');
    const outcome = await publishBump(
      octokit,
      target,
      base,
      change('pinned = "new"\n', 'Late'),
    );
    expect(outcome).toEqual({
      number: 7,
      url: 'https://github.test/pull/7',
      updated: true,
    });
    expect(gh.state.pulls[0].title).toBe('Late');
  });
});
