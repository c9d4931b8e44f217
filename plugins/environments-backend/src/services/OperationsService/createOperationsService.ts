import type {
  AuditorService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  environmentApprovePermission,
  environmentImageBumpPermission,
  environmentImageRebuildPermission,
  environmentParkPermission,
  environmentPipelineTriggerPermission,
  environmentUnparkPermission,
  OperationResult,
} from '@rocket-club/plugin-environments-common';
import type {
  EnvironmentDefinition,
  EnvironmentsConfig,
  PipelineParameterValue,
} from '../../config';
import type { EcrImage } from '../../clients/ecr/EcrClient';
import type { GithubClient } from '../../clients/github/GithubClient';
import type { EnvironmentsStore } from '../../database/EnvironmentsStore';
import type { OperationsStore } from '../../database/OperationsStore';
import { createBumper } from './bump';
import { DEFAULT_LOCK_TTL_MS, GuardDeps, runGuarded } from './guard';
import {
  checkPipelineParameters,
  declaredPipelineParameters,
} from '../../operations/pipelineParameters';
import type { OperationContext, OperationsService, PipelineApi } from './types';

/** The dependencies of the operations service. */
export interface OperationsServiceOptions {
  config: EnvironmentsConfig;
  permissions: PermissionsService;
  auditor: AuditorService;
  logger: LoggerService;
  store: OperationsStore;
  history: Pick<EnvironmentsStore, 'listUnfinishedWorkflows'>;
  circleci: PipelineApi;
  github: Pick<GithubClient, 'octokit' | 'readFile'>;
  ecr: { listImages(repositoryName: string): Promise<EcrImage[]> };
  now?: () => Date;
  lockTtlMs?: number;
}

/**
 * Resolves an environment by name or by the entity ref of its catalog
 * entity.
 */
export function resolveDefinition(
  config: EnvironmentsConfig,
  nameOrRef: string,
): EnvironmentDefinition {
  const wanted = nameOrRef.toLocaleLowerCase('en-US');
  const definition = config.definitions.find(
    d =>
      d.name === nameOrRef || d.entityRef.toLocaleLowerCase('en-US') === wanted,
  );
  if (!definition) {
    throw new NotFoundError(
      `No environment ${JSON.stringify(nameOrRef)}; known: ${config.definitions
        .map(d => d.name)
        .join(', ')}`,
    );
  }
  return definition;
}

/** Builds the {@link OperationsService}. */
export function createOperationsService(
  options: OperationsServiceOptions,
): OperationsService {
  const { config, circleci, store } = options;
  const guard: GuardDeps = {
    permissions: options.permissions,
    auditor: options.auditor,
    store,
    history: options.history,
    now: options.now ?? (() => new Date()),
    lockTtlMs: options.lockTtlMs ?? DEFAULT_LOCK_TTL_MS,
  };
  const bumper = createBumper(options);

  const branchOf = (d: EnvironmentDefinition) =>
    d.circleci.branch ?? d.repository.branch ?? 'main';
  const pipelineUrl = (d: EnvironmentDefinition, number: number) =>
    `${config.circleci?.appBaseUrl ?? 'https://app.circleci.com'}/pipelines/${
      d.circleci.project.appPath
    }/${number}`;

  async function triggerFor(
    d: EnvironmentDefinition,
    operation: 'park' | 'unpark' | 'rebuild' | 'trigger',
    branch: string,
    parameters: Record<string, PipelineParameterValue>,
    dryRun: boolean,
  ): Promise<OperationResult> {
    if (dryRun) {
      return {
        operation,
        environment: d.name,
        dryRun: true,
        message: `Would trigger a pipeline of ${
          d.circleci.project.slug
        } on ${branch} with ${JSON.stringify(parameters)}`,
        pipeline: { id: '', number: 0, url: '', parameters },
      };
    }
    const pipeline = await circleci.triggerPipeline(d.circleci.project.slug, {
      branch,
      parameters,
    });
    const url = pipelineUrl(d, pipeline.number);
    return {
      operation,
      environment: d.name,
      dryRun: false,
      message: `Triggered ${
        operation === 'trigger' ? 'a' : `the ${operation}`
      } pipeline #${pipeline.number} of ${d.name}`,
      pipeline: { id: pipeline.id, number: pipeline.number, url, parameters },
    };
  }

  async function modeOperation(
    kind: 'park' | 'unpark' | 'rebuild',
    ctx: OperationContext,
  ) {
    const d = resolveDefinition(config, ctx.environment);
    const parameters = d.parameters[kind];
    if (!parameters || !d.workflows[kind === 'rebuild' ? 'rebuild' : kind]) {
      throw new InputError(`${d.name} has no ${kind} operation configured`);
    }
    const permission = {
      park: environmentParkPermission,
      unpark: environmentUnparkPermission,
      rebuild: environmentImageRebuildPermission,
    }[kind];
    return runGuarded(guard, {
      operation: kind,
      permission,
      definition: d,
      ctx,
      conflictsWith:
        kind === 'rebuild' ? ['rebuild'] : ['park', 'unpark', 'deploy'],
      takesLock: true,
      input: {},
      act: () => triggerFor(d, kind, branchOf(d), parameters, !!ctx.dryRun),
    });
  }

  return {
    park: ctx => modeOperation('park', ctx),
    unpark: ctx => modeOperation('unpark', ctx),
    rebuild: ctx => modeOperation('rebuild', ctx),

    async approve(ctx) {
      const d = resolveDefinition(config, ctx.environment);
      const { workflowId } = ctx;
      if (!/^[0-9a-f-]{8,64}$/i.test(workflowId)) {
        throw new InputError(
          `Invalid workflow id ${JSON.stringify(workflowId)}`,
        );
      }
      return runGuarded(guard, {
        operation: 'approve',
        permission: environmentApprovePermission,
        definition: d,
        ctx,
        conflictsWith: ['park', 'unpark'],
        takesLock: false,
        input: { workflowId },
        act: async () => {
          const held = (
            await options.history.listUnfinishedWorkflows(d.name)
          ).find(w => w.id === workflowId);
          if (!held || held.kind !== 'deploy' || held.status !== 'on_hold') {
            throw new InputError(
              `Workflow ${JSON.stringify(workflowId)} is not a ${
                d.workflows.deploy ?? 'deploy'
              } workflow of ${d.name} awaiting approval`,
            );
          }
          const job = (await circleci.listJobs(workflowId)).find(
            j =>
              j.type === 'approval' &&
              j.status === 'on_hold' &&
              j.approval_request_id,
          );
          if (!job) {
            throw new InputError(
              `Workflow ${JSON.stringify(workflowId)} of ${
                d.name
              } holds no approval any more`,
            );
          }
          if (!ctx.dryRun) {
            await circleci.approveJob(workflowId, job.approval_request_id!);
          }
          return {
            operation: 'approve',
            environment: d.name,
            dryRun: !!ctx.dryRun,
            workflowId,
            message: `${ctx.dryRun ? 'Would approve' : 'Approved'} ${
              job.name
            } of ${held.name} (pipeline #${held.pipelineNumber})`,
            pipeline: {
              id: held.pipelineId,
              number: held.pipelineNumber,
              url: pipelineUrl(d, held.pipelineNumber),
              parameters: {},
            },
          };
        },
      });
    },

    async trigger(ctx) {
      const d = resolveDefinition(config, ctx.environment);
      const branch = ctx.branch ?? branchOf(d);
      if (!/^[A-Za-z0-9._/-]{1,255}$/.test(branch) || branch.includes('..')) {
        throw new InputError(`Invalid branch ${JSON.stringify(branch)}`);
      }
      return runGuarded(guard, {
        operation: 'trigger',
        permission: environmentPipelineTriggerPermission,
        definition: d,
        ctx,
        conflictsWith: ['park', 'unpark', 'deploy'],
        takesLock: true,
        input: { branch, parameters: ctx.parameters },
        act: async () => {
          const source = `.circleci/config.yml@${branch}`;
          const file = await options.github.readFile(
            {
              host: d.repository.host,
              owner: d.repository.owner,
              name: d.repository.name,
            },
            '.circleci/config.yml',
            branch,
          );
          checkPipelineParameters(
            declaredPipelineParameters(file.content, source),
            ctx.parameters,
            source,
          );
          return triggerFor(d, 'trigger', branch, ctx.parameters, !!ctx.dryRun);
        },
      });
    },

    async bump(ctx) {
      const d = resolveDefinition(config, ctx.environment);
      const image = bumper.resolveImage(d, ctx.image, ctx.tag);
      return runGuarded(guard, {
        operation: 'bump',
        permission: environmentImageBumpPermission,
        definition: d,
        ctx,
        conflictsWith: [],
        takesLock: false,
        input: { image: image.name, tag: ctx.tag ?? null },
        act: () => bumper.bump(d, image, ctx.tag, !!ctx.dryRun),
      });
    },

    async pipelineFinished(environment, pipelineId) {
      if (await store.releaseLock(environment, pipelineId)) {
        options.logger.info(
          `Released the lock of ${environment}: pipeline ${pipelineId} finished`,
        );
      }
    },
  };
}
