import { loadContract } from '@rocket-club/contracts';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { ContractValidator } from './validator';

/** Validators built from the contract documents of `@rocket-club/contracts`. */
export interface Contracts {
  circleci: ContractValidator;
  github: ContractValidator;
  /** Problems of a parsed `.circleci/config.yml`; empty when valid. */
  checkCircleCiConfig(config: unknown): string[];
}

let loaded: Contracts | undefined;

/**
 * Builds the validators of the three contract documents; once per process,
 * as the documents are read-only (every sandbox shares them).
 */
export function loadContracts(): Contracts {
  loaded ??= compileContracts();
  return loaded;
}

function compileContracts(): Contracts {
  const circleci = new ContractValidator({
    openapi: loadContract('circleci'),
    quirks: {
      // Slugs arrive as raw `vcs/org/repo`, not one URL-escaped segment.
      // (Named to sort after `/project/{provider}/…/pipeline/run`, so that
      // `…/pipeline/run` is not taken for a pipeline number.)
      splitParameters: {
        'project-slug': ['slug_vcs', 'slug_org', 'slug_repo'],
      },
      // A job that has not started (blocked, or an approval on hold) has
      // `started_at: null` on CircleCI; the spec marks it a required string.
      nullable: [
        '/paths/~1workflow~1{id}~1job/get/responses/200/content/application~1json/schema/properties/items/items/properties/started_at',
      ],
    },
  });
  const github = new ContractValidator({
    openapi: loadContract('github'),
    quirks: {
      // Served by the stand-in but outside the 13-operation subset: pull
      // requests by number share the subset's `pull-request` schema;
      // compare has no schema in the subset and is checked by the
      // stand-in's tests.
      extraOperations: [
        {
          method: 'GET',
          path: '/repos/{owner}/{repo}/pulls/{pull_number}',
          responseSchema: 'pull-request',
        },
        {
          method: 'PATCH',
          path: '/repos/{owner}/{repo}/pulls/{pull_number}',
          responseSchema: 'pull-request',
        },
        { method: 'GET', path: '/repos/{owner}/{repo}/compare/{basehead}*' },
      ],
    },
    // GitHub's `owner/name` of a repository.
    formats: { 'repo.nwo': /^[^/\s]+\/[^/\s]+$/ },
  });
  const ajv = new Ajv({ strict: false, allErrors: true, logger: false });
  addFormats(ajv);
  const configSchema = ajv.compile(loadContract('circleciConfig'));
  return {
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
