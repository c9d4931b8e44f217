import { createHash } from 'node:crypto';

/** A person and time on a commit. */
export interface Signature {
  name: string;
  email: string;
  /** Epoch milliseconds (git keeps whole seconds). */
  date: number;
}

/** A file entry of a flattened tree. */
export interface FileEntry {
  sha: string;
  mode: string;
}

/** An entry of one tree object, as git stores it. */
export interface TreeEntry {
  name: string;
  mode: string;
  type: 'blob' | 'tree' | 'commit';
  sha: string;
}

/** The objects a repository stores. */
export type GitObject =
  | { type: 'blob'; content: Buffer }
  | { type: 'tree'; entries: TreeEntry[] }
  | {
      type: 'commit';
      tree: string;
      parents: string[];
      author: Signature;
      committer: Signature;
      message: string;
    };

function hash(type: string, body: Buffer): string {
  return createHash('sha1')
    .update(Buffer.concat([Buffer.from(`${type} ${body.length}\0`), body]))
    .digest('hex');
}

/** The blob SHA git (and GitHub) gives `content`. */
export function blobSha(content: Buffer): string {
  return hash('blob', content);
}

/** Git orders tree entries by name, comparing a subtree as `name/`. */
function sortKey(entry: TreeEntry): string {
  return entry.type === 'tree' ? `${entry.name}/` : entry.name;
}

/** Entries in git's canonical order. */
export function sortEntries(entries: TreeEntry[]): TreeEntry[] {
  return [...entries].sort((a, b) => {
    const x = Buffer.from(sortKey(a));
    const y = Buffer.from(sortKey(b));
    return Buffer.compare(x, y);
  });
}

/** The SHA of a tree object; subtrees are written with mode `40000`. */
export function treeSha(entries: TreeEntry[]): string {
  const body = Buffer.concat(
    sortEntries(entries).map(e =>
      Buffer.concat([
        Buffer.from(`${e.type === 'tree' ? '40000' : e.mode} ${e.name}\0`),
        Buffer.from(e.sha, 'hex'),
      ]),
    ),
  );
  return hash('tree', body);
}

function formatSignature(s: Signature): string {
  return `${s.name} <${s.email}> ${Math.floor(s.date / 1000)} +0000`;
}

/** The SHA of a commit object. */
export function commitSha(commit: Extract<GitObject, { type: 'commit' }>) {
  const lines = [
    `tree ${commit.tree}`,
    ...commit.parents.map(p => `parent ${p}`),
    `author ${formatSignature(commit.author)}`,
    `committer ${formatSignature(commit.committer)}`,
    '',
    commit.message,
  ];
  return hash('commit', Buffer.from(lines.join('\n')));
}
