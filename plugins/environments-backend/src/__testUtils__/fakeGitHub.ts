import { http, HttpResponse } from 'msw';
import { createHash } from 'node:crypto';

/** The git blob sha of some content, as GitHub computes it. */
export const blobSha = (content: string) =>
  createHash('sha1')
    .update(`blob ${Buffer.byteLength(content)}\0${content}`)
    .digest('hex');

const joinParam = (p: unknown) => (Array.isArray(p) ? p.join('/') : String(p));

interface Pull {
  number: number;
  head: string;
  base: string;
  title: string;
  body: string;
  state: string;
}

/**
 * A tiny GitHub repository behind msw handlers: branches point at commits,
 * commits hold whole file trees, pull requests are listed by head. Enough of
 * the contents, git refs and pulls APIs to open or update a pull request,
 * with GitHub's own error statuses (409 stale sha, 422 reference or pull
 * request exists). Counts the calls it serves.
 */
export class FakeGitHub {
  readonly refs = new Map<string, string>();
  readonly commits = new Map<string, Map<string, string>>();
  readonly pulls: Pull[] = [];
  readonly calls: string[] = [];
  /** Git trees by sha, and each commit's tree. */
  readonly trees = new Map<string, Map<string, string>>();
  readonly messages = new Map<string, string>();
  readonly treeOf = new Map<string, string>();
  #next = 1;

  #sha(kind: string) {
    return createHash('sha1').update(`${kind} ${this.#next++}`).digest('hex');
  }

  #tree(files: Map<string, string>) {
    const sha = this.#sha('tree');
    this.trees.set(sha, files);
    return sha;
  }

  constructor(
    readonly apiBaseUrl: string,
    readonly owner = 'rlhatcher',
    readonly repo = 'rocket-club',
    files: Record<string, string> = {},
  ) {
    this.commit('main', files);
  }

  /** Commits files on a branch (creating it), returns the commit sha. */
  commit(branch: string, files: Record<string, string>) {
    const parent = this.refs.get(branch);
    const tree = new Map(parent ? this.commits.get(parent) : undefined);
    for (const [path, content] of Object.entries(files))
      tree.set(path, content);
    const sha = this.#sha('commit');
    this.commits.set(sha, tree);
    this.treeOf.set(sha, this.#tree(tree));
    this.refs.set(branch, sha);
    return sha;
  }

  /** A file at the head of a branch. */
  file(branch: string, path: string) {
    return this.commits.get(this.refs.get(branch)!)?.get(path);
  }

  #seen(request: Request) {
    const url = new URL(request.url);
    const prefix = new URL(this.apiBaseUrl).pathname.replace(/\/$/, '');
    this.calls.push(
      `${request.method} ${decodeURIComponent(url.pathname).replace(
        prefix,
        '',
      )}`,
    );
  }

  handlers() {
    const repo = `${this.apiBaseUrl}/repos/${this.owner}/${this.repo}`;
    const html = (n: number) =>
      `https://github.com/${this.owner}/${this.repo}/pull/${n}`;
    const notFound = () =>
      HttpResponse.json({ message: 'Not Found' }, { status: 404 });
    return [
      http.get(repo, ({ request }) => {
        this.#seen(request);
        return HttpResponse.json({ default_branch: 'main' });
      }),
      http.get(`${repo}/git/ref/heads/:branch+`, ({ request, params }) => {
        this.#seen(request);
        const branch = joinParam(params.branch);
        const sha = this.refs.get(branch);
        return sha
          ? HttpResponse.json({
              ref: `refs/heads/${branch}`,
              object: { sha, type: 'commit' },
            })
          : notFound();
      }),
      http.get(`${repo}/contents/:path+`, ({ request, params }) => {
        this.#seen(request);
        const ref = new URL(request.url).searchParams.get('ref') ?? 'main';
        const sha = this.refs.get(ref) ?? ref;
        const path = joinParam(params.path);
        const content = this.commits.get(sha)?.get(path);
        if (content === undefined) return notFound();
        return HttpResponse.json({
          type: 'file',
          path,
          name: path.split('/').pop(),
          sha: blobSha(content),
          size: Buffer.byteLength(content),
          encoding: 'base64',
          content: Buffer.from(content).toString('base64'),
        });
      }),
      http.get(`${repo}/pulls`, ({ request }) => {
        this.#seen(request);
        const head = new URL(request.url).searchParams.get('head');
        return HttpResponse.json(
          this.pulls
            .filter(
              p => `${this.owner}:${p.head}` === head && p.state === 'open',
            )
            .map(p => ({
              number: p.number,
              html_url: html(p.number),
              head: { ref: p.head, sha: this.refs.get(p.head) },
            })),
        );
      }),
      http.get(`${repo}/git/commits/:sha`, ({ request, params }) => {
        this.#seen(request);
        const tree = this.treeOf.get(String(params.sha));
        return tree
          ? HttpResponse.json({ sha: params.sha, tree: { sha: tree } })
          : notFound();
      }),
      http.post(`${repo}/git/trees`, async ({ request }) => {
        this.#seen(request);
        const body = (await request.json()) as {
          base_tree: string;
          tree: { path: string; content: string }[];
        };
        const base = this.trees.get(body.base_tree);
        if (!base) return notFound();
        const files = new Map(base);
        for (const item of body.tree) files.set(item.path, item.content);
        return HttpResponse.json({ sha: this.#tree(files) }, { status: 201 });
      }),
      http.post(`${repo}/git/commits`, async ({ request }) => {
        this.#seen(request);
        const body = (await request.json()) as {
          tree: string;
          parents: string[];
          message: string;
        };
        const files = this.trees.get(body.tree);
        if (!files || body.parents.some(p => !this.commits.has(p))) {
          return HttpResponse.json(
            { message: 'Tree SHA does not exist' },
            { status: 422 },
          );
        }
        const sha = this.#sha('commit');
        this.commits.set(sha, files);
        this.treeOf.set(sha, body.tree);
        this.messages.set(sha, body.message);
        return HttpResponse.json({ sha }, { status: 201 });
      }),
      http.post(`${repo}/git/refs`, async ({ request }) => {
        this.#seen(request);
        const body = (await request.json()) as { ref: string; sha: string };
        const branch = body.ref.replace('refs/heads/', '');
        if (this.refs.has(branch)) {
          return HttpResponse.json(
            { message: 'Reference already exists' },
            { status: 422 },
          );
        }
        this.refs.set(branch, body.sha);
        return HttpResponse.json(
          { ref: body.ref, object: { sha: body.sha } },
          { status: 201 },
        );
      }),
      http.patch(
        `${repo}/git/refs/heads/:branch+`,
        async ({ request, params }) => {
          this.#seen(request);
          const body = (await request.json()) as { sha: string };
          this.refs.set(joinParam(params.branch), body.sha);
          return HttpResponse.json({ object: { sha: body.sha } });
        },
      ),
      http.put(`${repo}/contents/:path+`, async ({ request, params }) => {
        this.#seen(request);
        const path = joinParam(params.path);
        const body = (await request.json()) as {
          branch: string;
          sha: string;
          content: string;
        };
        const current = this.file(body.branch, path) ?? '';
        if (body.sha !== blobSha(current)) {
          return HttpResponse.json(
            { message: `${path} does not match ${body.sha}` },
            { status: 409 },
          );
        }
        const sha = this.commit(body.branch, {
          [path]: Buffer.from(body.content, 'base64').toString('utf8'),
        });
        return HttpResponse.json({ commit: { sha } }, { status: 200 });
      }),
      http.post(`${repo}/pulls`, async ({ request }) => {
        this.#seen(request);
        const body = (await request.json()) as Omit<Pull, 'number' | 'state'>;
        if (this.pulls.some(p => p.head === body.head && p.state === 'open')) {
          return HttpResponse.json(
            {
              message: 'Validation Failed',
              errors: [
                {
                  message: `A pull request already exists for ${this.owner}:${body.head}.`,
                },
              ],
            },
            { status: 422 },
          );
        }
        const pull = { ...body, number: 40 + this.pulls.length, state: 'open' };
        this.pulls.push(pull);
        return HttpResponse.json(
          { number: pull.number, html_url: html(pull.number) },
          { status: 201 },
        );
      }),
      http.patch(`${repo}/pulls/:number`, async ({ request, params }) => {
        this.#seen(request);
        const pull = this.pulls.find(p => p.number === Number(params.number));
        if (!pull) return notFound();
        Object.assign(pull, await request.json());
        return HttpResponse.json({
          number: pull.number,
          html_url: html(pull.number),
        });
      }),
    ];
  }
}
