import { InputError } from '@backstage/errors';
import type { OperationResult } from '@rocket-club/plugin-environments-common';
import type {
  EnvironmentDefinition,
  PipelineParameterValue,
} from '../../config';
import type { GithubClient } from '../../clients/github/GithubClient';
import type { EnvironmentsStore } from '../../database/EnvironmentsStore';
import {
  checkPipelineParameters,
  declaredPipelineParameters,
} from '@rocket-club/plugin-environments-node';
import type { Sender } from './guardTypes';
import type { OperationContext, PipelineApi } from './types';

/**
 * The CircleCI side of the operations: trigger a pipeline, approve a held
 * job. Each records what it is about to send (for reconciliation) right
 * before sending it, and sends nothing on a dry run.
 */
export function createTrigger(options: {
  circleci: PipelineApi;
  github: Pick<GithubClient, 'readFile'>;
  history: Pick<EnvironmentsStore, 'listUnfinishedWorkflows'>;
  now: () => Date;
  pipelineUrl: (d: EnvironmentDefinition, number: number) => string;
}) {
  const { circleci, pipelineUrl } = options;
  const branchOf = (d: EnvironmentDefinition) =>
    d.circleci.branch ?? d.repository.branch ?? 'main';

  async function pipeline(
    d: EnvironmentDefinition,
    operation: 'park' | 'unpark' | 'rebuild' | 'drift' | 'trigger',
    branch: string,
    parameters: Record<string, PipelineParameterValue>,
    ctx: OperationContext,
    sender: Sender,
  ): Promise<OperationResult> {
    if (ctx.dryRun) {
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
    await sender.sending({
      kind: 'pipeline',
      operation,
      projectSlug: d.circleci.project.slug,
      branch,
      parameters,
      sentAt: options.now().toISOString(),
    });
    const created = await circleci.triggerPipeline(d.circleci.project.slug, {
      branch,
      parameters,
    });
    return {
      operation,
      environment: d.name,
      dryRun: false,
      message: `Triggered ${
        operation === 'trigger' ? 'a' : `the ${operation}`
      } pipeline #${created.number} of ${d.name}`,
      pipeline: {
        id: created.id,
        number: created.number,
        url: pipelineUrl(d, created.number),
        parameters,
      },
    };
  }

  async function approve(
    d: EnvironmentDefinition,
    workflowId: string,
    ctx: OperationContext,
    sender: Sender,
  ): Promise<OperationResult> {
    const held = (await options.history.listUnfinishedWorkflows(d.name)).find(
      w => w.id === workflowId,
    );
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
      await sender.sending({
        kind: 'approval',
        workflowId,
        approvalRequestId: job.approval_request_id!,
        jobName: job.name,
        workflowName: held.name,
        pipelineId: held.pipelineId,
        pipelineNumber: held.pipelineNumber,
        sentAt: options.now().toISOString(),
      });
      await circleci.approveJob(workflowId, job.approval_request_id!);
    }
    return {
      operation: 'approve',
      environment: d.name,
      dryRun: !!ctx.dryRun,
      workflowId,
      message: `${ctx.dryRun ? 'Would approve' : 'Approved'} ${job.name} of ${
        held.name
      } (pipeline #${held.pipelineNumber})`,
      pipeline: {
        id: held.pipelineId,
        number: held.pipelineNumber,
        url: pipelineUrl(d, held.pipelineNumber),
        parameters: {},
      },
    };
  }

  async function checkParameters(
    d: EnvironmentDefinition,
    branch: string,
    parameters: Record<string, PipelineParameterValue>,
  ) {
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
      parameters,
      source,
    );
  }

  return { branchOf, pipeline, approve, checkParameters };
}
