import type {
  BackstageCredentials,
  BackstageUserPrincipal,
} from '@backstage/backend-plugin-api';
import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { NotAllowedError } from '@backstage/errors';
import type { OperationResult } from '@rocket-club/plugin-environments-common';
import type { OperationsService } from '../services/OperationsService/types';
import type { z as zod3 } from 'zod/v3';

function asUser(
  credentials: BackstageCredentials,
): BackstageCredentials<BackstageUserPrincipal> {
  // Only people own environments: a service token must not stand in for one.
  if ((credentials.principal as { type?: string }).type !== 'user') {
    throw new NotAllowedError(
      'Environment operations must be called on behalf of a user',
    );
  }
  return credentials as BackstageCredentials<BackstageUserPrincipal>;
}

function summary(result: OperationResult) {
  return {
    message: result.message,
    dryRun: result.dryRun,
    pipelineNumber: result.pipeline?.number || undefined,
    pipelineUrl: result.pipeline?.url || undefined,
    pullRequestUrl: result.pullRequest?.url,
    fromTag: result.fromTag,
    toTag: result.toTag,
    diff: result.diff,
    wouldSucceed: result.wouldSucceed,
    reason: result.reason,
    warning: result.warning,
    plan: result.plan && {
      status: result.plan.status,
      createdAt: result.plan.createdAt,
      counts: result.plan.counts,
      protected: result.plan.protected.map(c => c.address),
      changes: result.plan.changes.map(
        c => `${c.actions.join('+')} ${c.address}`,
      ),
    },
  };
}

/**
 * Registers park, unpark and image bump with the Backstage actions registry
 * (for MCP clients). Each is a thin client of the operations service, so the
 * same permission, lock, idempotency and audit apply.
 */
export function registerOperationActions(
  actions: ActionsRegistryService,
  operations: OperationsService,
) {
  const output = (z: typeof zod3) =>
    z.object({
      message: z.string().describe('What happened, in one sentence'),
      dryRun: z.boolean(),
      pipelineNumber: z
        .number()
        .optional()
        .describe('The CircleCI pipeline triggered'),
      pipelineUrl: z.string().optional(),
      pullRequestUrl: z.string().optional(),
      fromTag: z.string().optional(),
      toTag: z.string().optional(),
      diff: z
        .string()
        .optional()
        .describe('Unified diff of the Terraform file'),
      wouldSucceed: z
        .boolean()
        .optional()
        .describe('Dry runs: whether the real call would succeed now'),
      reason: z
        .string()
        .optional()
        .describe('Dry runs: why the real call would be refused'),
      warning: z
        .string()
        .optional()
        .describe('Something to know though nothing was refused'),
      plan: z
        .object({
          status: z.enum(['ok', 'missing', 'invalid', 'stale']),
          createdAt: z.string().optional(),
          counts: z.object({
            create: z.number(),
            update: z.number(),
            delete: z.number(),
            replace: z.number(),
          }),
          protected: z
            .array(z.string())
            .describe('Protected resources the apply deletes or replaces'),
          changes: z.array(z.string()).describe('Every planned change'),
        })
        .optional()
        .describe('Approve: the review of the plan the apply applies'),
    });

  for (const kind of ['park', 'unpark'] as const) {
    actions.register({
      name: `${kind}-environment`,
      title: kind === 'park' ? 'Park an environment' : 'Unpark an environment',
      description:
        kind === 'park'
          ? 'Triggers the park pipeline of an environment, scaling non-essential compute down while databases and critical buckets stay. Owners only; refused while another operation is in flight.'
          : 'Triggers the unpark pipeline of an environment, restoring normal capacity. Owners only; refused while another operation is in flight.',
      attributes: {
        destructive: kind === 'park',
        readOnly: false,
        idempotent: false,
      },
      schema: {
        // Strict: a misspelt `dry_run` must be refused, never dropped
        // (which would run the operation for real).
        input: z =>
          z
            .object({
              environment: z
                .string()
                .describe('Environment name (e.g. prod) or its entity ref'),
              dryRun: z
                .boolean()
                .optional()
                .describe('Only say what would be triggered'),
            })
            .strict(),
        output,
      },
      action: async ({ input, credentials }) => ({
        output: summary(
          await operations[kind]({
            environment: input.environment,
            dryRun: input.dryRun,
            credentials: asUser(credentials),
          }),
        ),
      }),
    });
  }

  actions.register({
    name: 'approve-environment-apply',
    title: 'Approve the held Terraform apply',
    description:
      "Approves an environment's held Terraform apply after reviewing its plan (counts, protected resources, drift; output `plan`). A stale plan is refused; a plan that deletes or replaces a protected resource needs `confirm` set to the environment's name. Owners only. Try it with dryRun first to see the review.",
    attributes: { destructive: true, readOnly: false, idempotent: false },
    schema: {
      input: z =>
        z
          .object({
            environment: z
              .string()
              .describe('Environment name (e.g. prod) or its entity ref'),
            workflowId: z
              .string()
              .describe(
                "The held workflow: the environment's heldApproval.workflowId",
              ),
            confirm: z
              .string()
              .optional()
              .describe(
                "The environment's name, to approve a protected change",
              ),
            dryRun: z
              .boolean()
              .optional()
              .describe(
                'Only review the plan and say whether approving would succeed',
              ),
          })
          .strict(),
      output,
    },
    action: async ({ input, credentials }) => ({
      output: summary(
        await operations.approve({
          environment: input.environment,
          workflowId: input.workflowId,
          confirm: input.confirm,
          dryRun: input.dryRun,
          credentials: asUser(credentials),
        }),
      ),
    }),
  });

  actions.register({
    name: 'bump-environment-image',
    title: 'Bump an environment image',
    description:
      "Opens (or updates) the pull request that pins an image tag in the environment's Terraform file. The tag defaults to the newest matching tag in ECR. Owners only.",
    attributes: { destructive: false, readOnly: false, idempotent: true },
    schema: {
      input: z =>
        z
          .object({
            environment: z
              .string()
              .describe('Environment name (e.g. prod) or its entity ref'),
            image: z
              .string()
              .default('deployer')
              .describe('Image key, e.g. deployer'),
            tag: z
              .string()
              .optional()
              .describe('Tag to pin; defaults to the newest'),
            dryRun: z
              .boolean()
              .optional()
              .describe('Return the diff without opening a pull request'),
          })
          .strict(),
      output,
    },
    action: async ({ input, credentials }) => ({
      output: summary(
        await operations.bump({
          environment: input.environment,
          image: input.image,
          tag: input.tag,
          dryRun: input.dryRun,
          credentials: asUser(credentials),
        }),
      ),
    }),
  });
}
