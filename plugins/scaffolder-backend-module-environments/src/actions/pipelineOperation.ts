import {
  createTemplateAction,
  TemplateExample,
} from '@backstage/plugin-scaffolder-node';
import { callEnvironments } from '../client/callEnvironments';
import { oneLine, WorkflowOutcomeError } from '../client/errors';
import * as inputs from './inputProperties';
import * as outputs from './outputProperties';
import { refuseUnknownInputs, assertWouldSucceed } from './strictInput';
import { isPreview, mutateOnce } from './mutation';
import { PipelineActionOptions } from './options';
import {
  describeWorkflows,
  systemClock,
  waitForPipelineWorkflows,
} from './waitForWorkflows';

/** The operations that trigger an environment's own pipeline. */
export type PipelineOperation = 'park' | 'unpark' | 'rebuild';

/**
 * The shared body of the actions that trigger an environment's own pipeline
 * (park, unpark, rebuild): trigger it once, optionally wait for it.
 */
export function createPipelineOperationAction(
  options: PipelineActionOptions & {
    id: string;
    operation: PipelineOperation;
    description: string;
    examples: TemplateExample[];
  },
) {
  const { id, operation } = options;
  const clock = options.clock ?? systemClock;
  const pollIntervalMs = options.pollIntervalMs ?? 10_000;

  return createTemplateAction({
    id,
    description: options.description,
    examples: options.examples,
    supportsDryRun: true,
    schema: {
      input: {
        environment: inputs.environment,
        dryRun: inputs.dryRun,
        waitForCompletion: inputs.waitForCompletion,
        timeoutMinutes: inputs.timeoutMinutes,
      },
      output: {
        message: outputs.message,
        parameters: outputs.parameters,
        pipelineId: outputs.pipelineId,
        pipelineNumber: outputs.pipelineNumber,
        pipelineUrl: outputs.pipelineUrl,
        workflowStatus: outputs.workflowStatus,
      },
    },
    async handler(ctx) {
      refuseUnknownInputs(id, ctx.input, [
        'environment',
        'dryRun',
        'waitForCompletion',
        'timeoutMinutes',
      ]);
      const {
        environment,
        dryRun,
        waitForCompletion = false,
        timeoutMinutes = 30,
      } = ctx.input;
      const credentials = await ctx.getInitiatorCredentials();
      const signal = ctx.signal;
      const call = {
        credentials,
        what: `${operation} '${environment}'`,
        signal,
      };

      if (isPreview(ctx, dryRun)) {
        const preview = await callEnvironments(options, call, client =>
          client[operation](environment, { dryRun: true, signal }),
        );
        assertWouldSucceed(preview);
        ctx.logger.info(`Dry run, nothing triggered: ${preview.message}`);
        ctx.output('message', preview.message);
        ctx.output('parameters', preview.pipeline?.parameters ?? {});
        return;
      }

      const result = await mutateOnce(
        ctx,
        id,
        { environment, operation },
        idempotencyKey =>
          callEnvironments(options, call, client =>
            client[operation](environment, { idempotencyKey, signal }),
          ),
      );
      ctx.output('message', result.message);
      const pipeline = result.pipeline;
      if (!pipeline) {
        if (result.noop) {
          ctx.logger.info(result.message);
          ctx.output('parameters', {});
          return;
        }
        // A broken contract rather than a user error: no @backstage/errors type fits.
        throw oneLine(
          new Error(
            `The environments backend triggered no pipeline to ${operation} '${environment}': ${result.message}`,
          ),
        );
      }
      ctx.logger.info(`${result.message} ${pipeline.url}`);
      ctx.output('parameters', pipeline.parameters);
      ctx.output('pipelineId', pipeline.id);
      ctx.output('pipelineNumber', pipeline.number);
      ctx.output('pipelineUrl', pipeline.url);
      if (!waitForCompletion) {
        return;
      }

      const { status, workflows } = await waitForPipelineWorkflows({
        options,
        environment,
        operation,
        pipeline,
        credentials,
        timeoutMs: timeoutMinutes * 60_000,
        pollIntervalMs,
        clock,
        logger: ctx.logger,
        signal,
      });
      ctx.output('workflowStatus', status);
      if (status !== 'success') {
        const failed = workflows.find(w => w.status === status);
        throw oneLine(
          new WorkflowOutcomeError(
            `The ${operation} pipeline #${
              pipeline.number
            } of '${environment}' ended ${status} (${describeWorkflows(
              workflows,
            )}): ${failed?.url ?? pipeline.url}`,
          ),
        );
      }
      ctx.logger.info(
        `The ${operation} pipeline #${pipeline.number} of '${environment}' succeeded`,
      );
    },
  });
}
