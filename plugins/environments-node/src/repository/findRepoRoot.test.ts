import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findRepoRoot } from './findRepoRoot';

describe('findRepoRoot', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'repo-root-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('finds the nearest folder holding backstage.json, from itself or below', () => {
    writeFileSync(join(dir, 'backstage.json'), '{}');
    mkdirSync(join(dir, 'plugins/x/src'), { recursive: true });
    expect(findRepoRoot(join(dir, 'plugins/x/src'))).toBe(dir);
    expect(findRepoRoot(dir)).toBe(dir);
  });

  it('finds this repository from the working directory', () => {
    expect(findRepoRoot()).toBe(findRepoRoot(__dirname));
  });

  it('names the folder when there is no root above it', () => {
    expect(() => findRepoRoot(dir)).toThrow(
      `No backstage.json at or above "${dir}"`,
    );
  });
});
