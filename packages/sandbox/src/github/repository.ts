import {
  blobSha,
  commitSha,
  FileEntry,
  GitObject,
  Signature,
  TreeEntry,
  treeSha,
} from './objects';

type Commit = Extract<GitObject, { type: 'commit' }>;
type Tree = Extract<GitObject, { type: 'tree' }>;

/** A file read from a commit. */
export interface FileAt extends FileEntry {
  path: string;
  content: Buffer;
}

/**
 * An in-memory git repository: content-addressed objects with real SHAs,
 * branches, and the commit graph that compare walks.
 */
export class GitRepository {
  readonly #objects = new Map<string, GitObject>();
  readonly #refs = new Map<string, string>();
  readonly #flat = new Map<string, Map<string, FileEntry>>();

  has(sha: string): boolean {
    return this.#objects.has(sha);
  }

  object(sha: string): GitObject | undefined {
    return this.#objects.get(sha);
  }

  commit(sha: string): Commit | undefined {
    const object = this.#objects.get(sha);
    return object?.type === 'commit' ? object : undefined;
  }

  writeBlob(content: Buffer): string {
    const sha = blobSha(content);
    this.#objects.set(sha, { type: 'blob', content });
    return sha;
  }

  writeTree(entries: TreeEntry[]): string {
    const sha = treeSha(entries);
    this.#objects.set(sha, { type: 'tree', entries });
    return sha;
  }

  /** Writes the nested trees of a flat `path → blob` map; returns the root. */
  writeFiles(files: Map<string, FileEntry>): string {
    const children = new Map<string, Map<string, FileEntry>>();
    const entries: TreeEntry[] = [];
    for (const [path, entry] of files) {
      const slash = path.indexOf('/');
      if (slash < 0) {
        entries.push({
          name: path,
          mode: entry.mode,
          type: 'blob',
          sha: entry.sha,
        });
        continue;
      }
      const dir = path.slice(0, slash);
      if (!children.has(dir)) children.set(dir, new Map());
      children.get(dir)!.set(path.slice(slash + 1), entry);
    }
    for (const [dir, nested] of children) {
      entries.push({
        name: dir,
        mode: '040000',
        type: 'tree',
        sha: this.writeFiles(nested),
      });
    }
    const sha = this.writeTree(entries);
    this.#flat.set(sha, new Map(files));
    return sha;
  }

  writeCommit(commit: Omit<Commit, 'type'>): string {
    const object: Commit = { type: 'commit', ...commit };
    const sha = commitSha(object);
    this.#objects.set(sha, object);
    return sha;
  }

  /** Every file of a tree, by path. */
  files(tree: string): Map<string, FileEntry> {
    const cached = this.#flat.get(tree);
    if (cached) return cached;
    const out = new Map<string, FileEntry>();
    const walk = (sha: string, prefix: string) => {
      const object = this.#objects.get(sha) as Tree;
      for (const e of object.entries) {
        if (e.type === 'tree') walk(e.sha, `${prefix}${e.name}/`);
        else out.set(`${prefix}${e.name}`, { sha: e.sha, mode: e.mode });
      }
    };
    walk(tree, '');
    this.#flat.set(tree, out);
    return out;
  }

  readFile(commit: string, path: string): FileAt | undefined {
    const tree = this.commit(commit)?.tree;
    const entry = tree ? this.files(tree).get(path) : undefined;
    const blob = entry ? this.#objects.get(entry.sha) : undefined;
    if (!entry || blob?.type !== 'blob') return undefined;
    return { path, ...entry, content: blob.content };
  }

  /** The tree entry at `path` of a commit: a file, or a directory. */
  entry(commit: string, path: string): TreeEntry | undefined {
    let tree = this.commit(commit)?.tree;
    let found: TreeEntry | undefined;
    for (const part of path.split('/').filter(Boolean)) {
      const object = tree ? this.#objects.get(tree) : undefined;
      if (object?.type !== 'tree') return undefined;
      found = object.entries.find(e => e.name === part);
      if (!found) return undefined;
      tree = found.sha;
    }
    return found;
  }

  /** Branch name → `refs/heads/<name>` etc. */
  ref(name: string): string | undefined {
    return this.#refs.get(name);
  }

  refs(): Map<string, string> {
    return new Map(this.#refs);
  }

  setRef(name: string, sha: string): void {
    this.#refs.set(name, sha);
  }

  /** A branch name, full ref or commit SHA (full or at least 7 hex) → commit. */
  resolve(refish: string): string | undefined {
    const direct =
      this.#refs.get(refish) ??
      this.#refs.get(`refs/heads/${refish}`) ??
      this.#refs.get(`refs/tags/${refish}`) ??
      this.#refs.get(`refs/${refish}`);
    if (direct) return direct;
    if (/^[0-9a-f]{7,40}$/.test(refish)) {
      for (const [sha, object] of this.#objects) {
        if (object.type === 'commit' && sha.startsWith(refish)) return sha;
      }
    }
    return undefined;
  }

  /** Commits reachable from `sha`, newest first (breadth-first by date). */
  history(sha: string): string[] {
    const seen = new Set<string>();
    const queue = [sha];
    while (queue.length) {
      const next = queue.shift()!;
      if (seen.has(next)) continue;
      seen.add(next);
      queue.push(...(this.commit(next)?.parents ?? []));
    }
    return [...seen].sort(
      (a, b) => this.commit(b)!.committer.date - this.commit(a)!.committer.date,
    );
  }

  /** Makes one commit on `branch` that sets `path` to `content`. */
  commitFile(options: {
    branch: string;
    path: string;
    content: Buffer;
    message: string;
    author: Signature;
    committer?: Signature;
  }): string {
    const ref = `refs/heads/${options.branch}`;
    const parent = this.#refs.get(ref);
    const base = parent ? this.files(this.commit(parent)!.tree) : new Map();
    const files = new Map(base);
    const previous = files.get(options.path);
    files.set(options.path, {
      sha: this.writeBlob(options.content),
      mode: previous?.mode ?? '100644',
    });
    const sha = this.writeCommit({
      tree: this.writeFiles(files),
      parents: parent ? [parent] : [],
      author: options.author,
      committer: options.committer ?? options.author,
      message: options.message,
    });
    this.#refs.set(ref, sha);
    return sha;
  }
}
