import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import type { OperationResult } from '@rocket-club/plugin-environments-common';
import { callEnvironments } from '../client/callEnvironments';
import * as inputs from './inputProperties';
import * as outputs from './outputProperties';
import { refuseUnknownInputs, assertWouldSucceed } from './strictInput';
import { isPreview, mutateOnce } from './mutation';
import { EnvironmentActionOptions } from './options';
import { examples } from './imageBump.examples';

/**
 * Creates the `environments:image:bump` action.
 *
 * @param options - the auth and discovery services
 */
export function createEnvironmentImageBumpAction(
  options: EnvironmentActionOptions,
) {
  return createTemplateAction({
    id: 'environments:image:bump',
    description:
      "Pin an image tag in an environment's Terraform through a pull request (opened, or updated if one is open), defaulting to the newest matching tag in ECR.",
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        environment: inputs.environment,
        image: inputs.image,
        tag: z =>
          z
            .string({
              description:
                "The tag to pin; it must match the image's pattern and exist in ECR. Empty or absent: the newest matching tag",
            })
            .optional(),
        dryRun: inputs.dryRun,
      },
      output: {
        message: outputs.message,
        noop: z =>
          z.boolean({
            description: 'True when the tag was already pinned: nothing opened',
          }),
        fromTag: z =>
          z.string({ description: 'The tag pinned before' }).optional(),
        toTag: z => z.string({ description: 'The tag pinned now' }).optional(),
        digest: z =>
          z.string({ description: 'The digest of the new tag' }).optional(),
        diff: z =>
          z
            .string({
              description: 'Unified diff of the Terraform file (one line)',
            })
            .optional(),
        pullRequestUrl: z =>
          z
            .string({ description: 'The pull request (not set on a dry run)' })
            .optional(),
        pullRequestNumber: z =>
          z
            .number({ description: 'Its number (not set on a dry run)' })
            .optional(),
        pullRequestBranch: z =>
          z
            .string({ description: 'Its branch, or the one it would have' })
            .optional(),
        pullRequestUpdated: z =>
          z
            .boolean({
              description: 'True when an open pull request was updated',
            })
            .optional(),
      },
    },
    async handler(ctx) {
      refuseUnknownInputs('environments:image:bump', ctx.input, [
        'environment',
        'image',
        'tag',
        'dryRun',
      ]);
      const { environment, image = 'deployer', dryRun } = ctx.input;
      // An unset template parameter renders as ''.
      const tag = ctx.input.tag?.trim() || undefined;
      const signal = ctx.signal;
      const call = {
        credentials: await ctx.getInitiatorCredentials(),
        what: `bump image '${image}' of '${environment}'`,
        signal,
      };

      let result: OperationResult;
      if (isPreview(ctx, dryRun)) {
        result = await callEnvironments(options, call, client =>
          client.bumpImage(
            environment,
            image,
            { ...(tag && { tag }), dryRun: true },
            { signal },
          ),
        );
        assertWouldSucceed(result);
        ctx.logger.info(`Dry run, nothing opened: ${result.message}`);
      } else {
        const body = tag ? { tag } : {};
        result = await mutateOnce(
          ctx,
          'environments:image:bump',
          { environment, image, ...body },
          idempotencyKey =>
            callEnvironments(options, call, client =>
              client.bumpImage(environment, image, body, {
                idempotencyKey,
                signal,
              }),
            ),
        );
        ctx.logger.info(
          result.pullRequest?.url
            ? `${result.message} ${result.pullRequest.url}`
            : result.message,
        );
      }
      if (result.diff) {
        ctx.logger.info(`Terraform change:\n${result.diff}`);
      }
      const pr = result.pullRequest;
      ctx.output('message', result.message);
      ctx.output('noop', Boolean(result.noop));
      if (result.fromTag) ctx.output('fromTag', result.fromTag);
      if (result.toTag) ctx.output('toTag', result.toTag);
      if (result.digest) ctx.output('digest', result.digest);
      if (result.diff) ctx.output('diff', result.diff);
      if (pr?.url) ctx.output('pullRequestUrl', pr.url);
      if (pr?.number !== undefined) ctx.output('pullRequestNumber', pr.number);
      if (pr?.branch) ctx.output('pullRequestBranch', pr.branch);
      if (pr) ctx.output('pullRequestUpdated', pr.updated);
    },
  });
}
