import { parsePipelineConfig, PipelineConfig } from './config';

/** A parsed config, or why a pipeline cannot use it. */
export type ConfigResult =
  | { config: PipelineConfig }
  | { type: 'config' | 'config-fetch'; error: string };

/** The path CircleCI reads its config from. */
export const CONFIG_PATH = '.circleci/config.yml';

/** Parses each distinct config text once. */
export class ConfigCache {
  readonly #cache = new Map<string, ConfigResult>();

  get(text: string | undefined): ConfigResult {
    if (text === undefined) {
      return {
        type: 'config-fetch',
        error: `Unable to find a config file at ${CONFIG_PATH}`,
      };
    }
    let result = this.#cache.get(text);
    if (!result) {
      try {
        result = { config: parsePipelineConfig(text) };
      } catch (error) {
        result = {
          type: 'config',
          error: `Config processing error: ${(error as Error).message}`,
        };
      }
      this.#cache.set(text, result);
    }
    return result;
  }
}
