/**
 * The upstream API descriptions the project checks its clients and its
 * stand-ins against, from inside the repository or a registry package:
 *
 * - `circleci`: CircleCI API v2 (OpenAPI 3.0), a derived data-only copy in
 *   `data/` of the operations in {@link CIRCLECI_OPERATIONS};
 * - `circleciConfig`: the JSON Schema of `.circleci/config.yml`, derived
 *   likewise;
 * - `github`: GitHub's REST description from the registry package
 *   `@octokit/openapi`, cut to {@link GITHUB_OPERATIONS}.
 *
 * Each document is read once per process; callers get their own copy.
 *
 * @packageDocumentation
 */

import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { GITHUB_OPERATIONS } from './operations';
import { pruneToOperations } from './prune';

export { CIRCLECI_OPERATIONS, GITHUB_OPERATIONS } from './operations';

/**
 * The name of one contract document.
 *
 * @public
 */
export type ContractName = 'circleci' | 'circleciConfig' | 'github';

/**
 * Where each committed document lives, relative to this package.
 *
 * @public
 */
export const DATA_FILES = {
  circleci: 'data/circleci-openapi-v2.json',
  circleciConfig: 'data/circleci-config-schema.json',
} as const;

/**
 * This package's folder, where `data/` is, wherever it is installed.
 *
 * @public
 */
export const packageRoot = dirname(
  require.resolve('@rocket-club/contracts/package.json'),
);
const cache = new Map<ContractName, string>();

function read(name: ContractName): string {
  let text = cache.get(name);
  if (text === undefined) {
    if (name === 'github') {
      // GitHub's own description, as published on the npm registry.
      const full = JSON.parse(
        readFileSync(
          require.resolve('@octokit/openapi/generated/api.github.com.json'),
          'utf8',
        ),
      );
      text = JSON.stringify(pruneToOperations(full, GITHUB_OPERATIONS));
    } else {
      text = readFileSync(resolve(packageRoot, DATA_FILES[name]), 'utf8');
    }
    cache.set(name, text);
  }
  return text;
}

/**
 * One contract document, parsed: a fresh copy the caller may change.
 *
 * @public
 */
export function loadContract(name: ContractName): any {
  return JSON.parse(read(name));
}
