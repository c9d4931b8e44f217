// Generated from plugins/environments-backend/src/schema/openapi.yaml by
// plugins/environments-backend/scripts/generate-schema.js. Do not edit: edit
// the document and run `yarn workspace @rocket-club/plugin-environments-backend schema:generate`.

import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';

/** The OpenAPI document of the environments API. */
export const spec = {
  openapi: '3.1.0',
  info: {
    title: 'environments',
    version: '1',
    description:
      "Live status, images and deploy history of the rocket-club environments, kept from CircleCI, GitHub, ECR and endpoint probes. Every environment is named either by its config name (`prod`) or by the ref of a catalog entity that carries the `rocket-club.dev/environment` annotation (`resource:default/prod`, URL-encoded as one path segment). Reads need the `environments.environment.read` permission on the environment's entity.",
    license: {
      name: 'UNLICENSED',
    },
    contact: {},
  },
  servers: [
    {
      url: '/',
    },
  ],
  security: [
    {},
    {
      JWT: [],
    },
  ],
  components: {
    securitySchemes: {
      JWT: {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
      },
    },
    parameters: {
      name: {
        name: 'name',
        in: 'path',
        required: true,
        description:
          'Environment name, or the ref of an entity annotated with it.',
        schema: {
          type: 'string',
          minLength: 1,
          maxLength: 255,
        },
      },
      idempotencyKey: {
        name: 'Idempotency-Key',
        in: 'header',
        required: false,
        description:
          "The same key from the same caller returns the first result instead of acting twice (1-255 of letters, digits, ':', '_', '.', '-').",
        schema: {
          type: 'string',
          pattern: '^[A-Za-z0-9:_.\\-]{1,255}$',
        },
      },
      ifNoneMatch: {
        name: 'If-None-Match',
        in: 'header',
        required: false,
        description:
          'The `ETag` of an earlier answer; when the answer is still the same, it is a bodiless 304. Reads answer with `Cache-Control: private, no-cache`, so browsers send it by themselves.',
        schema: {
          type: 'string',
          maxLength: 1024,
        },
      },
    },
    responses: {
      NotModified: {
        description:
          "Unchanged since the `ETag` in `If-None-Match` (checked after the caller's authentication and permission, like any read).",
      },
      OperationResult: {
        description:
          'What was done (201 when a pipeline or pull request was created).',
        content: {
          'application/json': {
            schema: {
              $ref: '#/components/schemas/OperationResult',
            },
          },
        },
      },
      Error: {
        description: 'An error, in the Backstage error format.',
        content: {
          'application/json': {
            schema: {
              $ref: '#/components/schemas/Error',
            },
          },
        },
      },
    },
    schemas: {
      Error: {
        type: 'object',
        required: ['error'],
        properties: {
          error: {
            type: 'object',
            required: ['name', 'message'],
            properties: {
              name: {
                type: 'string',
              },
              message: {
                type: 'string',
              },
            },
            additionalProperties: true,
          },
          request: {
            type: 'object',
            additionalProperties: true,
          },
          response: {
            type: 'object',
            additionalProperties: true,
          },
        },
        additionalProperties: true,
      },
      Timestamp: {
        type: 'string',
        format: 'date-time',
      },
      EnvironmentState: {
        type: 'string',
        enum: [
          'active',
          'parked',
          'parking',
          'unparking',
          'deploying',
          'awaiting-approval',
          'failed',
          'unknown',
        ],
      },
      OperationKind: {
        type: 'string',
        enum: ['deploy', 'park', 'unpark', 'rebuild', 'drift', 'other'],
      },
      WorkflowStatus: {
        type: 'string',
        enum: [
          'success',
          'running',
          'not_run',
          'failed',
          'error',
          'failing',
          'on_hold',
          'canceled',
          'unauthorized',
        ],
      },
      PipelineRef: {
        type: 'object',
        required: ['id', 'number', 'url'],
        properties: {
          id: {
            type: 'string',
          },
          number: {
            type: 'integer',
          },
          url: {
            type: 'string',
            description: 'The pipeline in the CircleCI app.',
          },
        },
        additionalProperties: false,
      },
      CommitRef: {
        type: 'object',
        required: ['sha'],
        properties: {
          sha: {
            type: 'string',
          },
          subject: {
            type: 'string',
          },
          branch: {
            type: 'string',
          },
          url: {
            type: 'string',
          },
        },
        additionalProperties: false,
      },
      Initiator: {
        type: 'object',
        description: 'Who asked for a pipeline, an approval or a pull request.',
        required: ['displayName', 'via'],
        properties: {
          userEntityRef: {
            type: 'string',
          },
          displayName: {
            type: 'string',
          },
          via: {
            type: 'string',
            enum: ['portal', 'circleci'],
          },
        },
        additionalProperties: false,
      },
      WorkflowProgress: {
        type: 'object',
        description: 'How far a running workflow has got ("job 2 of 5").',
        required: ['workflowId', 'workflowName', 'completed', 'total'],
        properties: {
          workflowId: {
            type: 'string',
          },
          workflowName: {
            type: 'string',
          },
          completed: {
            type: 'integer',
            minimum: 0,
          },
          total: {
            type: 'integer',
            minimum: 0,
          },
          currentJob: {
            type: 'string',
          },
        },
        additionalProperties: false,
      },
      FailedRun: {
        type: 'object',
        description:
          'A failed park, unpark or deploy, with its failed job and where to rerun it.',
        required: [
          'kind',
          'workflowId',
          'workflowName',
          'url',
          'pipeline',
          'rerunUrl',
        ],
        properties: {
          kind: {
            $ref: '#/components/schemas/OperationKind',
          },
          workflowId: {
            type: 'string',
          },
          workflowName: {
            type: 'string',
          },
          url: {
            type: 'string',
          },
          pipeline: {
            $ref: '#/components/schemas/PipelineRef',
          },
          stoppedAt: {
            $ref: '#/components/schemas/Timestamp',
          },
          job: {
            type: 'object',
            required: ['name'],
            properties: {
              name: {
                type: 'string',
              },
              url: {
                type: 'string',
              },
            },
            additionalProperties: false,
          },
          rerunUrl: {
            type: 'string',
          },
        },
        additionalProperties: false,
      },
      SyncHealth: {
        type: 'object',
        required: ['failing', 'stale'],
        properties: {
          failing: {
            type: 'boolean',
          },
          stale: {
            type: 'boolean',
          },
          lastError: {
            type: 'string',
          },
          lastErrorAt: {
            $ref: '#/components/schemas/Timestamp',
          },
          expectedEveryMs: {
            type: 'integer',
            minimum: 0,
          },
        },
        additionalProperties: false,
      },
      Deployment: {
        type: 'object',
        description: 'One workflow run against an environment.',
        required: [
          'id',
          'kind',
          'workflowName',
          'status',
          'pipeline',
          'url',
          'createdAt',
        ],
        properties: {
          id: {
            type: 'string',
            description: 'The CircleCI workflow id.',
          },
          kind: {
            $ref: '#/components/schemas/OperationKind',
          },
          workflowName: {
            type: 'string',
          },
          status: {
            $ref: '#/components/schemas/WorkflowStatus',
          },
          pipeline: {
            $ref: '#/components/schemas/PipelineRef',
          },
          url: {
            type: 'string',
            description: 'The workflow in the CircleCI app.',
          },
          actor: {
            type: 'string',
          },
          triggerType: {
            type: 'string',
          },
          commit: {
            $ref: '#/components/schemas/CommitRef',
          },
          pullRequest: {
            type: 'object',
            required: ['number', 'url'],
            properties: {
              number: {
                type: 'integer',
              },
              url: {
                type: 'string',
              },
            },
            additionalProperties: false,
          },
          createdAt: {
            $ref: '#/components/schemas/Timestamp',
          },
          stoppedAt: {
            $ref: '#/components/schemas/Timestamp',
          },
          durationMs: {
            type: 'integer',
            minimum: 0,
          },
          approvalWaitMs: {
            type: 'integer',
            minimum: 0,
          },
          initiatedBy: {
            $ref: '#/components/schemas/Initiator',
          },
          approvedBy: {
            $ref: '#/components/schemas/Initiator',
          },
          parkedForMs: {
            type: 'integer',
            minimum: 0,
            description:
              'For a successful park, how long the environment stayed parked (to now while still parked).',
          },
        },
        additionalProperties: false,
      },
      EnvironmentLock: {
        type: 'object',
        required: ['kind', 'since'],
        properties: {
          kind: {
            $ref: '#/components/schemas/OperationKind',
          },
          pipeline: {
            $ref: '#/components/schemas/PipelineRef',
          },
          workflowId: {
            type: 'string',
          },
          since: {
            $ref: '#/components/schemas/Timestamp',
          },
          outcome: {
            type: 'string',
            enum: ['unknown'],
            description:
              "The trigger's answer was lost; the portal is looking for its pipeline.",
          },
          initiatedBy: {
            $ref: '#/components/schemas/Initiator',
          },
        },
        additionalProperties: false,
      },
      EnvironmentSummary: {
        type: 'object',
        required: ['name', 'title', 'state'],
        properties: {
          name: {
            type: 'string',
          },
          title: {
            type: 'string',
          },
          entityRef: {
            type: 'string',
          },
          state: {
            $ref: '#/components/schemas/EnvironmentState',
          },
          since: {
            $ref: '#/components/schemas/Timestamp',
          },
          actor: {
            type: 'string',
          },
          initiatedBy: {
            $ref: '#/components/schemas/Initiator',
          },
          source: {
            $ref: '#/components/schemas/Deployment',
          },
          lock: {
            $ref: '#/components/schemas/EnvironmentLock',
          },
          progress: {
            $ref: '#/components/schemas/WorkflowProgress',
          },
          lastFailure: {
            $ref: '#/components/schemas/FailedRun',
          },
          savings: {
            $ref: '#/components/schemas/EnvironmentSavings',
          },
        },
        additionalProperties: false,
      },
      HeldApproval: {
        type: 'object',
        required: [
          'workflowId',
          'workflowName',
          'approvalRequestId',
          'jobName',
          'waitingSince',
          'pipeline',
        ],
        properties: {
          workflowId: {
            type: 'string',
          },
          workflowName: {
            type: 'string',
          },
          approvalRequestId: {
            type: 'string',
          },
          jobName: {
            type: 'string',
          },
          waitingSince: {
            $ref: '#/components/schemas/Timestamp',
          },
          pipeline: {
            $ref: '#/components/schemas/PipelineRef',
          },
          actor: {
            type: 'string',
          },
          commit: {
            $ref: '#/components/schemas/CommitRef',
          },
          plan: {
            $ref: '#/components/schemas/PlanReview',
          },
          initiatedBy: {
            $ref: '#/components/schemas/Initiator',
          },
        },
        additionalProperties: false,
      },
      PlanAction: {
        type: 'string',
        description: "One of Terraform's change actions (JSON output format).",
        enum: ['no-op', 'create', 'read', 'update', 'delete', 'forget'],
      },
      PlannedChange: {
        type: 'object',
        description:
          'One resource a Terraform plan changes, as Terraform names it.',
        required: ['address', 'type', 'actions'],
        properties: {
          address: {
            type: 'string',
            description: 'e.g. `module.aurora.aws_rds_cluster.this`.',
          },
          type: {
            type: 'string',
            description: 'e.g. `aws_rds_cluster`.',
          },
          actions: {
            type: 'array',
            description:
              'Terraform\'s actions; `["delete","create"]` or `["create","delete"]` is a replace.',
            items: {
              $ref: '#/components/schemas/PlanAction',
            },
          },
        },
        additionalProperties: false,
      },
      PlanReview: {
        type: 'object',
        description:
          'The plan a held apply would apply, from the value-free summary the plan job publishes. `replace` counts `["delete","create"]` and `["create","delete"]` pairs.',
        required: ['status', 'counts', 'changes', 'protected', 'drift'],
        properties: {
          status: {
            type: 'string',
            enum: ['ok', 'missing', 'invalid', 'stale'],
          },
          createdAt: {
            $ref: '#/components/schemas/Timestamp',
          },
          counts: {
            type: 'object',
            required: ['create', 'update', 'delete', 'replace'],
            properties: {
              create: {
                type: 'integer',
                minimum: 0,
              },
              update: {
                type: 'integer',
                minimum: 0,
              },
              delete: {
                type: 'integer',
                minimum: 0,
              },
              replace: {
                type: 'integer',
                minimum: 0,
              },
            },
            additionalProperties: false,
          },
          changes: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/PlannedChange',
            },
          },
          protected: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/PlannedChange',
            },
          },
          drift: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/PlannedChange',
            },
          },
          reason: {
            type: 'string',
          },
          protectedPolicy: {
            type: 'string',
            enum: ['confirm', 'refuse'],
          },
        },
        additionalProperties: false,
      },
      EndpointHealth: {
        type: 'object',
        required: ['name', 'url', 'status', 'samples24h'],
        properties: {
          name: {
            type: 'string',
          },
          url: {
            type: 'string',
          },
          status: {
            type: 'string',
            enum: ['up', 'down', 'expected-down', 'unknown'],
            description: '`expected-down`: down while parked, not an outage.',
          },
          httpStatus: {
            type: 'integer',
          },
          latencyMs: {
            type: 'integer',
            minimum: 0,
          },
          checkedAt: {
            $ref: '#/components/schemas/Timestamp',
          },
          uptime24h: {
            type: 'number',
            minimum: 0,
            maximum: 1,
          },
          samples24h: {
            type: 'integer',
            minimum: 0,
          },
          error: {
            type: 'string',
          },
        },
        additionalProperties: false,
      },
      EnvironmentDetails: {
        type: 'object',
        required: ['name', 'title', 'state', 'endpoints', 'inFlight'],
        properties: {
          name: {
            type: 'string',
          },
          title: {
            type: 'string',
          },
          entityRef: {
            type: 'string',
          },
          state: {
            $ref: '#/components/schemas/EnvironmentState',
          },
          since: {
            $ref: '#/components/schemas/Timestamp',
          },
          actor: {
            type: 'string',
          },
          initiatedBy: {
            $ref: '#/components/schemas/Initiator',
          },
          source: {
            $ref: '#/components/schemas/Deployment',
          },
          lock: {
            $ref: '#/components/schemas/EnvironmentLock',
          },
          progress: {
            $ref: '#/components/schemas/WorkflowProgress',
          },
          lastFailure: {
            $ref: '#/components/schemas/FailedRun',
          },
          heldApproval: {
            $ref: '#/components/schemas/HeldApproval',
          },
          endpoints: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/EndpointHealth',
            },
          },
          lastSuccessfulDeploy: {
            $ref: '#/components/schemas/Deployment',
          },
          inFlight: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/Deployment',
            },
          },
          syncedAt: {
            $ref: '#/components/schemas/Timestamp',
          },
          sync: {
            $ref: '#/components/schemas/SyncHealth',
          },
          drift: {
            $ref: '#/components/schemas/DriftStatus',
          },
          savings: {
            $ref: '#/components/schemas/EnvironmentSavings',
          },
          schedule: {
            $ref: '#/components/schemas/EnvironmentSchedule',
          },
        },
        additionalProperties: false,
      },
      DriftStatus: {
        type: 'object',
        description:
          "The newest drift check (the terraform-drift workflow's read-only plan).",
        required: ['status', 'resources'],
        properties: {
          status: {
            type: 'string',
            enum: ['none', 'drifted', 'unknown'],
          },
          checkedAt: {
            $ref: '#/components/schemas/Timestamp',
          },
          pipeline: {
            $ref: '#/components/schemas/PipelineRef',
          },
          resources: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/PlannedChange',
            },
          },
          reason: {
            type: 'string',
          },
        },
        additionalProperties: false,
      },
      EnvironmentSavings: {
        type: 'object',
        description:
          'What parking saved, from the park/unpark history and the configured `costs`.',
        required: [
          'currency',
          'last30Days',
          'hoursParked30Days',
          'projectedMonthly',
        ],
        properties: {
          currency: {
            type: 'string',
            description: 'ISO 4217 code',
          },
          last30Days: {
            type: 'number',
          },
          hoursParked30Days: {
            type: 'number',
          },
          projectedMonthly: {
            type: 'number',
            description:
              'From the schedule when it parks and unparks, else the last 30 days.',
          },
        },
        additionalProperties: false,
      },
      ScheduledRun: {
        type: 'object',
        required: ['kind', 'at', 'outcome'],
        properties: {
          kind: {
            type: 'string',
            enum: ['park', 'unpark'],
          },
          at: {
            $ref: '#/components/schemas/Timestamp',
          },
          outcome: {
            type: 'string',
            enum: ['pending', 'triggered', 'skipped', 'failed'],
          },
          reason: {
            type: 'string',
          },
          pipelineNumber: {
            type: 'integer',
          },
        },
        additionalProperties: false,
      },
      EnvironmentSchedule: {
        type: 'object',
        required: ['timezone', 'actor', 'recent'],
        properties: {
          nextPark: {
            $ref: '#/components/schemas/Timestamp',
          },
          nextUnpark: {
            $ref: '#/components/schemas/Timestamp',
          },
          timezone: {
            type: 'string',
          },
          keepAwakeUntil: {
            $ref: '#/components/schemas/Timestamp',
          },
          keepAwakeBy: {
            type: 'string',
          },
          actor: {
            type: 'string',
          },
          actorProblem: {
            type: 'string',
            description:
              'Why the actor cannot act on the environment, if it cannot.',
          },
          recent: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/ScheduledRun',
            },
          },
        },
        additionalProperties: false,
      },
      KeepAwakeBody: {
        type: 'object',
        required: ['until'],
        properties: {
          until: {
            type: ['string', 'null'],
            format: 'date-time',
            description:
              'Skip scheduled parks until then (at most 7 days ahead); null ends it.',
          },
        },
        additionalProperties: false,
      },
      KeepAwakeResult: {
        type: 'object',
        required: ['environment', 'keepAwakeUntil'],
        properties: {
          environment: {
            type: 'string',
          },
          keepAwakeUntil: {
            type: ['string', 'null'],
            format: 'date-time',
          },
        },
        additionalProperties: false,
      },
      EnvironmentList: {
        type: 'object',
        required: ['items'],
        properties: {
          items: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/EnvironmentSummary',
            },
          },
        },
        additionalProperties: false,
      },
      DeploymentPage: {
        type: 'object',
        required: ['items'],
        properties: {
          items: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/Deployment',
            },
          },
          nextCursor: {
            type: 'string',
            description: 'Pass as `cursor` for the next (older) page.',
          },
        },
        additionalProperties: false,
      },
      RegistryImage: {
        type: 'object',
        required: ['tag', 'digest', 'pushedAt'],
        properties: {
          tag: {
            type: 'string',
          },
          digest: {
            type: 'string',
          },
          pushedAt: {
            $ref: '#/components/schemas/Timestamp',
          },
          commitSha: {
            type: 'string',
          },
        },
        additionalProperties: false,
      },
      PinnedImage: {
        type: 'object',
        required: ['reference', 'registry', 'repository', 'tag'],
        properties: {
          reference: {
            type: 'string',
          },
          registry: {
            type: 'string',
          },
          repository: {
            type: 'string',
          },
          tag: {
            type: 'string',
          },
          commitSha: {
            type: 'string',
          },
          pushedAt: {
            $ref: '#/components/schemas/Timestamp',
          },
        },
        additionalProperties: false,
      },
      ImageStatus: {
        type: 'object',
        required: ['name', 'local', 'ecrRepository', 'bumpable'],
        properties: {
          name: {
            type: 'string',
          },
          local: {
            type: 'string',
          },
          ecrRepository: {
            type: 'string',
          },
          bumpable: {
            type: 'boolean',
          },
          pinned: {
            $ref: '#/components/schemas/PinnedImage',
          },
          newest: {
            $ref: '#/components/schemas/RegistryImage',
          },
          upToDate: {
            type: 'boolean',
          },
          commitsBehind: {
            type: 'integer',
            minimum: 0,
          },
          compareUrl: {
            type: 'string',
          },
          rebuiltAfterDeploy: {
            type: 'boolean',
            description:
              'A fixed tag pushed again after the last successful deploy; an apply is needed to run it.',
          },
          lastDeployAt: {
            $ref: '#/components/schemas/Timestamp',
          },
          openPullRequest: {
            type: 'object',
            required: ['number', 'url'],
            properties: {
              number: {
                type: 'integer',
              },
              url: {
                type: 'string',
              },
              title: {
                type: 'string',
              },
            },
            additionalProperties: false,
          },
          error: {
            type: 'string',
          },
        },
        additionalProperties: false,
      },
      ImageTags: {
        type: 'object',
        required: ['environment', 'image', 'tags'],
        properties: {
          environment: {
            type: 'string',
          },
          image: {
            type: 'string',
          },
          tags: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/RegistryImage',
            },
          },
        },
        additionalProperties: false,
      },
      EnvironmentImages: {
        type: 'object',
        required: ['environment', 'source', 'images'],
        properties: {
          environment: {
            type: 'string',
          },
          source: {
            type: 'string',
          },
          images: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/ImageStatus',
            },
          },
        },
        additionalProperties: false,
      },
      OperationResult: {
        type: 'object',
        description:
          'The result of a mutation, or on a dry run what it would do.',
        required: ['operation', 'environment', 'dryRun', 'message'],
        properties: {
          operation: {
            type: 'string',
            enum: [
              'park',
              'unpark',
              'rebuild',
              'drift',
              'approve',
              'trigger',
              'bump',
            ],
          },
          environment: {
            type: 'string',
          },
          dryRun: {
            type: 'boolean',
          },
          message: {
            type: 'string',
          },
          pipeline: {
            type: 'object',
            required: ['id', 'number', 'url', 'parameters'],
            properties: {
              id: {
                type: 'string',
              },
              number: {
                type: 'integer',
              },
              url: {
                type: 'string',
              },
              parameters: {
                type: 'object',
                additionalProperties: {
                  $ref: '#/components/schemas/PipelineParameterValue',
                },
              },
            },
          },
          workflowId: {
            type: 'string',
          },
          image: {
            type: 'string',
          },
          fromTag: {
            type: 'string',
          },
          toTag: {
            type: 'string',
          },
          digest: {
            type: 'string',
          },
          pushedAt: {
            type: 'string',
          },
          diff: {
            type: 'string',
            description: 'Unified diff of the Terraform file.',
          },
          pullRequest: {
            $ref: '#/components/schemas/BumpPullRequest',
          },
          noop: {
            type: 'boolean',
            description:
              'True when nothing needed doing (the tag was already pinned).',
          },
          wouldSucceed: {
            type: 'boolean',
            description:
              'Dry runs, whether the real call would succeed now (the same guards apply).',
          },
          reason: {
            type: 'string',
            description: 'Dry runs, why the real call would be refused.',
          },
          plan: {
            $ref: '#/components/schemas/PlanReview',
          },
          warning: {
            type: 'string',
            description:
              'Something to know though nothing was refused (approve, an unread plan).',
          },
        },
      },
      BumpPullRequest: {
        type: 'object',
        description:
          'The pull request that an image bump opened or would open.',
        required: ['branch', 'title', 'body', 'updated'],
        properties: {
          number: {
            type: 'integer',
          },
          url: {
            type: 'string',
          },
          branch: {
            type: 'string',
          },
          title: {
            type: 'string',
          },
          body: {
            type: 'string',
          },
          updated: {
            type: 'boolean',
            description: 'True when an existing open pull request was updated.',
          },
        },
      },
      PipelineParameterValue: {
        description: 'A pipeline parameter value, as CircleCI accepts them.',
        oneOf: [
          {
            type: 'string',
            maxLength: 1024,
          },
          {
            type: 'number',
          },
          {
            type: 'boolean',
          },
        ],
      },
      BumpBody: {
        type: 'object',
        properties: {
          tag: {
            type: 'string',
            maxLength: 128,
            description:
              'The tag to pin; the newest matching tag in ECR when absent.',
          },
          dryRun: {
            type: 'boolean',
            description:
              'Only compute the diff and the pull request; change nothing.',
          },
        },
        additionalProperties: false,
      },
      PipelineTriggerBody: {
        type: 'object',
        required: ['environment', 'parameters'],
        properties: {
          environment: {
            type: 'string',
            minLength: 1,
            maxLength: 255,
          },
          branch: {
            type: 'string',
            minLength: 1,
            maxLength: 255,
            description:
              "The branch to run on; the environment's configured branch when absent.",
          },
          parameters: {
            type: 'object',
            propertyNames: {
              minLength: 1,
              maxLength: 128,
            },
            additionalProperties: {
              $ref: '#/components/schemas/PipelineParameterValue',
            },
          },
          dryRun: {
            type: 'boolean',
          },
        },
        additionalProperties: false,
      },
      ApproveBody: {
        type: 'object',
        properties: {
          dryRun: {
            type: 'boolean',
            description:
              'Say whether the approval would succeed; change nothing.',
          },
          confirm: {
            type: 'string',
            maxLength: 255,
            description:
              "The environment's name, typed to approve a plan that deletes or replaces a protected resource.",
          },
        },
        additionalProperties: false,
      },
      DryRunBody: {
        type: 'object',
        properties: {
          dryRun: {
            type: 'boolean',
            description: 'Return what would be triggered; change nothing.',
          },
        },
        additionalProperties: false,
      },
    },
  },
  paths: {
    '/environments': {
      get: {
        operationId: 'ListEnvironments',
        description: 'The environments the caller may read, with their state.',
        parameters: [
          {
            $ref: '#/components/parameters/ifNoneMatch',
          },
        ],
        responses: {
          '200': {
            description: 'Summaries.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/EnvironmentList',
                },
              },
            },
          },
          '304': {
            $ref: '#/components/responses/NotModified',
          },
          '401': {
            $ref: '#/components/responses/Error',
          },
        },
      },
    },
    '/environments/{name}': {
      get: {
        operationId: 'GetEnvironment',
        description:
          'The full status: state, lock, held approval, endpoint health, last successful deploy and workflows in flight.',
        parameters: [
          {
            $ref: '#/components/parameters/name',
          },
          {
            $ref: '#/components/parameters/ifNoneMatch',
          },
        ],
        responses: {
          '200': {
            description: 'The status.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/EnvironmentDetails',
                },
              },
            },
          },
          '304': {
            $ref: '#/components/responses/NotModified',
          },
          '400': {
            $ref: '#/components/responses/Error',
          },
          '401': {
            $ref: '#/components/responses/Error',
          },
          '403': {
            $ref: '#/components/responses/Error',
          },
          '404': {
            $ref: '#/components/responses/Error',
          },
        },
      },
    },
    '/environments/{name}/deployments': {
      get: {
        operationId: 'ListDeployments',
        description:
          'The deploy history, newest first, paged with a keyset cursor.',
        parameters: [
          {
            $ref: '#/components/parameters/name',
          },
          {
            $ref: '#/components/parameters/ifNoneMatch',
          },
          {
            name: 'kind',
            in: 'query',
            required: false,
            schema: {
              $ref: '#/components/schemas/OperationKind',
            },
          },
          {
            name: 'limit',
            in: 'query',
            required: false,
            description: 'Rows per page.',
            schema: {
              type: 'integer',
              minimum: 1,
              maximum: 100,
              default: 20,
            },
          },
          {
            name: 'cursor',
            in: 'query',
            required: false,
            description: 'The `nextCursor` of the previous page.',
            schema: {
              type: 'string',
              minLength: 1,
              maxLength: 512,
            },
          },
        ],
        responses: {
          '200': {
            description: 'One page.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/DeploymentPage',
                },
              },
            },
          },
          '304': {
            $ref: '#/components/responses/NotModified',
          },
          '400': {
            $ref: '#/components/responses/Error',
          },
          '401': {
            $ref: '#/components/responses/Error',
          },
          '403': {
            $ref: '#/components/responses/Error',
          },
          '404': {
            $ref: '#/components/responses/Error',
          },
        },
      },
    },
    '/environments/{name}/images': {
      get: {
        operationId: 'GetImages',
        description:
          'The images the environment pins in Terraform against the newest in ECR (cached reads of GitHub and ECR).',
        parameters: [
          {
            $ref: '#/components/parameters/name',
          },
          {
            $ref: '#/components/parameters/ifNoneMatch',
          },
        ],
        responses: {
          '200': {
            description: 'The images.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/EnvironmentImages',
                },
              },
            },
          },
          '304': {
            $ref: '#/components/responses/NotModified',
          },
          '400': {
            $ref: '#/components/responses/Error',
          },
          '401': {
            $ref: '#/components/responses/Error',
          },
          '403': {
            $ref: '#/components/responses/Error',
          },
          '404': {
            $ref: '#/components/responses/Error',
          },
        },
      },
    },
    '/environments/{name}/images/{image}/tags': {
      get: {
        operationId: 'ListImageTags',
        description:
          "The ECR tags that an image may be bumped to (those matching its tag pattern), newest first; for the bump template's tag choice.",
        parameters: [
          {
            $ref: '#/components/parameters/name',
          },
          {
            name: 'image',
            in: 'path',
            required: true,
            schema: {
              type: 'string',
              minLength: 1,
              maxLength: 64,
            },
          },
          {
            name: 'limit',
            in: 'query',
            required: false,
            schema: {
              type: 'integer',
              minimum: 1,
              maximum: 100,
              default: 20,
            },
          },
        ],
        responses: {
          '200': {
            description: 'The tags.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/ImageTags',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/Error',
          },
          '401': {
            $ref: '#/components/responses/Error',
          },
          '403': {
            $ref: '#/components/responses/Error',
          },
          '404': {
            $ref: '#/components/responses/Error',
          },
        },
      },
    },
    '/environments/{name}/park': {
      post: {
        operationId: 'ParkEnvironment',
        description:
          'Triggers the park pipeline with the configured parameters (the mode parameter true, terraform-prod-mode false). Owners only; 409 while a park, unpark or deploy is in flight.',
        parameters: [
          {
            $ref: '#/components/parameters/name',
          },
          {
            $ref: '#/components/parameters/idempotencyKey',
          },
        ],
        requestBody: {
          required: false,
          content: {
            'application/json': {
              schema: {
                $ref: '#/components/schemas/DryRunBody',
              },
            },
          },
        },
        responses: {
          '200': {
            $ref: '#/components/responses/OperationResult',
          },
          '201': {
            $ref: '#/components/responses/OperationResult',
          },
          '400': {
            $ref: '#/components/responses/Error',
          },
          '401': {
            $ref: '#/components/responses/Error',
          },
          '403': {
            $ref: '#/components/responses/Error',
          },
          '404': {
            $ref: '#/components/responses/Error',
          },
          '409': {
            $ref: '#/components/responses/Error',
          },
          '413': {
            $ref: '#/components/responses/Error',
          },
          '415': {
            $ref: '#/components/responses/Error',
          },
          '503': {
            $ref: '#/components/responses/Error',
          },
        },
      },
    },
    '/environments/{name}/keep-awake': {
      post: {
        operationId: 'KeepEnvironmentAwake',
        description:
          'Skips the scheduled parks of the environment until `until` (at most 7 days ahead); `null` ends it. Owners only; audited.',
        parameters: [
          {
            $ref: '#/components/parameters/name',
          },
        ],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                $ref: '#/components/schemas/KeepAwakeBody',
              },
            },
          },
        },
        responses: {
          '200': {
            description: 'The keep-awake now in force.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/KeepAwakeResult',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/Error',
          },
          '401': {
            $ref: '#/components/responses/Error',
          },
          '403': {
            $ref: '#/components/responses/Error',
          },
          '404': {
            $ref: '#/components/responses/Error',
          },
          '413': {
            $ref: '#/components/responses/Error',
          },
        },
      },
    },
    '/environments/{name}/unpark': {
      post: {
        operationId: 'UnparkEnvironment',
        description:
          'Triggers the unpark pipeline. Owners only; 409 while a park, unpark or deploy is in flight.',
        parameters: [
          {
            $ref: '#/components/parameters/name',
          },
          {
            $ref: '#/components/parameters/idempotencyKey',
          },
        ],
        requestBody: {
          required: false,
          content: {
            'application/json': {
              schema: {
                $ref: '#/components/schemas/DryRunBody',
              },
            },
          },
        },
        responses: {
          '200': {
            $ref: '#/components/responses/OperationResult',
          },
          '201': {
            $ref: '#/components/responses/OperationResult',
          },
          '400': {
            $ref: '#/components/responses/Error',
          },
          '401': {
            $ref: '#/components/responses/Error',
          },
          '403': {
            $ref: '#/components/responses/Error',
          },
          '404': {
            $ref: '#/components/responses/Error',
          },
          '409': {
            $ref: '#/components/responses/Error',
          },
          '413': {
            $ref: '#/components/responses/Error',
          },
          '415': {
            $ref: '#/components/responses/Error',
          },
          '503': {
            $ref: '#/components/responses/Error',
          },
        },
      },
    },
    '/environments/{name}/rebuild': {
      post: {
        operationId: 'RebuildImage',
        description:
          'Triggers the image refresh pipeline (refresh-prefect-image-mode true, terraform-prod-mode false). Owners only.',
        parameters: [
          {
            $ref: '#/components/parameters/name',
          },
          {
            $ref: '#/components/parameters/idempotencyKey',
          },
        ],
        requestBody: {
          required: false,
          content: {
            'application/json': {
              schema: {
                $ref: '#/components/schemas/DryRunBody',
              },
            },
          },
        },
        responses: {
          '200': {
            $ref: '#/components/responses/OperationResult',
          },
          '201': {
            $ref: '#/components/responses/OperationResult',
          },
          '400': {
            $ref: '#/components/responses/Error',
          },
          '401': {
            $ref: '#/components/responses/Error',
          },
          '403': {
            $ref: '#/components/responses/Error',
          },
          '404': {
            $ref: '#/components/responses/Error',
          },
          '409': {
            $ref: '#/components/responses/Error',
          },
          '413': {
            $ref: '#/components/responses/Error',
          },
          '415': {
            $ref: '#/components/responses/Error',
          },
          '503': {
            $ref: '#/components/responses/Error',
          },
        },
      },
    },
    '/environments/{name}/drift-check': {
      post: {
        operationId: 'CheckDrift',
        description:
          "Triggers the read-only drift check (the terraform-drift workflow: a plan with no hold and no apply, parameters from the environment's `parameters.drift`); its result is the environment's `drift`. Owners only.",
        parameters: [
          {
            $ref: '#/components/parameters/name',
          },
          {
            $ref: '#/components/parameters/idempotencyKey',
          },
        ],
        requestBody: {
          required: false,
          content: {
            'application/json': {
              schema: {
                $ref: '#/components/schemas/DryRunBody',
              },
            },
          },
        },
        responses: {
          '200': {
            $ref: '#/components/responses/OperationResult',
          },
          '201': {
            $ref: '#/components/responses/OperationResult',
          },
          '400': {
            $ref: '#/components/responses/Error',
          },
          '401': {
            $ref: '#/components/responses/Error',
          },
          '403': {
            $ref: '#/components/responses/Error',
          },
          '404': {
            $ref: '#/components/responses/Error',
          },
          '409': {
            $ref: '#/components/responses/Error',
          },
          '413': {
            $ref: '#/components/responses/Error',
          },
          '415': {
            $ref: '#/components/responses/Error',
          },
          '503': {
            $ref: '#/components/responses/Error',
          },
        },
      },
    },
    '/environments/{name}/approvals/{workflowId}': {
      post: {
        operationId: 'ApproveWorkflow',
        description:
          "Approves the held job of an on-hold deploy workflow of the environment, after the review of its plan: a stale plan is refused (409), and a plan that deletes or replaces a protected resource is refused unless `confirm` is the environment's name (or always, under `onProtectedChange: refuse`). An unreadable plan summary does not block; the response says so. Owners only.",
        parameters: [
          {
            $ref: '#/components/parameters/name',
          },
          {
            name: 'workflowId',
            in: 'path',
            required: true,
            schema: {
              type: 'string',
              minLength: 1,
              maxLength: 64,
            },
          },
          {
            $ref: '#/components/parameters/idempotencyKey',
          },
        ],
        requestBody: {
          required: false,
          content: {
            'application/json': {
              schema: {
                $ref: '#/components/schemas/ApproveBody',
              },
            },
          },
        },
        responses: {
          '200': {
            $ref: '#/components/responses/OperationResult',
          },
          '201': {
            $ref: '#/components/responses/OperationResult',
          },
          '400': {
            $ref: '#/components/responses/Error',
          },
          '401': {
            $ref: '#/components/responses/Error',
          },
          '403': {
            $ref: '#/components/responses/Error',
          },
          '404': {
            $ref: '#/components/responses/Error',
          },
          '409': {
            $ref: '#/components/responses/Error',
          },
          '413': {
            $ref: '#/components/responses/Error',
          },
          '415': {
            $ref: '#/components/responses/Error',
          },
          '503': {
            $ref: '#/components/responses/Error',
          },
        },
      },
    },
    '/environments/{name}/images/{image}/bump': {
      post: {
        operationId: 'BumpImage',
        description:
          "Opens (or updates) the pull request that pins the image's tag in the Terraform file, editing exactly one line. The tag defaults to the newest matching tag in ECR; a given one must match the image's pattern and exist in ECR. A dry run returns the diff and the pull request that would be opened. Owners only.",
        parameters: [
          {
            $ref: '#/components/parameters/name',
          },
          {
            name: 'image',
            in: 'path',
            required: true,
            schema: {
              type: 'string',
              minLength: 1,
              maxLength: 64,
            },
          },
          {
            $ref: '#/components/parameters/idempotencyKey',
          },
        ],
        requestBody: {
          required: false,
          content: {
            'application/json': {
              schema: {
                $ref: '#/components/schemas/BumpBody',
              },
            },
          },
        },
        responses: {
          '200': {
            $ref: '#/components/responses/OperationResult',
          },
          '201': {
            $ref: '#/components/responses/OperationResult',
          },
          '400': {
            $ref: '#/components/responses/Error',
          },
          '401': {
            $ref: '#/components/responses/Error',
          },
          '403': {
            $ref: '#/components/responses/Error',
          },
          '404': {
            $ref: '#/components/responses/Error',
          },
          '409': {
            $ref: '#/components/responses/Error',
          },
          '413': {
            $ref: '#/components/responses/Error',
          },
          '415': {
            $ref: '#/components/responses/Error',
          },
          '503': {
            $ref: '#/components/responses/Error',
          },
        },
      },
    },
    '/pipelines': {
      post: {
        operationId: 'TriggerPipeline',
        description:
          "Triggers any pipeline of an environment's CircleCI project, with parameters checked first against those .circleci/config.yml declares at that branch (name and type). Owners only.",
        parameters: [
          {
            $ref: '#/components/parameters/idempotencyKey',
          },
        ],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                $ref: '#/components/schemas/PipelineTriggerBody',
              },
            },
          },
        },
        responses: {
          '200': {
            $ref: '#/components/responses/OperationResult',
          },
          '201': {
            $ref: '#/components/responses/OperationResult',
          },
          '400': {
            $ref: '#/components/responses/Error',
          },
          '401': {
            $ref: '#/components/responses/Error',
          },
          '403': {
            $ref: '#/components/responses/Error',
          },
          '404': {
            $ref: '#/components/responses/Error',
          },
          '409': {
            $ref: '#/components/responses/Error',
          },
          '413': {
            $ref: '#/components/responses/Error',
          },
          '415': {
            $ref: '#/components/responses/Error',
          },
          '503': {
            $ref: '#/components/responses/Error',
          },
        },
      },
    },
  },
} as const;

/** A router that validates requests against {@link spec}. */
export const createOpenApiRouter = async (
  options?: Parameters<typeof createValidatedOpenApiRouter>['1'],
) => createValidatedOpenApiRouter<typeof spec>(spec, options);
