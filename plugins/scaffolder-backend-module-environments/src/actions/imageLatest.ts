import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { NotFoundError } from '@backstage/errors';
import { callEnvironments } from '../client/callEnvironments';
import { oneLine } from '../client/errors';
import * as inputs from './inputProperties';
import { refuseUnknownInputs } from './strictInput';
import { EnvironmentActionOptions } from './options';
import { examples } from './imageLatest.examples';

/**
 * Creates the `environments:image:latest` action.
 *
 * @param options - the auth and discovery services
 */
export function createEnvironmentImageLatestAction(
  options: EnvironmentActionOptions,
) {
  return createTemplateAction({
    id: 'environments:image:latest',
    description:
      "Find the newest ECR tag matching an environment image's tag pattern, with its digest, push time and commit, and whether the environment already pins it.",
    examples,
    // Read-only: a dry run reads just the same.
    supportsDryRun: true,
    schema: {
      input: {
        environment: inputs.environment,
        image: inputs.image,
      },
      output: {
        tag: z => z.string({ description: 'The newest matching tag in ECR' }),
        digest: z => z.string({ description: 'Its image digest (sha256:...)' }),
        pushedAt: z =>
          z.string({ description: 'When it was pushed (ISO 8601)' }),
        commitSha: z =>
          z
            .string({
              description: 'The rocket-club commit in the tag, if any',
            })
            .optional(),
        pinnedTag: z =>
          z
            .string({
              description: 'The tag the environment pins now, if readable',
            })
            .optional(),
        upToDate: z =>
          z
            .boolean({
              description:
                'Whether the environment already pins the newest tag',
            })
            .optional(),
        compareUrl: z =>
          z
            .string({
              description:
                'GitHub compare link from the pinned to the newest commit, if known',
            })
            .optional(),
      },
    },
    async handler(ctx) {
      refuseUnknownInputs('environments:image:latest', ctx.input, [
        'environment',
        'image',
      ]);
      const { environment, image = 'deployer' } = ctx.input;
      const { images } = await callEnvironments(
        options,
        {
          credentials: await ctx.getInitiatorCredentials(),
          what: `read the images of '${environment}'`,
          signal: ctx.signal,
        },
        client => client.getImages(environment, { signal: ctx.signal }),
      );

      const status = images.find(i => i.name === image);
      if (!status) {
        const known = images.map(i => `'${i.name}'`).join(', ') || 'none';
        throw oneLine(
          new NotFoundError(
            `Environment '${environment}' has no image '${image}'; its images: ${known}`,
          ),
        );
      }
      const newest = status.newest;
      if (!newest) {
        const why = status.error ? `: ${status.error}` : '';
        throw oneLine(
          new NotFoundError(
            `No tag in ECR repository '${status.ecrRepository}' matches image '${image}' of '${environment}'${why}`,
          ),
        );
      }

      const pinnedTag = status.pinned?.tag;
      const upToDate =
        status.upToDate ??
        (pinnedTag !== undefined ? pinnedTag === newest.tag : undefined);
      const pinned = pinnedTag ? `; pinned: ${pinnedTag}` : '';
      ctx.logger.info(
        `Newest '${image}' image of '${environment}': ${newest.tag}, pushed ${newest.pushedAt}${pinned}`,
      );
      ctx.output('tag', newest.tag);
      ctx.output('digest', newest.digest);
      ctx.output('pushedAt', newest.pushedAt);
      if (newest.commitSha) ctx.output('commitSha', newest.commitSha);
      if (pinnedTag) ctx.output('pinnedTag', pinnedTag);
      if (upToDate !== undefined) ctx.output('upToDate', upToDate);
      if (status.compareUrl) ctx.output('compareUrl', status.compareUrl);
    },
  });
}
