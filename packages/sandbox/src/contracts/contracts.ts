import { NotFoundError } from '@backstage/errors';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import fs from 'node:fs';
import path from 'node:path';
import { ContractValidator } from './validator';

/** The files of `../shared/contracts/` the stand-ins are checked against. */
export const CONTRACT_FILES = {
  circleci: 'circleci-openapi-v2.json',
  github: 'github-openapi-subset.json',
  circleciConfig: 'circleci-config-schema.json',
};

/** Validators built from the contract files. */
export interface Contracts {
  dir: string;
  circleci: ContractValidator;
  github: ContractValidator;
  /** Problems of a parsed `.circleci/config.yml`; empty when valid. */
  checkCircleCiConfig(config: unknown): string[];
}

/**
 * Where the contracts live: `shared/contracts` beside the repository, as on a
 * developer machine and in CI's clean clone.
 */
export function defaultContractsDir(repoRoot: string): string {
  return path.resolve(repoRoot, '../shared/contracts');
}

function readJson(dir: string, file: string): any {
  const full = path.join(dir, file);
  if (!fs.existsSync(full)) {
    throw new NotFoundError(
      `Contract file ${JSON.stringify(full)} is missing: the sandbox checks ` +
        `every exchange against ../shared/contracts/, which must sit beside ` +
        `the repository (pass contracts: { dir } or contracts: { mode: 'off' })`,
    );
  }
  return JSON.parse(fs.readFileSync(full, 'utf8'));
}

const loaded = new Map<string, Contracts>();

/**
 * Loads the three contract files from `dir` and compiles their validators;
 * once per directory and process, as the files are read-only.
 */
export function loadContracts(dir: string): Contracts {
  const key = path.resolve(dir);
  let contracts = loaded.get(key);
  if (!contracts) {
    contracts = compileContracts(key);
    loaded.set(key, contracts);
  }
  return contracts;
}

function compileContracts(dir: string): Contracts {
  const circleci = new ContractValidator({
    name: 'circleci',
    openapi: readJson(dir, CONTRACT_FILES.circleci),
    // Slugs arrive as raw `vcs/org/repo`, not one URL-escaped segment.
    segmentPatterns: { 'project-slug': '[^/]+/[^/]+/[^/]+' },
    // A job that has not started (blocked, or an approval on hold) has
    // `started_at: null` on CircleCI; the spec marks it a required string.
    nullable: [
      '/paths/~1workflow~1{id}~1job/get/responses/200/content/application~1json/schema/properties/items/items/properties/started_at',
    ],
  });
  const github = new ContractValidator({
    name: 'github',
    openapi: readJson(dir, CONTRACT_FILES.github),
    // Served by the stand-in but outside the 13-operation subset: pull
    // requests by number share the subset's `pull-request` schema; compare
    // has no schema in the subset and is checked by the stand-in's tests.
    extraOperations: [
      {
        method: 'GET',
        path: /^\/repos\/[^/]+\/[^/]+\/pulls\/\d+$/,
        responseSchema: 'pull-request',
      },
      {
        method: 'PATCH',
        path: /^\/repos\/[^/]+\/[^/]+\/pulls\/\d+$/,
        responseSchema: 'pull-request',
      },
      { method: 'GET', path: /^\/repos\/[^/]+\/[^/]+\/compare\/.+$/ },
    ],
  });
  const ajv = new Ajv({ strict: false, allErrors: true, logger: false });
  addFormats(ajv);
  const configSchema = ajv.compile(
    readJson(dir, CONTRACT_FILES.circleciConfig),
  );
  return {
    dir,
    circleci,
    github,
    checkCircleCiConfig(config) {
      if (configSchema(config)) return [];
      return (configSchema.errors ?? []).map(
        e => `${e.instancePath || '(root)'} ${e.message}`,
      );
    },
  };
}
