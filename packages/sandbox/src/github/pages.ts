import { Request, Response, Router } from 'express';
import { diffHtml, escapeHtml, page } from '../http/html';
import { compareCommits, FileChange } from './compare';
import { GitHubState } from './state';

function filesHtml(files: FileChange[]): string {
  return files
    .map(
      f =>
        `<h3>${escapeHtml(f.filename)} <small>${f.status}, +${f.additions} -${
          f.deletions
        }</small></h3>${
          f.patch !== undefined ? diffHtml(f.patch) : '<p>Binary file</p>'
        }`,
    )
    .join('');
}

/**
 * Web pages for the links the GitHub stand-in returns (`html_url`): the
 * repository, pull requests with their diff, commits, comparisons and files.
 */
export function githubPages(state: GitHubState): Router {
  const { repo, site } = state;
  const router = Router();
  const base = () => `/${site.owner}/${site.name}`;
  const commitLink = (sha: string) =>
    `<a href="${base()}/commit/${sha}"><code>${sha.slice(0, 7)}</code></a>`;

  const file = (req: Request, res: Response) => {
    const sha = repo.resolve(req.params.ref);
    const path = String((req.params as any)[0]);
    const found =
      sha && state.matches(req.params.owner, req.params.repo)
        ? repo.readFile(sha, path)
        : undefined;
    if (!found) {
      res.status(404).send(page('Not Found', ''));
      return;
    }
    if (req.path.startsWith('/raw/')) {
      res.type('text/plain').send(found.content);
      return;
    }
    res.send(
      page(
        path,
        `<p>at <code>${escapeHtml(req.params.ref)}</code></p><pre>${escapeHtml(
          found.content.toString('utf8'),
        )}</pre>`,
      ),
    );
  };
  router.get('/raw/:owner/:repo/:ref/*', file);

  router.use('/:owner/:repo', (req, res, next) => {
    if (!state.matches(req.params.owner, req.params.repo)) {
      res.status(404).send(page('Not Found', ''));
      return;
    }
    next();
  });

  router.get('/:owner/:repo', (_req, res) => {
    const head = state.head()!;
    const commits = repo.history(head).slice(0, 30);
    const pulls = state.pulls
      .map(
        pr =>
          `<li><a href="${base()}/pull/${pr.number}">#${pr.number} ${escapeHtml(
            pr.title,
          )}</a> <span class="badge">${pr.state}</span></li>`,
      )
      .join('');
    res.send(
      page(
        `${site.owner}/${site.name}`,
        `<h2>Pull requests</h2><ul>${pulls || '<li>None</li>'}</ul>
<h2>Commits on ${escapeHtml(site.defaultBranch)}</h2><table>${commits
          .map(sha => {
            const c = repo.commit(sha)!;
            return `<tr><td>${commitLink(sha)}</td><td>${escapeHtml(
              c.message.split('\n')[0],
            )}</td><td>${escapeHtml(c.author.name)}</td><td>${new Date(
              c.committer.date,
            ).toISOString()}</td></tr>`;
          })
          .join('')}</table>`,
      ),
    );
  });

  router.get('/:owner/:repo/pull/:number', (req, res) => {
    const pr = state.pulls.find(p => String(p.number) === req.params.number);
    const head = pr && state.head(pr.head);
    const baseSha = pr && state.head(pr.base);
    if (!pr || !head || !baseSha) {
      res.status(404).send(page('Not Found', ''));
      return;
    }
    const comparison = compareCommits(repo, baseSha, head);
    res.send(
      page(
        `${pr.title} #${pr.number}`,
        `<p><span class="badge">${pr.state}</span> ${escapeHtml(
          pr.user,
        )} wants to merge ${
          comparison.aheadBy
        } commit(s) into <code>${escapeHtml(
          pr.base,
        )}</code> from <code>${escapeHtml(pr.head)}</code></p>
<pre>${escapeHtml(pr.body ?? '')}</pre><h2>Commits</h2><ul>${comparison.commits
          .map(
            sha =>
              `<li>${commitLink(sha)} ${escapeHtml(
                repo.commit(sha)!.message.split('\n')[0],
              )}</li>`,
          )
          .join('')}</ul><h2>Files changed</h2>${filesHtml(comparison.files)}`,
      ),
    );
  });

  router.get('/:owner/:repo/commit/:sha', (req, res) => {
    const sha = repo.resolve(req.params.sha);
    const commit = sha && repo.commit(sha);
    if (!sha || !commit) {
      res.status(404).send(page('Not Found', ''));
      return;
    }
    const parent = commit.parents[0];
    const files = parent ? compareCommits(repo, parent, sha).files : [];
    res.send(
      page(
        commit.message.split('\n')[0],
        `<p>${escapeHtml(commit.author.name)} committed ${new Date(
          commit.committer.date,
        ).toISOString()} · <code>${sha}</code></p>
<pre>${escapeHtml(commit.message)}</pre>${filesHtml(files)}`,
      ),
    );
  });

  router.get('/:owner/:repo/compare/*', (req, res) => {
    const [a, b] = String((req.params as any)[0])
      .replace(/\.(diff|patch)$/, '')
      .split('...');
    const baseSha = a && repo.resolve(a.split(':').pop()!);
    const head = b && repo.resolve(b.split(':').pop()!);
    if (!baseSha || !head) {
      res.status(404).send(page('Not Found', ''));
      return;
    }
    const c = compareCommits(repo, baseSha, head);
    res.send(
      page(
        `Comparing ${a}...${b}`,
        `<p>${c.status}: ${c.aheadBy} ahead, ${
          c.behindBy
        } behind</p><ul>${c.commits
          .map(
            sha =>
              `<li>${commitLink(sha)} ${escapeHtml(
                repo.commit(sha)!.message.split('\n')[0],
              )}</li>`,
          )
          .join('')}</ul>${filesHtml(c.files)}`,
      ),
    );
  });

  router.get('/:owner/:repo/blob/:ref/*', file);

  return router;
}
