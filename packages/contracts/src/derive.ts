/*
 * Regenerates the committed, data-only copies in `data/` from the full
 * official files:
 *
 *   yarn workspace @rocket-club/contracts derive <folder>
 *
 * where <folder> holds `circleci-openapi-v2.json` (CircleCI API v2) and
 * `circleci-config-schema.json` (the `.circleci/config.yml` schema); see
 * README.md for where they come from. Only the operations of CIRCLECI_OPERATIONS and
 * the components they reach are kept, without descriptions, summaries or
 * examples.
 */

import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DATA_FILES, packageRoot } from './index';
import { CIRCLECI_OPERATIONS } from './operations';
import { pruneToOperations } from './prune';
import { stripProse } from './stripProse';

/** The derived documents, from the full ones. */
export function deriveContracts(full: { circleci: any; circleciConfig: any }) {
  return {
    circleci: stripProse(pruneToOperations(full.circleci, CIRCLECI_OPERATIONS)),
    circleciConfig: stripProse(full.circleciConfig),
  };
}

function main(folder: string | undefined) {
  if (!folder) {
    process.stderr.write('usage: derive <folder with the full files>\n');
    process.exit(64);
  }
  const readJson = (file: string) =>
    JSON.parse(readFileSync(resolve(folder, file), 'utf8'));
  const derived = deriveContracts({
    circleci: readJson('circleci-openapi-v2.json'),
    circleciConfig: readJson('circleci-config-schema.json'),
  });
  for (const name of ['circleci', 'circleciConfig'] as const) {
    const target = resolve(packageRoot, DATA_FILES[name]);
    writeFileSync(target, `${JSON.stringify(derived[name], null, 2)}\n`);
    process.stdout.write(`wrote ${target}\n`);
  }
}

if (require.main === module) {
  main(process.argv[2]);
}
