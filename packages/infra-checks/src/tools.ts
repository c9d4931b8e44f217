import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readdirSync } from 'node:fs';
import { delimiter, join, relative } from 'node:path';

/**
 * The path of an executable on PATH, if any.
 *
 * @public
 */
export function which(command: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, command);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

const SKIPPED = new Set([
  'node_modules',
  '.git',
  '.toolchain',
  'dist',
  'dist-types',
  'test-output',
  'bench-output',
  '.yarn',
]);

/**
 * Every shell script of the repository: `*.sh` files plus the extensionless
 * entry points `run` and `.ci/run`.
 *
 * @public
 */
export function findShellScripts(repoRoot: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (SKIPPED.has(entry.name)) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.sh')) found.push(relative(repoRoot, path));
    }
  };
  walk(repoRoot);
  for (const entry of ['run', '.ci/run']) {
    if (existsSync(join(repoRoot, entry))) found.push(entry);
  }
  return found.sort();
}

/**
 * shellcheck's findings for `files` (relative to `cwd`), one line each.
 *
 * @public
 */
export function shellcheck(cwd: string, files: string[]): string[] {
  const result = spawnSync(
    'shellcheck',
    ['--external-sources', '--format=gcc', ...files],
    {
      cwd,
      encoding: 'utf8',
    },
  );
  if (result.error) throw result.error;
  const findings = result.stdout.split('\n').filter(Boolean);
  if (result.status !== 0 && findings.length === 0) {
    return [`shellcheck failed (${result.status}): ${result.stderr.trim()}`];
  }
  return findings;
}

/**
 * Files `terraform fmt -check -recursive` would rewrite under `dir`.
 *
 * @public
 */
export function terraformFmtCheck(dir: string): string[] {
  const result = spawnSync(
    'terraform',
    ['fmt', '-check', '-recursive', '-list=true', '-no-color', '.'],
    {
      cwd: dir,
      encoding: 'utf8',
    },
  );
  if (result.error) throw result.error;
  const unformatted = result.stdout.split('\n').filter(Boolean);
  if (result.status !== 0 && unformatted.length === 0) {
    return [`terraform fmt failed (${result.status}): ${result.stderr.trim()}`];
  }
  return unformatted.map(
    file => `${join(dir, file)} is not formatted (terraform fmt)`,
  );
}
