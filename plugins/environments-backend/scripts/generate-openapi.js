#!/usr/bin/env node
// @ts-check
/*
 * Generates src/schema/openapi.generated.ts from src/schema/openapi.yaml: the
 * document as a typed constant and a router factory validating requests
 * against it, in the shape `backstage-repo-tools package schema openapi
 * generate --server` produces (that tool is not a dependency here).
 *
 *   yarn workspace @rocket-club/plugin-environments-backend schema:generate
 */
const { readFileSync, writeFileSync } = require('node:fs');
const { resolve } = require('node:path');
const { parse } = require('yaml');

const dir = resolve(__dirname, '../src/schema');
const spec = parse(readFileSync(resolve(dir, 'openapi.yaml'), 'utf8'));

const source = `// Generated from openapi.yaml by scripts/generate-openapi.js. Do not edit.

import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';

/** The OpenAPI document of the environments API. */
export const spec = ${JSON.stringify(spec, null, 2)} as const;

/** A router that validates requests against {@link spec}. */
export const createOpenApiRouter = async (
  options?: Parameters<typeof createValidatedOpenApiRouter>['1'],
) => createValidatedOpenApiRouter<typeof spec>(spec, options);
`;

writeFileSync(resolve(dir, 'openapi.generated.ts'), source);
