import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { callEnvironments } from '../client/callEnvironments';
import { oneLine } from '../client/errors';
import * as inputs from './inputProperties';
import * as outputs from './outputProperties';
import { refuseUnknownInputs, assertWouldSucceed } from './strictInput';
import { isPreview, mutateOnce } from './mutation';
import { EnvironmentActionOptions } from './options';
import { examples } from './pipelineTrigger.examples';

/**
 * Creates the `circleci:pipeline:trigger` action.
 *
 * @param options - the auth and discovery services
 */
export function createCircleciPipelineTriggerAction(
  options: EnvironmentActionOptions,
) {
  return createTemplateAction({
    id: 'circleci:pipeline:trigger',
    description:
      "Trigger a CircleCI pipeline of an environment's project with parameters, which the backend first checks against those that `.circleci/config.yml` declares.",
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        environment: inputs.environment,
        branch: z =>
          z
            .string({
              description:
                "The branch to run on. Defaults to the environment's configured branch",
            })
            .optional(),
        parameters: z =>
          z.record(z.union([z.string(), z.number(), z.boolean()]), {
            description:
              'Pipeline parameters by name; each must be declared in `.circleci/config.yml` with a matching type',
          }),
        dryRun: inputs.dryRun,
      },
      output: {
        message: outputs.message,
        parameters: outputs.parameters,
        pipelineId: outputs.pipelineId,
        pipelineNumber: outputs.pipelineNumber,
        pipelineUrl: outputs.pipelineUrl,
      },
    },
    async handler(ctx) {
      refuseUnknownInputs('circleci:pipeline:trigger', ctx.input, [
        'environment',
        'branch',
        'parameters',
        'dryRun',
      ]);
      const { environment, parameters, dryRun } = ctx.input;
      const branch = ctx.input.branch?.trim() || undefined;
      const request = { environment, ...(branch && { branch }), parameters };
      const signal = ctx.signal;
      const call = {
        credentials: await ctx.getInitiatorCredentials(),
        what: `trigger a pipeline for '${environment}'`,
        signal,
      };

      if (isPreview(ctx, dryRun)) {
        const preview = await callEnvironments(options, call, client =>
          client.triggerPipeline({ ...request, dryRun: true }, { signal }),
        );
        assertWouldSucceed(preview);
        ctx.logger.info(`Dry run, nothing triggered: ${preview.message}`);
        ctx.output('message', preview.message);
        ctx.output('parameters', preview.pipeline?.parameters ?? parameters);
        return;
      }

      const result = await mutateOnce(
        ctx,
        'circleci:pipeline:trigger',
        request,
        idempotencyKey =>
          callEnvironments(options, call, client =>
            client.triggerPipeline(request, { idempotencyKey, signal }),
          ),
      );
      ctx.output('message', result.message);
      const pipeline = result.pipeline;
      if (!pipeline) {
        // A broken contract rather than a user error: no @backstage/errors type fits.
        throw oneLine(
          new Error(
            `The environments backend triggered no pipeline for '${environment}': ${result.message}`,
          ),
        );
      }
      ctx.logger.info(`${result.message} ${pipeline.url}`);
      ctx.output('parameters', pipeline.parameters);
      ctx.output('pipelineId', pipeline.id);
      ctx.output('pipelineNumber', pipeline.number);
      ctx.output('pipelineUrl', pipeline.url);
    },
  });
}
