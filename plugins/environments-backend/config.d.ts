import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';
import { HumanDuration } from '@backstage/types';

export interface Config {
  /**
   * The environments plugin: live status, images, history and operations of
   * the environments that CircleCI deploys with Terraform. GitHub is reached
   * through `integrations.github` and AWS credentials come from `aws`
   * (`@backstage/integration-aws-node`).
   */
  environments?: {
    /** CircleCI API v2. */
    circleci: {
      /**
       * Base URL of the CircleCI API v2.
       * Default: `https://circleci.com/api/v2`.
       */
      baseUrl?: string;
      /**
       * Base URL of the CircleCI web app, used for pipeline and workflow links.
       * Default: `https://app.circleci.com`.
       */
      appBaseUrl?: string;
      /**
       * A CircleCI personal API token, sent as `Circle-Token`.
       * @visibility secret
       */
      token: string;
      /**
       * The secret CircleCI signs outbound webhooks with
       * (`circleci-signature`). Without it every webhook is refused.
       * @visibility secret
       */
      webhookSecret?: string;
      /**
       * Timeout of one CircleCI request (each retry gets its own).
       * Default: 10 seconds.
       */
      requestTimeout?: HumanDuration | string;
      /**
       * Retries of a request after a 429, a 5xx, a network error or a
       * timeout, with exponential backoff that honours `Retry-After`.
       * Default: 3.
       */
      maxRetries?: number;
    };
    /** Amazon ECR, where the environments' images live. */
    ecr?: {
      /** AWS region of the registry, e.g. `eu-west-2`. */
      region: string;
      /**
       * Endpoint override, e.g. a local stand-in. Default: the AWS endpoint
       * of the region.
       */
      endpoint?: string;
      /**
       * The registry's AWS account id. Selects the credentials of that
       * account from `aws.accounts`; default: the main account of `aws`.
       */
      accountId?: string;
    };
    /** The scheduled CircleCI sync. */
    ingestion?: {
      /**
       * How often to sync every environment's pipelines.
       * Default: every 2 minutes, timeout 5 minutes.
       */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      /**
       * Pages of pipelines (20 each) read at most per environment and run;
       * bounds the first sync of a project with a long history. Default: 5.
       */
      maxPages?: number;
    };
    /** The scheduled probes of the environments' endpoints. */
    probes?: {
      /**
       * How often to probe every configured endpoint.
       * Default: every minute, timeout 1 minute.
       */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      /** Timeout of one probe. Default: 5 seconds. */
      timeout?: HumanDuration | string;
      /** How long probe samples are kept. Default: 7 days. */
      retention?: HumanDuration | string;
    };
    /**
     * The scheduled refresh of the images view (ECR listings and the pinned
     * Terraform file), so that no page view waits on ECR or GitHub. One
     * instance runs it per cadence, however many there are; with a shared
     * cache (`backend.cache.store: redis`) every instance serves its result.
     */
    images?: {
      /**
       * How often to refresh every environment's images view. A view is
       * served for three times the frequency (at least the cache TTLs), so a
       * missed refresh or two still leaves one. A finished image build or
       * deploy (CircleCI webhook) refreshes at once.
       * Default: every 5 minutes, timeout 2 minutes, first run 5 seconds
       * after start.
       */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    };
    /** Time to live of cached upstream reads. */
    cache?: {
      /** ECR image listings. Default: 5 minutes. */
      ecrTtl?: HumanDuration | string;
      /** GitHub reads (the Terraform file, compares). Default: 5 minutes. */
      githubTtl?: HumanDuration | string;
      /**
       * How long one user's read-permission decision (ALLOW or DENY) for an
       * environment is reused by this instance before the permission policy
       * is asked again; `0` asks on every request. Mutations are always
       * asked. Default: 10 seconds.
       */
      readDecisionTtl?: HumanDuration | string;
      /**
       * How long this instance serves a status, summary or history page it
       * read from the database to every reader (each still authenticated
       * and authorized) before reading again; any change of the environment
       * made here or announced on its signals channel drops it at once.
       * `0` reads on every request. Default: 2 seconds.
       */
      statusTtl?: HumanDuration | string;
    };
    /**
     * The environments, by name. A catalog entity shows one when it carries
     * the annotation `rocket-club.dev/environment: <name>`.
     */
    definitions?: {
      [name: string]: {
        /** Display title. Default: the name. */
        title?: string;
        /**
         * The catalog entity that models the environment; permissions are
         * decided against it. Default: `resource:default/<name>`.
         */
        entityRef?: string;
        /** The GitHub repository that holds the Terraform. */
        repository: {
          /** An `integrations.github` host. Default: `github.com`. */
          host?: string;
          owner: string;
          name: string;
          /** Branch to read. Default: the repository's default branch. */
          branch?: string;
        };
        /** The CircleCI project that applies the Terraform. */
        circleci: {
          /**
           * Project slug: `gh/<org>/<repo>`, `github/<org>/<repo>`,
           * `bb/…`, `bitbucket/…` or `circleci/<org-id>/<project-id>`.
           */
          projectSlug: string;
          /**
           * Branch whose pipelines are the environment's history.
           * Default: `repository.branch`; without either, every branch.
           */
          branch?: string;
        };
        /** Where the Terraform root module is. */
        terraform: {
          /** Repository path of the root module. */
          root: string;
          /** File in the root module that pins the images. Default: `main.tf`. */
          file?: string;
        };
        /** Images pinned by Terraform locals, by name. */
        images?: {
          [name: string]: {
            /** The Terraform local holding the image reference. */
            local: string;
            /** ECR repository of the image. */
            ecrRepository: string;
            /**
             * Regular expression of the tags this image may take; makes the
             * image bumpable to the newest matching tag. Either this or `tag`.
             */
            tagPattern?: string;
            /** A fixed (rebuilt in place) tag. Either this or `tagPattern`. */
            tag?: string;
          };
        };
        /** CircleCI workflow names, classifying each run. */
        workflows: {
          deploy?: string;
          park?: string;
          unpark?: string;
          rebuild?: string;
        };
        /** Pipeline parameters of each operation. */
        parameters?: {
          park?: { [name: string]: string | number | boolean };
          unpark?: { [name: string]: string | number | boolean };
          rebuild?: { [name: string]: string | number | boolean };
        };
        /** Endpoints to probe, by name. Only these URLs are ever probed. */
        endpoints?: {
          [name: string]: {
            url: string;
          };
        };
        /** Optional park/unpark schedule (cron, in `timezone`). */
        schedule?: {
          park?: string;
          unpark?: string;
          /** IANA time zone. Default: UTC. */
          timezone?: string;
        };
      };
    };
  };
}
