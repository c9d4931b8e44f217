import { findRepoRoot } from '@rocket-club/plugin-environments-node';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** A file of the repository the stand-ins serve. */
export interface RepoFile {
  path: string;
  content: Buffer;
  /** Git file mode. */
  mode: '100644' | '100755';
}

/** This repository's files, as the GitHub stand-in is seeded with them. */
export interface RepoSnapshot {
  root: string;
  files: RepoFile[];
  /** Committer time of HEAD in epoch ms, when the tree came from git. */
  headTime?: number;
}

/** Directories taken from the working tree when they are not committed yet. */
const WORKTREE_FALLBACK = ['infra', '.circleci'];

function git(root: string, args: string[], input?: string): Buffer {
  return execFileSync('git', args, {
    cwd: root,
    input,
    maxBuffer: 256 * 1024 * 1024,
    stdio: ['pipe', 'pipe', 'ignore'],
  });
}

function committedFiles(root: string): RepoFile[] {
  const listing = git(root, ['ls-tree', '-r', '-z', 'HEAD']).toString('utf8');
  const entries = listing
    .split('\0')
    .filter(Boolean)
    .map(line => {
      const [meta, file] = line.split('\t');
      const [mode, type, sha] = meta.split(' ');
      return { mode, type, sha, file };
    })
    .filter(e => e.type === 'blob' && e.mode !== '120000');
  const batch = git(
    root,
    ['cat-file', '--batch'],
    `${entries.map(e => e.sha).join('\n')}\n`,
  );
  const files: RepoFile[] = [];
  let offset = 0;
  for (const entry of entries) {
    const headerEnd = batch.indexOf(0x0a, offset);
    const size = Number(
      batch.subarray(offset, headerEnd).toString().split(' ')[2],
    );
    const content = batch.subarray(headerEnd + 1, headerEnd + 1 + size);
    offset = headerEnd + 1 + size + 1;
    files.push({
      path: entry.file,
      content: Buffer.from(content),
      mode: entry.mode === '100755' ? '100755' : '100644',
    });
  }
  return files;
}

function walk(root: string, dir: string): string[] {
  const abs = path.join(root, dir);
  if (!fs.existsSync(abs)) return [];
  return fs.readdirSync(abs, { withFileTypes: true }).flatMap(entry => {
    const rel = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) return walk(root, rel);
    return entry.isFile() ? [rel] : [];
  });
}

function worktreeFile(root: string, file: string): RepoFile {
  const abs = path.join(root, file);
  const executable = (fs.statSync(abs).mode & 0o111) !== 0;
  return {
    path: file,
    content: fs.readFileSync(abs),
    mode: executable ? '100755' : '100644',
  };
}

function untracked(root: string, dirs: string[]): string[] {
  try {
    return git(root, [
      'ls-files',
      '--others',
      '--exclude-standard',
      '-z',
      '--',
      ...dirs,
    ])
      .toString('utf8')
      .split('\0')
      .filter(Boolean);
  } catch {
    return dirs.flatMap(dir => walk(root, dir));
  }
}

/**
 * Reads this repository's tree: every file committed at HEAD (`git ls-tree`,
 * `git cat-file`), plus the files under `infra/` and `.circleci/` that exist
 * only in the working tree, so the stand-ins work before those are committed.
 */
export function readRepoSnapshot(root: string = findRepoRoot()): RepoSnapshot {
  let files: RepoFile[] = [];
  let headTime: number | undefined;
  try {
    files = committedFiles(root);
    headTime =
      Number(git(root, ['log', '-1', '--format=%ct', 'HEAD']).toString()) *
      1000;
  } catch {
    files = [];
  }
  const known = new Set(files.map(f => f.path));
  for (const file of untracked(root, WORKTREE_FALLBACK)) {
    if (!known.has(file)) files.push(worktreeFile(root, file));
  }
  files.sort((a, b) => (a.path < b.path ? -1 : 1));
  return { root, files, headTime };
}
