import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { CircleConfig, parseCircleConfig } from './circleci';
import { EnvironmentDefinition } from './drift';
import { REPO_PATHS } from './paths';
import { loadTerraformTree, TerraformModule } from './terraform';

/**
 * Everything the checks read from a checkout, loaded once.
 *
 * @public
 */
export interface Repository {
  root: string;
  modules: TerraformModule[];
  terraformRoot: TerraformModule;
  /** The bootstrap root (CI roles, state bucket, ECR, boundary). */
  bootstrapRoot: TerraformModule;
  circleText: string;
  circle: CircleConfig;
  wrapperText: string;
  appConfig: Record<string, any>;
  /** `environments.definitions.prod` of app-config.yaml. */
  prod: EnvironmentDefinition;
  read(path: string): string;
}

/**
 * Loads the infrastructure files of the checkout at `root`.
 *
 * @public
 */
export async function loadRepository(root: string): Promise<Repository> {
  const read = (path: string) => readFileSync(resolve(root, path), 'utf8');
  const modules = await loadTerraformTree(
    root,
    [REPO_PATHS.terraformRoot, REPO_PATHS.bootstrapRoot],
    REPO_PATHS.modules,
  );
  const circleText = read(REPO_PATHS.circleci);
  const appConfig = parseYaml(read(REPO_PATHS.appConfig));
  return {
    root,
    modules,
    terraformRoot: modules.find(m => m.dir === REPO_PATHS.terraformRoot)!,
    bootstrapRoot: modules.find(m => m.dir === REPO_PATHS.bootstrapRoot)!,
    circleText,
    circle: parseCircleConfig(circleText),
    wrapperText: read(REPO_PATHS.wrapper),
    appConfig,
    prod: appConfig?.environments?.definitions?.prod ?? {},
    read,
  };
}
