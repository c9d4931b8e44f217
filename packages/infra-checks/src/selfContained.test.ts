import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findRepoRoot } from '@rocket-club/plugin-environments-node';
import { findOutsideReferences } from './selfContained';

describe('a clone of this repository alone is the whole project', () => {
  it('no tracked file refers to a folder beside the checkout or climbs out of it', () => {
    expect(findOutsideReferences(findRepoRoot(__dirname))).toEqual([]);
  });

  describe('the check itself', () => {
    let root: string;
    beforeAll(() => {
      root = mkdtempSync(join(tmpdir(), 'self-contained-'));
      mkdirSync(join(root, 'a/b'), { recursive: true });
      const beside = ['..', 'shared', 'contracts'].join('/');
      writeFileSync(join(root, 'a/ok.ts'), "import x from '../a/ok';\n");
      writeFileSync(
        join(root, 'a/b/inside.ts'),
        "const up = '../../README.md';\n",
      );
      writeFileSync(join(root, 'a/beside.ts'), `const dir = '${beside}';\n`);
      writeFileSync(join(root, 'a/b/climb.sh'), 'cat ../../../etc/passwd\n');
      writeFileSync(join(root, 'untracked.ts'), `'${beside}'\n`);
      execFileSync('git', ['init', '-q'], { cwd: root });
      execFileSync('git', ['add', 'a'], { cwd: root });
    });
    afterAll(() => rmSync(root, { recursive: true, force: true }));

    it('finds both kinds, in tracked files only', () => {
      expect(
        findOutsideReferences(root).map(r => `${r.file}:${r.line} ${r.text}`),
      ).toEqual([
        'a/b/climb.sh:1 climbs out of the repository (../../../etc/passwd): cat ../../../etc/passwd',
        `a/beside.ts:1 refers to a folder beside the checkout: const dir = '${[
          '..',
          'shared',
          'contracts',
        ].join('/')}';`,
      ]);
    });
  });
});
