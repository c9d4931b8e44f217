import { structuredPatch } from 'diff';
import { GitRepository } from './repository';

/** A file that differs between two commits. */
export interface FileChange {
  filename: string;
  status: 'added' | 'removed' | 'modified';
  sha: string | null;
  additions: number;
  deletions: number;
  patch?: string;
}

/** How two commits relate, as GitHub's compare reports it. */
export interface Comparison {
  status: 'identical' | 'ahead' | 'behind' | 'diverged';
  mergeBase: string;
  aheadBy: number;
  behindBy: number;
  /** Commits on head since the merge base, oldest first. */
  commits: string[];
  files: FileChange[];
}

function isText(content: Buffer) {
  return !content.subarray(0, 8000).includes(0);
}

/** Git's hunk range: an empty range names the line before; a count of 1 is implied. */
function range(start: number, count: number): string {
  const from = count === 0 ? start - 1 : start;
  return count === 1 ? `${from}` : `${from},${count}`;
}

function patchOf(before: string, after: string) {
  const { hunks } = structuredPatch('a', 'b', before, after, '', '', {
    context: 3,
  });
  const lines = hunks.flatMap(h => [
    `@@ -${range(h.oldStart, h.oldLines)} +${range(h.newStart, h.newLines)} @@`,
    ...h.lines,
  ]);
  const additions = hunks.reduce(
    (n, h) => n + h.lines.filter(l => l.startsWith('+')).length,
    0,
  );
  const deletions = hunks.reduce(
    (n, h) => n + h.lines.filter(l => l.startsWith('-')).length,
    0,
  );
  return { patch: lines.join('\n'), additions, deletions };
}

/** The files that differ from tree `base` to tree `head`. */
export function diffTrees(
  repo: GitRepository,
  baseTree: string,
  headTree: string,
): FileChange[] {
  const before = repo.files(baseTree);
  const after = repo.files(headTree);
  const paths = [...new Set([...before.keys(), ...after.keys()])].sort();
  const read = (sha?: string) => {
    const object = sha ? repo.object(sha) : undefined;
    return object?.type === 'blob' ? object.content : Buffer.alloc(0);
  };
  const changes: FileChange[] = [];
  for (const filename of paths) {
    const a = before.get(filename);
    const b = after.get(filename);
    if (a?.sha === b?.sha) continue;
    let status: FileChange['status'] = 'modified';
    if (!a) status = 'added';
    else if (!b) status = 'removed';
    const oldContent = read(a?.sha);
    const newContent = read(b?.sha);
    const text = isText(oldContent) && isText(newContent);
    const diff = text
      ? patchOf(oldContent.toString('utf8'), newContent.toString('utf8'))
      : { additions: 0, deletions: 0, patch: undefined };
    changes.push({ filename, status, sha: b?.sha ?? null, ...diff });
  }
  return changes;
}

/**
 * Compares `base...head` (three dots): commits on head since the merge base,
 * and the diff from the merge base to head.
 */
export function compareCommits(
  repo: GitRepository,
  base: string,
  head: string,
): Comparison {
  const fromHead = repo.history(head);
  const fromBase = repo.history(base);
  const headSet = new Set(fromHead);
  const baseSet = new Set(fromBase);
  const mergeBase = fromBase.find(sha => headSet.has(sha)) ?? base;
  const ahead = fromHead.filter(sha => !baseSet.has(sha)).reverse();
  const behindBy = fromBase.filter(sha => !headSet.has(sha)).length;
  let status: Comparison['status'] = 'diverged';
  if (base === head) status = 'identical';
  else if (behindBy === 0) status = 'ahead';
  else if (ahead.length === 0) status = 'behind';
  return {
    status,
    mergeBase,
    aheadBy: ahead.length,
    behindBy,
    commits: ahead,
    files: diffTrees(
      repo,
      repo.commit(mergeBase)!.tree,
      repo.commit(head)!.tree,
    ),
  };
}
