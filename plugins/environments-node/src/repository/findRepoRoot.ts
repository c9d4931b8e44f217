import { NotFoundError } from '@backstage/errors';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * The repository root: the nearest folder at or above `from` (default: the
 * working directory) holding `backstage.json`. That file, not `.git`, marks
 * the root, so a checkout without git metadata (an exported tree, a
 * container build) is found too, and a git worktree is found by the same
 * rule. Throws a NotFoundError naming `from` when there is none.
 *
 * @public
 */
export function findRepoRoot(from: string = process.cwd()): string {
  let dir = resolve(from);
  while (!existsSync(resolve(dir, 'backstage.json'))) {
    const parent = dirname(dir);
    if (parent === dir) {
      throw new NotFoundError(`No backstage.json at or above "${from}"`);
    }
    dir = parent;
  }
  return dir;
}
