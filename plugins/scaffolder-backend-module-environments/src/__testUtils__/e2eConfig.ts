import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** Upstream addresses the end-to-end tests mock at the network edge. */
export const UPSTREAMS = {
  circleci: 'http://circleci.test/api/v2',
  circleciApp: 'http://circleci.test/app',
  github: 'http://github.test/api/v3',
  ecr: 'http://ecr.test',
};

/** Secrets that must never reach a task log or output. */
export const SECRETS = {
  circleci: 'circle-secret-token-0123',
  github: 'ghp_secret_token_4567',
  aws: 'aws-secret-key-cdef',
};

/** The ECR registry of the account in {@link E2E_CONFIG}. */
export const REGISTRY = '111122223333.dkr.ecr.eu-west-2.amazonaws.com';
export const TF_PATH = 'infra/platform/infra/envs/prod/main.tf';

/**
 * The prod root module as this repository has it: the bump must work on the
 * real file, not on a fixture shaped to suit it.
 */
export const MAIN_TF = readFileSync(
  resolve(__dirname, '../../../..', TF_PATH),
  'utf8',
);

/** The deployer tag that {@link MAIN_TF} pins. */
export const PINNED = /^\s*prefect_deployer_image\s*=\s*"[^"]*:([^"]+)"/m.exec(
  MAIN_TF,
)![1];

/** A newer deployer tag in ECR. */
export const NEWEST = 'prefect-deployer-3-python3.12-e4f5a6b';

/** The catalog entity of the prod environment, owned by the platform team. */
export const PROD_ENTITY = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: 'prod',
    namespace: 'default',
    annotations: { 'rocket-club.dev/environment': 'prod' },
  },
  spec: { type: 'environment', owner: 'group:default/platform-team' },
};

/**
 * A root config like app-config.yaml (the environments backend's own test
 * config, trimmed to what park and bump need), pointed at the mocked
 * upstreams.
 */
export const E2E_CONFIG = {
  integrations: {
    github: [
      {
        host: 'github.com',
        apiBaseUrl: UPSTREAMS.github,
        token: SECRETS.github,
      },
    ],
  },
  aws: {
    accounts: [
      {
        accountId: '111122223333',
        accessKeyId: 'AKIDTEST',
        secretAccessKey: SECRETS.aws,
      },
    ],
  },
  environments: {
    circleci: {
      baseUrl: UPSTREAMS.circleci,
      appBaseUrl: UPSTREAMS.circleciApp,
      token: SECRETS.circleci,
      requestTimeout: { seconds: 2 },
      maxRetries: 0,
    },
    ecr: {
      region: 'eu-west-2',
      endpoint: UPSTREAMS.ecr,
      accountId: '111122223333',
    },
    definitions: {
      prod: {
        title: 'Production',
        entityRef: 'resource:default/prod',
        repository: {
          host: 'github.com',
          owner: 'rlhatcher',
          name: 'rocket-club',
          branch: 'main',
        },
        circleci: { projectSlug: 'gh/rlhatcher/rocket-club', branch: 'main' },
        terraform: { root: 'infra/platform/infra/envs/prod', file: 'main.tf' },
        images: {
          deployer: {
            local: 'prefect_deployer_image',
            ecrRepository: 'blog-data',
            tagPattern: '^prefect-deployer-3-python3\\.12-[0-9a-f]{7,40}$',
          },
        },
        workflows: {
          deploy: 'terraform-prod',
          park: 'park-infrastructure',
          unpark: 'unpark-infrastructure',
          rebuild: 'refresh-prefect-image',
        },
        parameters: {
          park: {
            'park-infrastructure-mode': true,
            'terraform-prod-mode': false,
          },
          unpark: {
            'unpark-infrastructure-mode': true,
            'terraform-prod-mode': false,
          },
        },
      },
    },
  },
};
