#!/usr/bin/env node
// @ts-check
/*
 * Generates the code of the REST contract from src/schema/openapi.yaml, its
 * only source:
 *
 * - src/schema/openapi.generated.ts (this package): the document as a typed
 *   constant and the router factory validating requests against it, in the
 *   shape `backstage-repo-tools package schema openapi generate --server`
 *   produced before it moved to the Java generator;
 * - plugins/environments-common/src/generated/openapi.ts: the `paths` and
 *   `components` types, by openapi-typescript, for the wire types and the
 *   one client (openapi-fetch) of the common package.
 *
 * Why not `backstage-repo-tools package schema openapi generate --server` /
 * `--client-package`: since @backstage/repo-tools 0.19 both run
 * @openapitools/openapi-generator-cli, i.e. Java and a jar downloaded from
 * Maven Central, which this project's machines cannot reach (only the npm
 * registry and Debian's apt). openapi-typescript and openapi-fetch come from
 * npm and need no Java.
 *
 *   yarn workspace @rocket-club/plugin-environments-backend schema:generate
 *   yarn workspace @rocket-club/plugin-environments-backend schema:check
 *
 * `--check` writes nothing: it generates in memory, formats like prettier
 * would, and fails naming every generated file that differs from its source.
 */
const {
  existsSync,
  readFileSync,
  writeFileSync,
  mkdirSync,
} = require('node:fs');
const { dirname, relative, resolve } = require('node:path');
const { parse } = require('yaml');
const prettier = require('prettier');

const root = resolve(__dirname, '../../..');
const specFile = resolve(__dirname, '../src/schema/openapi.yaml');
const serverFile = resolve(__dirname, '../src/schema/openapi.generated.ts');
const typesFile = resolve(
  root,
  'plugins/environments-common/src/generated/openapi.ts',
);

const HEADER = `// Generated from plugins/environments-backend/src/schema/openapi.yaml by
// plugins/environments-backend/scripts/generate-schema.js. Do not edit: edit
// the document and run \`yarn workspace @rocket-club/plugin-environments-backend schema:generate\`.
`;

function serverSource(spec) {
  return `${HEADER}
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';

/** The OpenAPI document of the environments API. */
export const spec = ${JSON.stringify(spec, null, 2)} as const;

/** A router that validates requests against {@link spec}. */
export const createOpenApiRouter = async (
  options?: Parameters<typeof createValidatedOpenApiRouter>['1'],
) => createValidatedOpenApiRouter<typeof spec>(spec, options);
`;
}

async function typesSource(spec) {
  const { default: openapiTS, astToString } = await import(
    'openapi-typescript'
  );
  const ast = await openapiTS(structuredClone(spec), {
    // A property with a default is still optional to send.
    defaultNonNullable: false,
    silent: true,
  });
  const body = astToString(ast)
    // Release tags for the API report: the top-level declarations are public.
    .replace(/^export (interface|type) /gm, '/** @public */\nexport $1 ')
    // `@enum {string}` is JSDoc, not TSDoc (API Extractor warns), and the
    // union type says it already.
    .replace(/^\s*\/\*\* @enum \{string\} \*\/\n/gm, '')
    .replace(/^\s*\* @enum \{string\}\n/gm, '')
    // Nor is `@description`: a TSDoc comment starts with its summary.
    .replace(/^(\s*(?:\/\*\*|\*)) @description /gm, '$1 ');
  return `${HEADER}\n${body}`;
}

async function format(file, source) {
  const options = (await prettier.resolveConfig(file)) ?? {};
  return prettier.format(source, { ...options, filepath: file });
}

async function main() {
  const check = process.argv.includes('--check');
  const spec = parse(readFileSync(specFile, 'utf8'));
  const outputs = [
    [serverFile, serverSource(spec)],
    [typesFile, await typesSource(spec)],
  ];
  const stale = [];
  for (const [file, source] of outputs) {
    const formatted = await format(file, source);
    const current = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
    if (current === formatted) continue;
    if (check) {
      stale.push(relative(root, file));
    } else {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, formatted);
      console.log(`wrote ${relative(root, file)}`);
    }
  }
  if (stale.length) {
    console.error(
      `Stale generated files (out of date with ${relative(
        root,
        specFile,
      )}):\n${stale
        .map(f => `  ${f}`)
        .join(
          '\n',
        )}\nRun \`yarn workspace @rocket-club/plugin-environments-backend schema:generate\` and commit the result.`,
    );
    process.exitCode = 1;
  }
}

main().catch(error => {
  console.error(error);
  process.exitCode = 1;
});
