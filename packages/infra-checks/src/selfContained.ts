import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

/** `../` followed by the name of the folder of reference material. */
const SHARED = new RegExp(`\\.\\./${'shared'}\\b`);
/** A relative path that climbs: `../x`, `../../x/y`. */
const CLIMB = /(?:^|[\s'"`(=:,[])((?:\.\.\/)+)[\w@./-]*/g;

/**
 * One reference from a tracked file to something outside the repository.
 *
 * @public
 */
export interface OutsideReference {
  file: string;
  line: number;
  text: string;
}

function trackedFiles(root: string): string[] {
  return execFileSync('git', ['ls-files', '-z'], {
    cwd: root,
    encoding: 'utf8',
  })
    .split('\0')
    .filter(Boolean);
}

/*
 * Folders a relative path may be meant from: the file's own, and each
 * workspace package's, where `yarn workspace` commands and the backend run
 * (app-config's `../../catalog-info.yaml` is read from packages/backend).
 */
function workspaceFolders(root: string): string[] {
  return ['packages', 'plugins'].flatMap(group => {
    try {
      return readdirSync(join(root, group)).map(name => join(group, name));
    } catch {
      return [];
    }
  });
}

function escapes(root: string, from: string, path: string): boolean {
  const inside = relative(root, resolve(root, from, path));
  return inside.startsWith('..') || inside.startsWith(sep);
}

/**
 * Every place in the repository's tracked files that refers to a folder
 * beside the checkout (the reference folder next to it) or climbs out of the repository with a
 * relative path. A clone of this repository alone must pass its own tests,
 * so nothing in it may depend on what happens to sit next to it.
 *
 * @public
 */
export function findOutsideReferences(root: string): OutsideReference[] {
  const found: OutsideReference[] = [];
  const workspaces = workspaceFolders(root);
  for (const file of trackedFiles(root)) {
    if (file === 'yarn.lock') continue;
    let text: string;
    try {
      text = readFileSync(join(root, file), 'utf8');
    } catch {
      continue; // deleted in the work tree
    }
    if (text.includes('\0')) continue; // binary
    const lines = text.split('\n');
    lines.forEach((content, index) => {
      const hit = (why: string) =>
        found.push({
          file,
          line: index + 1,
          text: `${why}: ${content.trim()}`,
        });
      if (SHARED.test(content)) {
        hit('refers to a folder beside the checkout');
        return;
      }
      for (const match of content.matchAll(CLIMB)) {
        const bases = [dirname(file), ...workspaces];
        if (bases.every(base => escapes(root, base, match[1]))) {
          hit(`climbs out of the repository (${match[0].trim()})`);
          return;
        }
      }
    });
  }
  return found;
}
