import { http, HttpResponse } from 'msw';
import { createHash } from 'node:crypto';

const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');
/** The git blob sha of some content, as GitHub computes it. */
const blobSha = (content: string) =>
  sha1(`blob ${Buffer.byteLength(content)}\0${content}`);
const joined = (p: unknown) => (Array.isArray(p) ? p.join('/') : String(p));

/** A commit: its parent and the whole file tree. */
export interface Commit {
  parent?: string;
  files: Map<string, string>;
}

/** A pull request as the repository holds it. */
export interface Pull {
  number: number;
  head: string;
  base: string;
  title: string;
  body: string;
  state: 'open';
}

/**
 * One GitHub repository in memory behind msw handlers: the parts of the
 * contents, git data (refs, trees, commits), compare and pulls APIs that
 * reading an image pin and
 * opening (or updating) a pull request use, with GitHub's statuses for a
 * stale blob sha (409) and an existing branch or pull request (422).
 */
export class FakeGitHubRepository {
  readonly refs = new Map<string, string>();
  readonly commits = new Map<string, Commit>();
  readonly pulls: Pull[] = [];
  /** Git trees by sha (what `POST /git/trees` made), and commits' trees. */
  readonly trees = new Map<string, Map<string, string>>();
  readonly treeOf = new Map<string, string>();
  #count = 0;

  #tree(files: Map<string, string>) {
    const sha = sha1(`tree ${++this.#count}`);
    this.trees.set(sha, files);
    return sha;
  }

  constructor(
    readonly apiBaseUrl: string,
    readonly owner: string,
    readonly name: string,
    files: Record<string, string>,
  ) {
    this.commit('main', files);
  }

  /** Commits files on top of a branch (creating it); returns the sha. */
  commit(branch: string, files: Record<string, string>): string {
    const parent = this.refs.get(branch);
    const tree = new Map(parent ? this.commits.get(parent)!.files : []);
    for (const [path, content] of Object.entries(files))
      tree.set(path, content);
    const sha = sha1(`commit ${++this.#count}`);
    this.commits.set(sha, { parent, files: tree });
    this.treeOf.set(sha, this.#tree(tree));
    this.refs.set(branch, sha);
    return sha;
  }

  /** A file at a branch or commit. */
  file(ref: string, path: string): string | undefined {
    return this.commits.get(this.refs.get(ref) ?? ref)?.files.get(path);
  }

  handlers() {
    const repo = `${this.apiBaseUrl}/repos/${this.owner}/${this.name}`;
    const htmlUrl = (n: number) =>
      `https://github.com/${this.owner}/${this.name}/pull/${n}`;
    const notFound = () =>
      HttpResponse.json({ message: 'Not Found' }, { status: 404 });
    const unprocessable = (message: string) =>
      HttpResponse.json({ message }, { status: 422 });

    return [
      http.get(`${repo}/contents/:path+`, ({ request, params }) => {
        const ref = new URL(request.url).searchParams.get('ref') ?? 'main';
        const path = joined(params.path);
        const content = this.file(ref, path);
        if (content === undefined) return notFound();
        return HttpResponse.json({
          type: 'file',
          path,
          name: path.split('/').pop(),
          sha: blobSha(content),
          encoding: 'base64',
          content: Buffer.from(content).toString('base64'),
        });
      }),
      http.get(`${repo}/compare/:basehead`, ({ params }) =>
        HttpResponse.json({
          status: 'ahead',
          ahead_by: 4,
          behind_by: 0,
          html_url: `https://github.com/${this.owner}/${this.name}/compare/${params.basehead}`,
          commits: [],
        }),
      ),
      http.get(`${repo}/git/ref/heads/:branch+`, ({ params }) => {
        const sha = this.refs.get(joined(params.branch));
        return sha ? HttpResponse.json({ object: { sha } }) : notFound();
      }),
      http.get(`${repo}/git/commits/:sha`, ({ params }) => {
        const tree = this.treeOf.get(String(params.sha));
        return tree
          ? HttpResponse.json({ sha: params.sha, tree: { sha: tree } })
          : notFound();
      }),
      http.post(`${repo}/git/trees`, async ({ request }) => {
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
        const body = (await request.json()) as {
          tree: string;
          parents: string[];
        };
        const files = this.trees.get(body.tree);
        if (!files) return unprocessable('Tree SHA does not exist');
        const sha = sha1(`commit ${++this.#count}`);
        this.commits.set(sha, { parent: body.parents[0], files });
        this.treeOf.set(sha, body.tree);
        return HttpResponse.json({ sha }, { status: 201 });
      }),
      http.post(`${repo}/git/refs`, async ({ request }) => {
        const { ref, sha } = (await request.json()) as Record<string, string>;
        const branch = ref.replace(/^refs\/heads\//, '');
        if (this.refs.has(branch)) {
          return unprocessable('Reference already exists');
        }
        this.refs.set(branch, sha);
        return HttpResponse.json({ ref, object: { sha } }, { status: 201 });
      }),
      http.patch(
        `${repo}/git/refs/heads/:branch+`,
        async ({ request, params }) => {
          const { sha } = (await request.json()) as { sha: string };
          this.refs.set(joined(params.branch), sha);
          return HttpResponse.json({ object: { sha } });
        },
      ),
      http.put(`${repo}/contents/:path+`, async ({ request, params }) => {
        const path = joined(params.path);
        const body = (await request.json()) as Record<string, string>;
        if (body.sha !== blobSha(this.file(body.branch, path) ?? '')) {
          return HttpResponse.json(
            { message: `${path} does not match ${body.sha}` },
            { status: 409 },
          );
        }
        const content = Buffer.from(body.content, 'base64').toString('utf8');
        const sha = this.commit(body.branch, { [path]: content });
        return HttpResponse.json({ commit: { sha } });
      }),
      http.get(`${repo}/pulls`, ({ request }) => {
        const head = new URL(request.url).searchParams.get('head');
        return HttpResponse.json(
          this.pulls
            .filter(p => `${this.owner}:${p.head}` === head)
            .map(p => ({
              number: p.number,
              html_url: htmlUrl(p.number),
              head: { ref: p.head, sha: this.refs.get(p.head) },
            })),
        );
      }),
      http.post(`${repo}/pulls`, async ({ request }) => {
        const body = (await request.json()) as Pull;
        if (this.pulls.some(p => p.head === body.head)) {
          return unprocessable(
            `A pull request already exists for ${body.head}`,
          );
        }
        const pull: Pull = {
          number: 41 + this.pulls.length,
          head: body.head,
          base: body.base,
          title: body.title,
          body: body.body,
          state: 'open',
        };
        this.pulls.push(pull);
        return HttpResponse.json(
          { number: pull.number, html_url: htmlUrl(pull.number) },
          { status: 201 },
        );
      }),
      http.patch(`${repo}/pulls/:number`, async ({ request, params }) => {
        const pull = this.pulls.find(p => p.number === Number(params.number));
        if (!pull) return notFound();
        Object.assign(pull, await request.json());
        return HttpResponse.json({
          number: pull.number,
          html_url: htmlUrl(pull.number),
        });
      }),
    ];
  }
}
