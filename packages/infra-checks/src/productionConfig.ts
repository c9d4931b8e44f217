import { Config, ConfigReader } from '@backstage/config';
import { ConfigSources } from '@backstage/config-loader';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/** Values that only make sense against the local sandbox. */
const SANDBOX = /localhost|127\.0\.0\.1|sandbox/i;

/**
 * The config production runs with (app-config.yaml, then
 * app-config.production.yaml on top, as the portal image loads them),
 * flattened to `key.path = value` pairs.
 */
export function productionConfig(
  root: string,
  files = ['app-config.yaml', 'app-config.production.yaml'],
): Array<[string, unknown]> {
  const config = ConfigReader.fromConfigs(
    files.map(file => ({
      context: file,
      data: parse(readFileSync(join(root, file), 'utf8')),
    })),
  );
  const pairs: Array<[string, unknown]> = [];
  const walk = (value: unknown, path: string) => {
    if (Array.isArray(value)) {
      value.forEach((v, i) => walk(v, `${path}[${i}]`));
    } else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        walk(v, path ? `${path}.${k}` : k);
      }
    } else {
      pairs.push([path, value]);
    }
  };
  walk(config.get(), '');
  return pairs;
}

/** Keys of the production config whose values point at the sandbox. */
export function sandboxLeftovers(pairs: Array<[string, unknown]>): string[] {
  return pairs
    .filter(([, v]) => typeof v === 'string' && SANDBOX.test(v))
    .map(([k, v]) => `${k} = ${JSON.stringify(v)}`);
}

/**
 * Loads the production config files as the portal does, with Backstage's
 * own loader, substituting each `${VAR}` from `env`. Returns the loaded
 * config and every variable name the files asked for.
 */
export async function loadProductionConfig(
  root: string,
  env: Record<string, string> = {},
  files = ['app-config.yaml', 'app-config.production.yaml'],
): Promise<{ config: Config; variables: string[] }> {
  const variables: string[] = [];
  const source = ConfigSources.defaultForTargets({
    rootDir: root,
    targets: files.map(file => ({ type: 'path', target: join(root, file) })),
    substitutionFunc: async name => {
      variables.push(name);
      return env[name];
    },
  });
  const config = await ConfigSources.toConfig(source);
  config.close();
  return { config, variables: [...new Set(variables)].sort() };
}
