import { Router } from 'express';
import { DOCS_PAGES, sendError } from '../errors';
import { FileEntry } from '../objects';
import { gitCommitShape, refShape } from '../shapes';
import { GitHubState, signatureOf } from '../state';

const SHA = /^[0-9a-f]{40}$/;

/** The git data API: refs, commits, trees and blobs. */
export function gitRoutes(router: Router, state: GitHubState) {
  const { repo, site } = state;
  const api = () => `${site.apiUrl}/repos/${site.owner}/${site.name}`;

  router.get('/git/ref/*', (req, res) => {
    const ref = `refs/${(req.params as any)[0]}`;
    const sha = repo.ref(ref);
    if (!sha) {
      sendError(res, 404, 'Not Found', { documentation: DOCS_PAGES.getRef });
      return;
    }
    res.json(refShape(site, ref, sha));
  });

  router.post('/git/refs', (req, res) => {
    const { ref, sha } = req.body ?? {};
    if (typeof ref !== 'string' || !/^refs\/[^/]+\/.+/.test(ref)) {
      sendError(
        res,
        422,
        "Reference name must start with 'refs/' and have at least two slashes.",
        {
          documentation: DOCS_PAGES.createRef,
        },
      );
      return;
    }
    if (typeof sha !== 'string' || !repo.commit(sha)) {
      sendError(res, 422, 'Object does not exist', {
        documentation: DOCS_PAGES.createRef,
      });
      return;
    }
    if (repo.ref(ref)) {
      sendError(res, 422, 'Reference already exists', {
        documentation: DOCS_PAGES.createRef,
      });
      return;
    }
    repo.setRef(ref, sha);
    res.setHeader('Location', `${api()}/git/${ref}`);
    res.status(201).json(refShape(site, ref, sha));
  });

  router.patch('/git/refs/*', (req, res) => {
    const ref = `refs/${(req.params as any)[0]}`;
    const { sha, force = false } = req.body ?? {};
    const current = repo.ref(ref);
    if (!current) {
      sendError(res, 422, 'Reference does not exist', {
        documentation: DOCS_PAGES.updateRef,
      });
      return;
    }
    if (typeof sha !== 'string' || !repo.commit(sha)) {
      sendError(res, 422, 'Object does not exist', {
        documentation: DOCS_PAGES.updateRef,
      });
      return;
    }
    if (!force && !repo.history(sha).includes(current)) {
      sendError(res, 422, 'Update is not a fast forward', {
        documentation: DOCS_PAGES.updateRef,
      });
      return;
    }
    repo.setRef(ref, sha);
    state.pushedAt = state.clock.now();
    res.json(refShape(site, ref, sha));
  });

  router.get('/git/commits/:sha', (req, res) => {
    if (!repo.commit(req.params.sha)) {
      sendError(res, 404, 'Not Found', { documentation: DOCS_PAGES.gitCommit });
      return;
    }
    res.json(gitCommitShape(site, repo, req.params.sha));
  });

  router.post('/git/commits', (req, res) => {
    const { message, tree, parents = [], author, committer } = req.body ?? {};
    const treeObject = typeof tree === 'string' ? repo.object(tree) : undefined;
    if (treeObject?.type !== 'tree') {
      sendError(res, 422, 'Tree SHA does not exist', {
        documentation: DOCS_PAGES.createCommit,
      });
      return;
    }
    if (
      !Array.isArray(parents) ||
      parents.some((p: unknown) => typeof p !== 'string' || !repo.commit(p))
    ) {
      sendError(
        res,
        422,
        'Parent SHA does not exist or is not a commit object',
        {
          documentation: DOCS_PAGES.createCommit,
        },
      );
      return;
    }
    const now = state.clock.now();
    const sign = (who: any) =>
      who?.name && who?.email
        ? {
            name: who.name,
            email: who.email,
            date: who.date ? Date.parse(who.date) : now,
          }
        : signatureOf(res.locals.login, now);
    const sha = repo.writeCommit({
      tree,
      parents,
      author: sign(author),
      committer: sign(committer ?? author),
      message,
    });
    res.setHeader('Location', `${api()}/git/commits/${sha}`);
    res.status(201).json(gitCommitShape(site, repo, sha));
  });

  router.post('/git/blobs', (req, res) => {
    const { content, encoding = 'utf-8' } = req.body ?? {};
    if (
      typeof content !== 'string' ||
      !['utf-8', 'utf8', 'base64'].includes(encoding)
    ) {
      sendError(res, 422, 'Invalid request.', {
        documentation: DOCS_PAGES.createBlob,
      });
      return;
    }
    const sha = repo.writeBlob(
      Buffer.from(content, encoding === 'base64' ? 'base64' : 'utf8'),
    );
    res.setHeader('Location', `${api()}/git/blobs/${sha}`);
    res.status(201).json({ url: `${api()}/git/blobs/${sha}`, sha });
  });

  router.post('/git/trees', (req, res) => {
    const { tree, base_tree: baseTree } = req.body ?? {};
    const base =
      typeof baseTree === 'string' ? repo.object(baseTree) : undefined;
    if (baseTree !== undefined && base?.type !== 'tree') {
      sendError(res, 404, 'Not Found', {
        documentation: DOCS_PAGES.createTree,
      });
      return;
    }
    const files = new Map<string, FileEntry>(base ? repo.files(baseTree) : []);
    for (const item of Array.isArray(tree) ? tree : []) {
      if (item.type !== 'blob' || typeof item.path !== 'string') {
        sendError(res, 422, 'Invalid tree info', {
          documentation: DOCS_PAGES.createTree,
        });
        return;
      }
      if (item.sha === null) {
        files.delete(item.path);
        continue;
      }
      const sha =
        typeof item.content === 'string'
          ? repo.writeBlob(Buffer.from(item.content))
          : item.sha;
      if (
        typeof sha !== 'string' ||
        !SHA.test(sha) ||
        repo.object(sha)?.type !== 'blob'
      ) {
        sendError(res, 422, `tree.sha ${sha} is not a valid blob`, {
          documentation: DOCS_PAGES.createTree,
        });
        return;
      }
      files.set(item.path, { sha, mode: item.mode ?? '100644' });
    }
    const sha = repo.writeFiles(files);
    const object = repo.object(sha);
    const entries = object?.type === 'tree' ? object.entries : [];
    res.setHeader('Location', `${api()}/git/trees/${sha}`);
    res.status(201).json({
      sha,
      url: `${api()}/git/trees/${sha}`,
      truncated: false,
      tree: entries.map(e => {
        const blob = e.type === 'blob' ? repo.object(e.sha) : undefined;
        return {
          path: e.name,
          mode: e.mode,
          type: e.type,
          sha: e.sha,
          ...(blob?.type === 'blob' ? { size: blob.content.length } : {}),
          url: `${api()}/git/${e.type === 'tree' ? 'trees' : 'blobs'}/${e.sha}`,
        };
      }),
    });
  });
}
