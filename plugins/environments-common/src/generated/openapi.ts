// Generated from plugins/environments-backend/src/schema/openapi.yaml by
// plugins/environments-backend/scripts/generate-schema.js. Do not edit: edit
// the document and run `yarn workspace @rocket-club/plugin-environments-backend schema:generate`.

/** @public */
export interface paths {
  '/environments': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The environments the caller may read, with their state. */
    get: operations['ListEnvironments'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/environments/{name}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The full status: state, lock, held approval, endpoint health, last successful deploy and workflows in flight. */
    get: operations['GetEnvironment'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/environments/{name}/deployments': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The deploy history, newest first, paged with a keyset cursor. */
    get: operations['ListDeployments'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/environments/{name}/images': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The images the environment pins in Terraform against the newest in ECR (cached reads of GitHub and ECR). */
    get: operations['GetImages'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/environments/{name}/images/{image}/tags': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The ECR tags that an image may be bumped to (those matching its tag pattern), newest first; for the bump template's tag choice. */
    get: operations['ListImageTags'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/environments/{name}/park': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Triggers the park pipeline with the configured parameters (the mode parameter true, terraform-prod-mode false). Owners only; 409 while a park, unpark or deploy is in flight. */
    post: operations['ParkEnvironment'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/environments/{name}/keep-awake': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Skips the scheduled parks of the environment until `until` (at most 7 days ahead); `null` ends it. Owners only; audited. */
    post: operations['KeepEnvironmentAwake'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/environments/{name}/unpark': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Triggers the unpark pipeline. Owners only; 409 while a park, unpark or deploy is in flight. */
    post: operations['UnparkEnvironment'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/environments/{name}/rebuild': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Triggers the image refresh pipeline (refresh-prefect-image-mode true, terraform-prod-mode false). Owners only. */
    post: operations['RebuildImage'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/environments/{name}/drift-check': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Triggers the read-only drift check (the terraform-drift workflow: a plan with no hold and no apply, parameters from the environment's `parameters.drift`); its result is the environment's `drift`. Owners only. */
    post: operations['CheckDrift'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/environments/{name}/approvals/{workflowId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Approves the held job of an on-hold deploy workflow of the environment, after the review of its plan: a stale plan is refused (409), and a plan that deletes or replaces a protected resource is refused unless `confirm` is the environment's name (or always, under `onProtectedChange: refuse`). An unreadable plan summary does not block; the response says so. Owners only. */
    post: operations['ApproveWorkflow'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/environments/{name}/images/{image}/bump': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Opens (or updates) the pull request that pins the image's tag in the Terraform file, editing exactly one line. The tag defaults to the newest matching tag in ECR; a given one must match the image's pattern and exist in ECR. A dry run returns the diff and the pull request that would be opened. Owners only. */
    post: operations['BumpImage'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/pipelines': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Triggers any pipeline of an environment's CircleCI project, with parameters checked first against those .circleci/config.yml declares at that branch (name and type). Owners only. */
    post: operations['TriggerPipeline'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
/** @public */
export type webhooks = Record<string, never>;
/** @public */
export interface components {
  schemas: {
    Error: {
      error: {
        name: string;
        message: string;
      } & {
        [key: string]: unknown;
      };
      request?: {
        [key: string]: unknown;
      };
      response?: {
        [key: string]: unknown;
      };
    } & {
      [key: string]: unknown;
    };
    /** Format: date-time */
    Timestamp: string;
    EnvironmentState:
      | 'active'
      | 'parked'
      | 'parking'
      | 'unparking'
      | 'deploying'
      | 'awaiting-approval'
      | 'failed'
      | 'unknown';
    OperationKind: 'deploy' | 'park' | 'unpark' | 'rebuild' | 'drift' | 'other';
    WorkflowStatus:
      | 'success'
      | 'running'
      | 'not_run'
      | 'failed'
      | 'error'
      | 'failing'
      | 'on_hold'
      | 'canceled'
      | 'unauthorized';
    PipelineRef: {
      id: string;
      number: number;
      /** The pipeline in the CircleCI app. */
      url: string;
    };
    CommitRef: {
      sha: string;
      subject?: string;
      branch?: string;
      url?: string;
    };
    /** Who asked for a pipeline, an approval or a pull request. */
    Initiator: {
      userEntityRef?: string;
      displayName: string;
      via: 'portal' | 'circleci';
    };
    /** How far a running workflow has got ("job 2 of 5"). */
    WorkflowProgress: {
      workflowId: string;
      workflowName: string;
      completed: number;
      total: number;
      currentJob?: string;
    };
    /** A failed park, unpark or deploy, with its failed job and where to rerun it. */
    FailedRun: {
      kind: components['schemas']['OperationKind'];
      workflowId: string;
      workflowName: string;
      url: string;
      pipeline: components['schemas']['PipelineRef'];
      stoppedAt?: components['schemas']['Timestamp'];
      job?: {
        name: string;
        url?: string;
      };
      rerunUrl: string;
    };
    SyncHealth: {
      failing: boolean;
      stale: boolean;
      lastError?: string;
      lastErrorAt?: components['schemas']['Timestamp'];
      expectedEveryMs?: number;
    };
    /** One workflow run against an environment. */
    Deployment: {
      /** The CircleCI workflow id. */
      id: string;
      kind: components['schemas']['OperationKind'];
      workflowName: string;
      status: components['schemas']['WorkflowStatus'];
      pipeline: components['schemas']['PipelineRef'];
      /** The workflow in the CircleCI app. */
      url: string;
      actor?: string;
      triggerType?: string;
      commit?: components['schemas']['CommitRef'];
      pullRequest?: {
        number: number;
        url: string;
      };
      createdAt: components['schemas']['Timestamp'];
      stoppedAt?: components['schemas']['Timestamp'];
      durationMs?: number;
      approvalWaitMs?: number;
      initiatedBy?: components['schemas']['Initiator'];
      approvedBy?: components['schemas']['Initiator'];
      /** For a successful park, how long the environment stayed parked (to now while still parked). */
      parkedForMs?: number;
    };
    EnvironmentLock: {
      kind: components['schemas']['OperationKind'];
      pipeline?: components['schemas']['PipelineRef'];
      workflowId?: string;
      since: components['schemas']['Timestamp'];
      /**
       * The trigger's answer was lost; the portal is looking for its pipeline.
       */
      outcome?: 'unknown';
      initiatedBy?: components['schemas']['Initiator'];
    };
    EnvironmentSummary: {
      name: string;
      title: string;
      entityRef?: string;
      state: components['schemas']['EnvironmentState'];
      since?: components['schemas']['Timestamp'];
      actor?: string;
      initiatedBy?: components['schemas']['Initiator'];
      source?: components['schemas']['Deployment'];
      lock?: components['schemas']['EnvironmentLock'];
      progress?: components['schemas']['WorkflowProgress'];
      lastFailure?: components['schemas']['FailedRun'];
      savings?: components['schemas']['EnvironmentSavings'];
    };
    HeldApproval: {
      workflowId: string;
      workflowName: string;
      approvalRequestId: string;
      jobName: string;
      waitingSince: components['schemas']['Timestamp'];
      pipeline: components['schemas']['PipelineRef'];
      actor?: string;
      commit?: components['schemas']['CommitRef'];
      plan?: components['schemas']['PlanReview'];
      initiatedBy?: components['schemas']['Initiator'];
    };
    /**
     * One of Terraform's change actions (JSON output format).
     */
    PlanAction: 'no-op' | 'create' | 'read' | 'update' | 'delete' | 'forget';
    /** One resource a Terraform plan changes, as Terraform names it. */
    PlannedChange: {
      /** e.g. `module.aurora.aws_rds_cluster.this`. */
      address: string;
      /** e.g. `aws_rds_cluster`. */
      type: string;
      /** Terraform's actions; `["delete","create"]` or `["create","delete"]` is a replace. */
      actions: components['schemas']['PlanAction'][];
    };
    /** The plan a held apply would apply, from the value-free summary the plan job publishes. `replace` counts `["delete","create"]` and `["create","delete"]` pairs. */
    PlanReview: {
      status: 'ok' | 'missing' | 'invalid' | 'stale';
      createdAt?: components['schemas']['Timestamp'];
      counts: {
        create: number;
        update: number;
        delete: number;
        replace: number;
      };
      changes: components['schemas']['PlannedChange'][];
      protected: components['schemas']['PlannedChange'][];
      drift: components['schemas']['PlannedChange'][];
      reason?: string;
      protectedPolicy?: 'confirm' | 'refuse';
    };
    EndpointHealth: {
      name: string;
      url: string;
      /**
       * `expected-down`: down while parked, not an outage.
       */
      status: 'up' | 'down' | 'expected-down' | 'unknown';
      httpStatus?: number;
      latencyMs?: number;
      checkedAt?: components['schemas']['Timestamp'];
      uptime24h?: number;
      samples24h: number;
      error?: string;
    };
    EnvironmentDetails: {
      name: string;
      title: string;
      entityRef?: string;
      state: components['schemas']['EnvironmentState'];
      since?: components['schemas']['Timestamp'];
      actor?: string;
      initiatedBy?: components['schemas']['Initiator'];
      source?: components['schemas']['Deployment'];
      lock?: components['schemas']['EnvironmentLock'];
      progress?: components['schemas']['WorkflowProgress'];
      lastFailure?: components['schemas']['FailedRun'];
      heldApproval?: components['schemas']['HeldApproval'];
      endpoints: components['schemas']['EndpointHealth'][];
      lastSuccessfulDeploy?: components['schemas']['Deployment'];
      inFlight: components['schemas']['Deployment'][];
      syncedAt?: components['schemas']['Timestamp'];
      sync?: components['schemas']['SyncHealth'];
      drift?: components['schemas']['DriftStatus'];
      savings?: components['schemas']['EnvironmentSavings'];
      schedule?: components['schemas']['EnvironmentSchedule'];
    };
    /** The newest drift check (the terraform-drift workflow's read-only plan). */
    DriftStatus: {
      status: 'none' | 'drifted' | 'unknown';
      checkedAt?: components['schemas']['Timestamp'];
      pipeline?: components['schemas']['PipelineRef'];
      resources: components['schemas']['PlannedChange'][];
      reason?: string;
    };
    /** What parking saved, from the park/unpark history and the configured `costs`. */
    EnvironmentSavings: {
      /** ISO 4217 code */
      currency: string;
      last30Days: number;
      hoursParked30Days: number;
      /** From the schedule when it parks and unparks, else the last 30 days. */
      projectedMonthly: number;
    };
    ScheduledRun: {
      kind: 'park' | 'unpark';
      at: components['schemas']['Timestamp'];
      outcome: 'pending' | 'triggered' | 'skipped' | 'failed';
      reason?: string;
      pipelineNumber?: number;
    };
    EnvironmentSchedule: {
      nextPark?: components['schemas']['Timestamp'];
      nextUnpark?: components['schemas']['Timestamp'];
      timezone: string;
      keepAwakeUntil?: components['schemas']['Timestamp'];
      keepAwakeBy?: string;
      actor: string;
      /** Why the actor cannot act on the environment, if it cannot. */
      actorProblem?: string;
      recent: components['schemas']['ScheduledRun'][];
    };
    KeepAwakeBody: {
      /**
       * Format: date-time
       * Skip scheduled parks until then (at most 7 days ahead); null ends it.
       */
      until: string | null;
    };
    KeepAwakeResult: {
      environment: string;
      /** Format: date-time */
      keepAwakeUntil: string | null;
    };
    EnvironmentList: {
      items: components['schemas']['EnvironmentSummary'][];
    };
    DeploymentPage: {
      items: components['schemas']['Deployment'][];
      /** Pass as `cursor` for the next (older) page. */
      nextCursor?: string;
    };
    RegistryImage: {
      tag: string;
      digest: string;
      pushedAt: components['schemas']['Timestamp'];
      commitSha?: string;
    };
    PinnedImage: {
      reference: string;
      registry: string;
      repository: string;
      tag: string;
      commitSha?: string;
      pushedAt?: components['schemas']['Timestamp'];
    };
    ImageStatus: {
      name: string;
      local: string;
      ecrRepository: string;
      bumpable: boolean;
      pinned?: components['schemas']['PinnedImage'];
      newest?: components['schemas']['RegistryImage'];
      upToDate?: boolean;
      commitsBehind?: number;
      compareUrl?: string;
      /** A fixed tag pushed again after the last successful deploy; an apply is needed to run it. */
      rebuiltAfterDeploy?: boolean;
      lastDeployAt?: components['schemas']['Timestamp'];
      openPullRequest?: {
        number: number;
        url: string;
        title?: string;
      };
      error?: string;
    };
    ImageTags: {
      environment: string;
      image: string;
      tags: components['schemas']['RegistryImage'][];
    };
    EnvironmentImages: {
      environment: string;
      source: string;
      images: components['schemas']['ImageStatus'][];
    };
    /** The result of a mutation, or on a dry run what it would do. */
    OperationResult: {
      operation:
        | 'park'
        | 'unpark'
        | 'rebuild'
        | 'drift'
        | 'approve'
        | 'trigger'
        | 'bump';
      environment: string;
      dryRun: boolean;
      message: string;
      pipeline?: {
        id: string;
        number: number;
        url: string;
        parameters: {
          [key: string]: components['schemas']['PipelineParameterValue'];
        };
      };
      workflowId?: string;
      image?: string;
      fromTag?: string;
      toTag?: string;
      digest?: string;
      pushedAt?: string;
      /** Unified diff of the Terraform file. */
      diff?: string;
      pullRequest?: components['schemas']['BumpPullRequest'];
      /** True when nothing needed doing (the tag was already pinned). */
      noop?: boolean;
      /** Dry runs, whether the real call would succeed now (the same guards apply). */
      wouldSucceed?: boolean;
      /** Dry runs, why the real call would be refused. */
      reason?: string;
      plan?: components['schemas']['PlanReview'];
      /** Something to know though nothing was refused (approve, an unread plan). */
      warning?: string;
    };
    /** The pull request that an image bump opened or would open. */
    BumpPullRequest: {
      number?: number;
      url?: string;
      branch: string;
      title: string;
      body: string;
      /** True when an existing open pull request was updated. */
      updated: boolean;
    };
    /** A pipeline parameter value, as CircleCI accepts them. */
    PipelineParameterValue: string | number | boolean;
    BumpBody: {
      /** The tag to pin; the newest matching tag in ECR when absent. */
      tag?: string;
      /** Only compute the diff and the pull request; change nothing. */
      dryRun?: boolean;
    };
    PipelineTriggerBody: {
      environment: string;
      /** The branch to run on; the environment's configured branch when absent. */
      branch?: string;
      parameters: {
        [key: string]: components['schemas']['PipelineParameterValue'];
      };
      dryRun?: boolean;
    };
    ApproveBody: {
      /** Say whether the approval would succeed; change nothing. */
      dryRun?: boolean;
      /** The environment's name, typed to approve a plan that deletes or replaces a protected resource. */
      confirm?: string;
    };
    DryRunBody: {
      /** Return what would be triggered; change nothing. */
      dryRun?: boolean;
    };
  };
  responses: {
    /** Unchanged since the `ETag` in `If-None-Match` (checked after the caller's authentication and permission, like any read). */
    NotModified: {
      headers: {
        [name: string]: unknown;
      };
      content?: never;
    };
    /** What was done (201 when a pipeline or pull request was created). */
    OperationResult: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['OperationResult'];
      };
    };
    /** An error, in the Backstage error format. */
    Error: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['Error'];
      };
    };
  };
  parameters: {
    /** Environment name, or the ref of an entity annotated with it. */
    name: string;
    /** The same key from the same caller returns the first result instead of acting twice (1-255 of letters, digits, ':', '_', '.', '-'). */
    idempotencyKey: string;
    /** The `ETag` of an earlier answer; when the answer is still the same, it is a bodiless 304. Reads answer with `Cache-Control: private, no-cache`, so browsers send it by themselves. */
    ifNoneMatch: string;
  };
  requestBodies: never;
  headers: never;
  pathItems: never;
}
/** @public */
export type $defs = Record<string, never>;
/** @public */
export interface operations {
  ListEnvironments: {
    parameters: {
      query?: never;
      header?: {
        /** The `ETag` of an earlier answer; when the answer is still the same, it is a bodiless 304. Reads answer with `Cache-Control: private, no-cache`, so browsers send it by themselves. */
        'If-None-Match'?: components['parameters']['ifNoneMatch'];
      };
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** Summaries. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['EnvironmentList'];
        };
      };
      304: components['responses']['NotModified'];
      401: components['responses']['Error'];
    };
  };
  GetEnvironment: {
    parameters: {
      query?: never;
      header?: {
        /** The `ETag` of an earlier answer; when the answer is still the same, it is a bodiless 304. Reads answer with `Cache-Control: private, no-cache`, so browsers send it by themselves. */
        'If-None-Match'?: components['parameters']['ifNoneMatch'];
      };
      path: {
        /** Environment name, or the ref of an entity annotated with it. */
        name: components['parameters']['name'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** The status. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['EnvironmentDetails'];
        };
      };
      304: components['responses']['NotModified'];
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      403: components['responses']['Error'];
      404: components['responses']['Error'];
    };
  };
  ListDeployments: {
    parameters: {
      query?: {
        kind?: components['schemas']['OperationKind'];
        /** Rows per page. */
        limit?: number;
        /** The `nextCursor` of the previous page. */
        cursor?: string;
      };
      header?: {
        /** The `ETag` of an earlier answer; when the answer is still the same, it is a bodiless 304. Reads answer with `Cache-Control: private, no-cache`, so browsers send it by themselves. */
        'If-None-Match'?: components['parameters']['ifNoneMatch'];
      };
      path: {
        /** Environment name, or the ref of an entity annotated with it. */
        name: components['parameters']['name'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** One page. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DeploymentPage'];
        };
      };
      304: components['responses']['NotModified'];
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      403: components['responses']['Error'];
      404: components['responses']['Error'];
    };
  };
  GetImages: {
    parameters: {
      query?: never;
      header?: {
        /** The `ETag` of an earlier answer; when the answer is still the same, it is a bodiless 304. Reads answer with `Cache-Control: private, no-cache`, so browsers send it by themselves. */
        'If-None-Match'?: components['parameters']['ifNoneMatch'];
      };
      path: {
        /** Environment name, or the ref of an entity annotated with it. */
        name: components['parameters']['name'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** The images. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['EnvironmentImages'];
        };
      };
      304: components['responses']['NotModified'];
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      403: components['responses']['Error'];
      404: components['responses']['Error'];
    };
  };
  ListImageTags: {
    parameters: {
      query?: {
        limit?: number;
      };
      header?: never;
      path: {
        /** Environment name, or the ref of an entity annotated with it. */
        name: components['parameters']['name'];
        image: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** The tags. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ImageTags'];
        };
      };
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      403: components['responses']['Error'];
      404: components['responses']['Error'];
    };
  };
  ParkEnvironment: {
    parameters: {
      query?: never;
      header?: {
        /** The same key from the same caller returns the first result instead of acting twice (1-255 of letters, digits, ':', '_', '.', '-'). */
        'Idempotency-Key'?: components['parameters']['idempotencyKey'];
      };
      path: {
        /** Environment name, or the ref of an entity annotated with it. */
        name: components['parameters']['name'];
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': components['schemas']['DryRunBody'];
      };
    };
    responses: {
      200: components['responses']['OperationResult'];
      201: components['responses']['OperationResult'];
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      403: components['responses']['Error'];
      404: components['responses']['Error'];
      409: components['responses']['Error'];
      413: components['responses']['Error'];
      415: components['responses']['Error'];
      503: components['responses']['Error'];
    };
  };
  KeepEnvironmentAwake: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** Environment name, or the ref of an entity annotated with it. */
        name: components['parameters']['name'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['KeepAwakeBody'];
      };
    };
    responses: {
      /** The keep-awake now in force. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['KeepAwakeResult'];
        };
      };
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      403: components['responses']['Error'];
      404: components['responses']['Error'];
      413: components['responses']['Error'];
    };
  };
  UnparkEnvironment: {
    parameters: {
      query?: never;
      header?: {
        /** The same key from the same caller returns the first result instead of acting twice (1-255 of letters, digits, ':', '_', '.', '-'). */
        'Idempotency-Key'?: components['parameters']['idempotencyKey'];
      };
      path: {
        /** Environment name, or the ref of an entity annotated with it. */
        name: components['parameters']['name'];
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': components['schemas']['DryRunBody'];
      };
    };
    responses: {
      200: components['responses']['OperationResult'];
      201: components['responses']['OperationResult'];
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      403: components['responses']['Error'];
      404: components['responses']['Error'];
      409: components['responses']['Error'];
      413: components['responses']['Error'];
      415: components['responses']['Error'];
      503: components['responses']['Error'];
    };
  };
  RebuildImage: {
    parameters: {
      query?: never;
      header?: {
        /** The same key from the same caller returns the first result instead of acting twice (1-255 of letters, digits, ':', '_', '.', '-'). */
        'Idempotency-Key'?: components['parameters']['idempotencyKey'];
      };
      path: {
        /** Environment name, or the ref of an entity annotated with it. */
        name: components['parameters']['name'];
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': components['schemas']['DryRunBody'];
      };
    };
    responses: {
      200: components['responses']['OperationResult'];
      201: components['responses']['OperationResult'];
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      403: components['responses']['Error'];
      404: components['responses']['Error'];
      409: components['responses']['Error'];
      413: components['responses']['Error'];
      415: components['responses']['Error'];
      503: components['responses']['Error'];
    };
  };
  CheckDrift: {
    parameters: {
      query?: never;
      header?: {
        /** The same key from the same caller returns the first result instead of acting twice (1-255 of letters, digits, ':', '_', '.', '-'). */
        'Idempotency-Key'?: components['parameters']['idempotencyKey'];
      };
      path: {
        /** Environment name, or the ref of an entity annotated with it. */
        name: components['parameters']['name'];
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': components['schemas']['DryRunBody'];
      };
    };
    responses: {
      200: components['responses']['OperationResult'];
      201: components['responses']['OperationResult'];
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      403: components['responses']['Error'];
      404: components['responses']['Error'];
      409: components['responses']['Error'];
      413: components['responses']['Error'];
      415: components['responses']['Error'];
      503: components['responses']['Error'];
    };
  };
  ApproveWorkflow: {
    parameters: {
      query?: never;
      header?: {
        /** The same key from the same caller returns the first result instead of acting twice (1-255 of letters, digits, ':', '_', '.', '-'). */
        'Idempotency-Key'?: components['parameters']['idempotencyKey'];
      };
      path: {
        /** Environment name, or the ref of an entity annotated with it. */
        name: components['parameters']['name'];
        workflowId: string;
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': components['schemas']['ApproveBody'];
      };
    };
    responses: {
      200: components['responses']['OperationResult'];
      201: components['responses']['OperationResult'];
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      403: components['responses']['Error'];
      404: components['responses']['Error'];
      409: components['responses']['Error'];
      413: components['responses']['Error'];
      415: components['responses']['Error'];
      503: components['responses']['Error'];
    };
  };
  BumpImage: {
    parameters: {
      query?: never;
      header?: {
        /** The same key from the same caller returns the first result instead of acting twice (1-255 of letters, digits, ':', '_', '.', '-'). */
        'Idempotency-Key'?: components['parameters']['idempotencyKey'];
      };
      path: {
        /** Environment name, or the ref of an entity annotated with it. */
        name: components['parameters']['name'];
        image: string;
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': components['schemas']['BumpBody'];
      };
    };
    responses: {
      200: components['responses']['OperationResult'];
      201: components['responses']['OperationResult'];
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      403: components['responses']['Error'];
      404: components['responses']['Error'];
      409: components['responses']['Error'];
      413: components['responses']['Error'];
      415: components['responses']['Error'];
      503: components['responses']['Error'];
    };
  };
  TriggerPipeline: {
    parameters: {
      query?: never;
      header?: {
        /** The same key from the same caller returns the first result instead of acting twice (1-255 of letters, digits, ':', '_', '.', '-'). */
        'Idempotency-Key'?: components['parameters']['idempotencyKey'];
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['PipelineTriggerBody'];
      };
    };
    responses: {
      200: components['responses']['OperationResult'];
      201: components['responses']['OperationResult'];
      400: components['responses']['Error'];
      401: components['responses']['Error'];
      403: components['responses']['Error'];
      404: components['responses']['Error'];
      409: components['responses']['Error'];
      413: components['responses']['Error'];
      415: components['responses']['Error'];
      503: components['responses']['Error'];
    };
  };
}
