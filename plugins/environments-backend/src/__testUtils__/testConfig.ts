import { ConfigReader } from '@backstage/config';
import { readEnvironmentsConfig } from '../config';

/** Upstream addresses the tests mock. */
export const UPSTREAMS = {
  circleci: 'http://circleci.test/api/v2',
  circleciApp: 'http://circleci.test/app',
  github: 'http://github.test/api/v3',
  ecr: 'http://ecr.test',
  endpoints: 'http://endpoints.test',
};

/** Secrets that must never show up in a response or a log line. */
export const SECRETS = {
  circleci: 'circle-secret-token-0123',
  github: 'ghp_secret_token_4567',
  webhook: 'webhook-secret-89ab',
  aws: 'aws-secret-key-cdef',
};

/** A root config like app-config.yaml, pointed at the mocked upstreams. */
export const TEST_CONFIG = {
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
      webhookSecret: SECRETS.webhook,
      requestTimeout: { seconds: 2 },
      maxRetries: 1,
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
          base: {
            local: 'prefect_base_image',
            ecrRepository: 'blog-data',
            tag: 'prefect-3-python3.12-ecs',
          },
        },
        workflows: {
          deploy: 'terraform-prod',
          park: 'park-infrastructure',
          unpark: 'unpark-infrastructure',
          rebuild: 'refresh-prefect-image',
          drift: 'terraform-drift',
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
          rebuild: {
            'refresh-prefect-image-mode': true,
            'terraform-prod-mode': false,
          },
          drift: {
            'terraform-drift-mode': true,
            'terraform-prod-mode': false,
          },
        },
        endpoints: {
          portal: { url: `${UPSTREAMS.endpoints}/portal/health` },
          pipelines: { url: `${UPSTREAMS.endpoints}/pipelines/health` },
        },
      },
    },
  },
};

/** The environments config read from {@link TEST_CONFIG}. */
export function testEnvironmentsConfig() {
  return readEnvironmentsConfig(new ConfigReader(TEST_CONFIG));
}

/** The catalog entity of prod: annotated, owned by the platform team. */
export const PROD_ENTITY = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: 'prod',
    annotations: { 'rocket-club.dev/environment': 'prod' },
  },
  spec: { type: 'environment', owner: 'group:default/platform-team' },
};
