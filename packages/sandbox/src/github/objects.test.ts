import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { blobSha, commitSha, treeSha } from './objects';

/** Compares with real git in a throwaway repository. */
describe('git object hashing', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-git-'));
  const git = (...args: string[]) =>
    execFileSync('git', args, {
      cwd: dir,
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 'A U Thor',
        GIT_AUTHOR_EMAIL: 'author@example.com',
        GIT_AUTHOR_DATE: '1700000000 +0000',
        GIT_COMMITTER_NAME: 'A U Thor',
        GIT_COMMITTER_EMAIL: 'author@example.com',
        GIT_COMMITTER_DATE: '1700000000 +0000',
      },
    })
      .toString()
      .trim();

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('matches git for blobs, nested trees and commits', () => {
    git('init', '-q');
    fs.mkdirSync(path.join(dir, 'infra'));
    fs.writeFileSync(path.join(dir, 'infra', 'main.tf'), 'locals {}\n');
    fs.writeFileSync(path.join(dir, 'infra.md'), '# infra\n');
    fs.writeFileSync(path.join(dir, 'run'), '#!/bin/sh\n', { mode: 0o755 });
    git('add', '.');
    git('commit', '-q', '-m', 'first');

    const main = blobSha(Buffer.from('locals {}\n'));
    expect(main).toBe(git('rev-parse', 'HEAD:infra/main.tf'));
    const infra = treeSha([
      { name: 'main.tf', mode: '100644', type: 'blob', sha: main },
    ]);
    expect(infra).toBe(git('rev-parse', 'HEAD:infra'));
    const root = treeSha([
      {
        name: 'run',
        mode: '100755',
        type: 'blob',
        sha: blobSha(Buffer.from('#!/bin/sh\n')),
      },
      {
        name: 'infra.md',
        mode: '100644',
        type: 'blob',
        sha: blobSha(Buffer.from('# infra\n')),
      },
      { name: 'infra', mode: '040000', type: 'tree', sha: infra },
    ]);
    expect(root).toBe(git('rev-parse', 'HEAD^{tree}'));
    const who = {
      name: 'A U Thor',
      email: 'author@example.com',
      date: 1700000000_000,
    };
    expect(
      commitSha({
        type: 'commit',
        tree: root,
        parents: [],
        author: who,
        committer: who,
        message: 'first\n',
      }),
    ).toBe(git('rev-parse', 'HEAD'));
  });
});
