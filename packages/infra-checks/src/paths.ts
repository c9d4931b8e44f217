import { NotFoundError } from '@backstage/errors';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * The repository root: the nearest folder at or above `from` (default: the
 * working directory) holding `backstage.json`.
 *
 * @public
 */
export function findRepoRoot(from: string = process.cwd()): string {
  let dir = resolve(from);
  while (!existsSync(resolve(dir, 'backstage.json'))) {
    const parent = dirname(dir);
    if (parent === dir) {
      throw new NotFoundError(`No backstage.json above "${from}"`);
    }
    dir = parent;
  }
  return dir;
}

/** Where the seed puts things, relative to the repository root. */
export const REPO_PATHS = {
  terraformRoot: 'infra/platform/infra/envs/prod',
  /** Applied once by hand: state bucket, ECR, CI roles, boundary. */
  bootstrapRoot: 'infra/platform/infra/bootstrap',
  modules: 'infra/platform/infra/modules',
  wrapper: 'infra/platform/scripts/terraform-prod.sh',
  circleci: '.circleci/config.yml',
  appConfig: 'app-config.yaml',
  baseDockerfile: 'infra/platform/docker/prefect-base-ecs/Dockerfile',
  deployerDockerfile: 'infra/platform/docker/prefect-deployer/Dockerfile',
  portalDockerfile: 'docker/Dockerfile',
} as const;
