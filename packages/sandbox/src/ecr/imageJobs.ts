import { EngineEvent } from '../circleci/engine';
import { SandboxLogger } from '../logger';
import { EcrRegistry } from './registry';

/**
 * What a CircleCI job pushes to ECR when it succeeds. `{sha7}` in a tag is
 * the pipeline revision's short SHA.
 *
 * @public
 */
export interface ImageJob {
  repository: string;
  tag: string;
  /** More tags on the pushed image. */
  extraTags?: string[];
  /** `keep`: an existing tag is left alone; `retag`: the tag moves to the new image. */
  ifExists: 'keep' | 'retag';
}

/**
 * Pushes images to the ECR stand-in as the image-building jobs of
 * `.circleci/config.yml` succeed, live or in the seeded history, so
 * deployer tags always name commits of the GitHub stand-in.
 */
export function imagePushListener(
  registry: EcrRegistry,
  jobs: Record<string, ImageJob>,
  logger: SandboxLogger,
) {
  return (event: EngineEvent) => {
    if (event.type !== 'job-completed' || event.job.status !== 'success')
      return;
    const spec = jobs[event.job.definition];
    if (!spec) return;
    const sha7 = event.pipeline.vcs.revision.slice(0, 7);
    const tag = spec.tag.replace('{sha7}', sha7);
    if (spec.ifExists === 'keep' && registry.find(spec.repository, tag)) return;
    const image = registry.push(spec.repository, {
      tag,
      pushedAt: event.at,
      seed: event.pipeline.vcs.revision,
      replace: spec.ifExists === 'retag',
    });
    for (const extra of spec.extraTags ?? []) {
      const extraTag = extra.replace('{sha7}', sha7);
      registry.addTag(spec.repository, image, extraTag);
    }
    if (event.live)
      logger.info(
        `ECR: pushed ${spec.repository}:${tag} (job ${event.job.name})`,
      );
  };
}
