import { Router } from 'express';
import { DOCS_PAGES, sendError } from '../errors';
import { signatureOf, GitHubState } from '../state';
import { contentLinks, gitCommitShape } from '../shapes';

/** GitHub wraps base64 content at 60 characters. */
function wrapBase64(content: Buffer): string {
  const lines = content.toString('base64').match(/.{1,60}/g) ?? [];
  return `${lines.join('\n')}\n`;
}

function nameOf(path: string) {
  return path.split('/').pop() ?? path;
}

/** `GET` and `PUT /repos/{owner}/{repo}/contents/{path}`. */
export function contentsRoutes(router: Router, state: GitHubState) {
  const { repo, site } = state;

  router.get('/contents/*', (req, res) => {
    const path = (req.params as any)[0].replace(/\/$/, '');
    const ref =
      typeof req.query.ref === 'string' ? req.query.ref : site.defaultBranch;
    const commit = repo.resolve(ref);
    if (!commit) {
      sendError(res, 404, `No commit found for the ref ${ref}`, {
        documentation: DOCS_PAGES.getContent,
      });
      return;
    }
    const file = repo.readFile(commit, path);
    if (file) {
      if (/raw/.test(req.header('accept') ?? '')) {
        res.type('application/octet-stream').send(file.content);
        return;
      }
      res.json({
        type: 'file',
        encoding: 'base64',
        size: file.content.length,
        name: nameOf(path),
        path,
        content: wrapBase64(file.content),
        sha: file.sha,
        ...contentLinks(site, path, file.sha, ref),
      });
      return;
    }
    const dir = repo.entry(commit, path);
    const tree = dir?.type === 'tree' ? repo.object(dir.sha) : undefined;
    if (tree?.type === 'tree') {
      res.json(
        tree.entries.map(e => {
          const full = `${path}/${e.name}`;
          const blob = e.type === 'blob' ? repo.object(e.sha) : undefined;
          const links = contentLinks(site, full, e.sha, ref);
          return {
            type: e.type === 'tree' ? 'dir' : 'file',
            size: blob?.type === 'blob' ? blob.content.length : 0,
            name: e.name,
            path: full,
            sha: e.sha,
            ...links,
            download_url: e.type === 'tree' ? null : links.download_url,
          };
        }),
      );
      return;
    }
    sendError(res, 404, 'Not Found', { documentation: DOCS_PAGES.getContent });
  });

  router.put('/contents/*', (req, res) => {
    const path = (req.params as any)[0];
    const {
      message,
      content,
      sha,
      branch = site.defaultBranch,
      author,
      committer,
    } = req.body ?? {};
    if (typeof message !== 'string' || typeof content !== 'string') {
      sendError(
        res,
        422,
        'Invalid request.\n\n"message" and "content" are required.',
        {
          documentation: DOCS_PAGES.contents,
        },
      );
      return;
    }
    const head = state.head(branch);
    if (!head) {
      sendError(res, 404, `Branch ${branch} not found`, {
        documentation: DOCS_PAGES.contents,
      });
      return;
    }
    const existing = repo.readFile(head, path);
    if (existing && sha === undefined) {
      sendError(res, 422, 'Invalid request.\n\n"sha" wasn\'t supplied.', {
        documentation: DOCS_PAGES.contents,
      });
      return;
    }
    if (existing && sha !== existing.sha) {
      sendError(res, 409, `${path} does not match ${sha}`, {
        documentation: DOCS_PAGES.contents,
      });
      return;
    }
    const now = state.clock.now();
    const login = res.locals.login as string;
    const who = author
      ? { name: author.name, email: author.email, date: now }
      : signatureOf(login, now);
    const commitSha = repo.commitFile({
      branch,
      path,
      content: Buffer.from(content, 'base64'),
      message,
      author: who,
      committer: committer
        ? { name: committer.name, email: committer.email, date: now }
        : who,
    });
    state.pushedAt = now;
    const file = repo.readFile(commitSha, path)!;
    const links = contentLinks(site, path, file.sha, branch);
    res.status(existing ? 200 : 201).json({
      content: {
        name: nameOf(path),
        path,
        sha: file.sha,
        size: file.content.length,
        ...links,
        type: 'file',
      },
      commit: gitCommitShape(site, repo, commitSha),
    });
  });
}
