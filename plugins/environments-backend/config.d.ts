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
      /**
       * The first sync of an environment (nothing stored yet) reads back
       * further, up to this many pages, until it has found the newest
       * finished park or unpark, so the park state is right from day one.
       * Default: 50.
       */
      firstSyncMaxPages?: number;
    };
    /** How the write side settles operations whose outcome is unknown. */
    operations?: {
      /**
       * After a trigger, approval or bump whose answer was lost (timeout,
       * dropped connection, 5xx), how long its effect may still appear
       * upstream. Within it the Idempotency-Key and the lock stay `unknown`
       * while the portal looks for the pipeline; after it, a key and lock
       * whose effect is not found are released. Also how long a lock or key
       * whose process died waits before it is recovered. Default: 2 minutes.
       */
      reconcileWindow?: HumanDuration | string;
      /**
       * The longest a lock lives when its pipeline is never seen to finish
       * (a backstop: locks are released when the pipeline finishes).
       * Default: 2 hours.
       */
      lockTtl?: HumanDuration | string;
    };
    /**
     * The write side's housekeeping task (one instance at a time): releases
     * the locks of pipelines seen finished, reconciles locks and idempotency
     * keys whose outcome is unknown or whose process died, and forgets
     * idempotency keys after a day and webhook deliveries after a week.
     * Default: every minute, timeout 1 minute, first run 30 seconds after
     * start.
     */
    housekeeping?: {
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    };
    /**
     * The task that runs scheduled parks and unparks, keep-awake expiry and
     * the owners' notifications (one instance at a time).
     * Default: every minute, timeout 2 minutes.
     */
    scheduledOperations?: {
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
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
          /** The read-only drift check (`terraform-drift`). */
          drift?: string;
        };
        /** Pipeline parameters of each operation. */
        parameters?: {
          park?: { [name: string]: string | number | boolean };
          unpark?: { [name: string]: string | number | boolean };
          rebuild?: { [name: string]: string | number | boolean };
          /** The drift check, e.g. `terraform-drift-mode: true, terraform-prod-mode: false`. */
          drift?: { [name: string]: string | number | boolean };
        };
        /** Endpoints to probe, by name. Only these URLs are ever probed. */
        endpoints?: {
          [name: string]: {
            url: string;
          };
        };
        /**
         * How the plan behind a held apply is reviewed before approval. The
         * plan job publishes a value-free summary of `terraform show -json`
         * as an artifact; the portal reads it once per held workflow.
         */
        plan?: {
          /** The CircleCI job that makes the plan. Default: `terraform-prod-plan`. */
          job?: string;
          /** The drift workflow's plan job. Default: `terraform-drift-plan`. */
          driftJob?: string;
          /** The summary's artifact path. Default: `terraform/plan-summary.json`. */
          artifact?: string;
          /**
           * Plans older than this are stale and approving them is refused
           * (CircleCI keeps a persisted workspace 15 days). Default: 14 days.
           */
          maxAge?: HumanDuration | string;
          /**
           * Resource types whose delete or replace needs `onProtectedChange`.
           * Default: aws_rds_cluster, aws_rds_cluster_instance, aws_s3_bucket,
           * aws_ecr_repository, aws_secretsmanager_secret.
           */
          protect?: string[];
          /**
           * `confirm`: approving a plan that deletes or replaces a protected
           * resource needs the environment's name typed; `refuse`: such a plan
           * is never approved through the portal. Default: `confirm`.
           */
          onProtectedChange?: 'confirm' | 'refuse';
        };
        /**
         * Optional park/unpark schedule (cron, in `timezone`), run by one
         * backend instance at a time (a global scheduler task). A bad cron
         * expression, an unknown time zone or an actor that is not a user
         * entity ref fails the backend's start, naming the key.
         *
         * How the actor is authorised: a backend cannot mint a user's
         * credentials, so the scheduler decides for the actor itself, with
         * the same rule as the portal's policy (`isEntityOwner`): at each
         * occurrence it reads the actor's user entity from the catalog, takes
         * its ownership refs (itself and the groups it is a member of) and
         * acts only when one of them owns the environment's entity. Only
         * then does it call the operations service (same locks, in-flight
         * checks, idempotency key `schedule:<env>:<park|unpark>:<ISO time>`,
         * audit events) with the plugin's own service credentials, through
         * an entry point that nothing else reaches. Nothing in the policy is
         * weakened: add the actor to the owning group in the catalog.
         */
        schedule?: {
          /** Cron expression of the scheduled park, e.g. `0 20 * * 1-5`. */
          park?: string;
          /** Cron expression of the scheduled unpark, e.g. `0 7 * * 1-5`. */
          unpark?: string;
          /** IANA time zone. Default: UTC. */
          timezone?: string;
          /** How long before a scheduled park the owners are told. Default: 30 minutes. */
          warnBefore?: HumanDuration | string;
          /** The user entity the schedule acts as. Default: `user:default/platform-scheduler`. */
          actor?: string;
        };
        /**
         * What parking saves. `parkedSavingsPerHour` is what the resources
         * that park stops cost per hour, from the team's own figures. To
         * estimate it from the AWS price list (Fargate, Lambda pages, or
         * `aws pricing get-products --service-code AmazonECS` / `AWSLambda`
         * in us-east-1): for each ECS service park scales to zero,
         * desiredCount x (vCPU x price per vCPU-hour + GB x price per
         * GB-hour) for the region (eu-west-2 Linux/x86 Fargate is about
         * 0.04656 USD per vCPU-hour and 0.00511 USD per GB-hour); plus, for
         * the Lambda functions park disables, their hourly invocations x
         * (price per request + average GB-seconds x price per GB-second);
         * plus anything else park stops (NAT gateway hours, load balancer
         * hours). Convert to `currency` at the team's rate.
         */
        costs?: {
          /** Money saved per hour parked, in `currency`. */
          parkedSavingsPerHour: number;
          /** ISO 4217 code, e.g. `GBP`. Default: `USD`. */
          currency?: string;
        };
        /**
         * Which notifications the owners of the environment's entity get.
         * Each is on by default.
         */
        notify?: {
          /** A deploy waits for approval. */
          approvals?: boolean;
          /** A park or unpark finished or failed. */
          parkResults?: boolean;
          /** A scheduled park is coming in `schedule.warnBefore`. */
          scheduledPark?: boolean;
          /** A scheduled park or unpark was skipped, and why. */
          skipped?: boolean;
          /**
           * A bumpable image (the deployer) is pinned behind a newer image
           * that has been in ECR for more than this many days; 0 turns it
           * off. Default: 7.
           */
          pinnedBehindDays?: number;
        };
      };
    };
  };
}
