import type { Sandbox } from '@rocket-club/sandbox';

/** Secrets that must never reach a task log or output. */
export const SECRETS = {
  circleci: 'circle-secret-token-0123',
  github: 'ghp_secret_token_4567',
  aws: 'aws-secret-key-cdef',
};

/** The ECR registry of the account in {@link e2eConfig}. */
export const REGISTRY = '111122223333.dkr.ecr.eu-west-2.amazonaws.com';
export const TF_PATH = 'infra/platform/infra/envs/prod/main.tf';

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
 * config, trimmed to what park and bump need), pointed at the sandbox's
 * stand-ins of GitHub, CircleCI and ECR.
 */
export const e2eConfig = (sandbox: Sandbox) => ({
  integrations: {
    github: [
      {
        host: 'github.com',
        apiBaseUrl: sandbox.githubUrl,
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
      baseUrl: sandbox.circleciUrl,
      appBaseUrl: sandbox.circleciAppUrl,
      token: SECRETS.circleci,
      requestTimeout: { seconds: 2 },
      maxRetries: 0,
    },
    ecr: {
      region: 'eu-west-2',
      endpoint: sandbox.ecrUrl,
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
});
