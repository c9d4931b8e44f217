import type { Sandbox } from '@rocket-club/sandbox';

/**
 * The config of one of two test instances: one PostgreSQL (under a prefix of
 * its own), one Redis, the sandbox's upstreams, and scheduled tasks once a
 * minute from start so that a test can count their runs.
 */
export function twoInstancesConfig(o: {
  sandbox: Sandbox;
  postgres: string;
  redis: string;
  prefix: string;
}) {
  const minute = { frequency: { minutes: 1 }, timeout: { minutes: 1 } };
  return {
    backend: {
      database: { client: 'pg', connection: o.postgres, prefix: o.prefix },
      cache: { store: 'redis', connection: o.redis },
    },
    integrations: {
      github: [
        {
          host: 'github.com',
          apiBaseUrl: o.sandbox.githubUrl,
          token: 'sandbox-github-token',
        },
      ],
    },
    aws: {
      accounts: [
        {
          accountId: '111122223333',
          accessKeyId: 'sandbox',
          secretAccessKey: 'sandbox',
        },
      ],
    },
    environments: {
      circleci: {
        baseUrl: o.sandbox.circleciUrl,
        appBaseUrl: o.sandbox.circleciAppUrl,
        token: 'sandbox-circleci-token',
        webhookSecret: 'sandbox-webhook-secret',
      },
      ecr: {
        region: 'eu-west-2',
        endpoint: o.sandbox.ecrUrl,
        accountId: '111122223333',
      },
      ingestion: { schedule: minute },
      probes: {
        schedule: { frequency: { minutes: 10 }, timeout: { minutes: 1 } },
      },
      images: { schedule: minute },
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
          terraform: {
            root: 'infra/platform/infra/envs/prod',
            file: 'main.tf',
          },
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
            rebuild: {
              'refresh-prefect-image-mode': true,
              'terraform-prod-mode': false,
            },
          },
        },
      },
    },
  };
}
