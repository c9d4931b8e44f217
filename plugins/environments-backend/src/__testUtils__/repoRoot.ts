import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * The repository root: the nearest folder above this file that holds
 * `backstage.json`. Tests resolve the repository's own files (the app
 * config, `.circleci/config.yml`, the Terraform) from it.
 */
export function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(resolve(dir, 'backstage.json'))) {
    const parent = dirname(dir);
    if (parent === dir) {
      throw new Error(`No backstage.json above ${__dirname}`);
    }
    dir = parent;
  }
  return dir;
}
