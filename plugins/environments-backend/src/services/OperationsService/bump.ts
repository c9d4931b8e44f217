import { InputError, NotFoundError } from '@backstage/errors';
import type { OperationResult } from '@rocket-club/plugin-environments-common';
import type { EnvironmentDefinition, ImageDefinition } from '../../config';
import { findTag, newestMatching } from '../../clients/ecr/images';
import {
  BumpTarget,
  isStaleShaError,
  publishBump,
  readBaseFile,
} from '../../operations/bumpPullRequest';
import { assertImageTag, pinImageTag } from '../../operations/pinImageTag';
import { bumpText } from './bumpText';
import type { OperationsServiceOptions } from './createOperationsService';

/** The branch the bump pull request of an image comes from. */
export function bumpBranch(environment: string, image: string): string {
  return `environments/bump-${environment}-${image}`;
}

/**
 * The image bump: resolve the tag in ECR, edit the one string in the
 * Terraform file, and open or update the pull request (or, on a dry run,
 * say what it would be). GitHub calls: read the base branch and the file
 * (2), then list open pulls, create or reset the branch, commit, create or
 * update the pull request (4). A stale blob sha is retried once from fresh
 * content.
 */
export function createBumper(
  options: Pick<OperationsServiceOptions, 'ecr' | 'github' | 'logger'>,
) {
  function resolveImage(
    d: EnvironmentDefinition,
    name: string,
    tag?: string,
  ): ImageDefinition {
    const image = d.images.find(i => i.name === name);
    if (!image) {
      throw new InputError(
        `${d.name} has no image ${JSON.stringify(name)}; it has ${d.images
          .map(i => JSON.stringify(i.name))
          .join(', ')}`,
      );
    }
    if (!image.tagPattern) {
      throw new InputError(
        `Image ${JSON.stringify(name)} of ${
          d.name
        } has a fixed tag and cannot be bumped; rebuild it instead`,
      );
    }
    if (tag !== undefined) assertImageTag(tag, image.tagPattern);
    return image;
  }

  async function bump(
    d: EnvironmentDefinition,
    image: ImageDefinition,
    tag: string | undefined,
    dryRun: boolean,
  ): Promise<OperationResult> {
    const images = await options.ecr.listImages(image.ecrRepository);
    const chosen = tag
      ? findTag(images, tag)
      : newestMatching(images, image.tagPattern!);
    if (!chosen) {
      if (tag) {
        throw new InputError(
          `Tag ${JSON.stringify(tag)} is not in ECR repository ${JSON.stringify(
            image.ecrRepository,
          )}`,
        );
      }
      throw new NotFoundError(
        `No image in ECR repository ${JSON.stringify(
          image.ecrRepository,
        )} has a tag matching ${image.tagPattern}`,
      );
    }

    const repository = {
      host: d.repository.host,
      owner: d.repository.owner,
      name: d.repository.name,
    };
    const octokit = await options.github.octokit(repository);
    const target: BumpTarget = {
      owner: d.repository.owner,
      repo: d.repository.name,
      base: d.repository.branch ?? 'main',
      branch: bumpBranch(d.name, image.name),
      path: d.terraform.path,
    };

    for (let attempt = 1; ; attempt++) {
      const base = await readBaseFile(octokit, target);
      const edit = await pinImageTag({
        file: target.path,
        content: base.content,
        local: image.local,
        ecrRepository: image.ecrRepository,
        toTag: chosen.tag,
      });
      const facts = {
        environment: d.name,
        image: image.name,
        local: image.local,
        file: target.path,
        fromTag: edit.fromTag,
        toTag: chosen.tag,
        digest: chosen.digest,
        pushedAt: chosen.pushedAt,
        repository,
      };
      const common = {
        operation: 'bump' as const,
        environment: d.name,
        dryRun,
        image: image.name,
        fromTag: edit.fromTag,
        toTag: chosen.tag,
        digest: chosen.digest,
        pushedAt: chosen.pushedAt,
      };
      if (edit.unchanged) {
        return {
          ...common,
          noop: true,
          diff: '',
          message: `${d.name} already pins ${image.name} at ${chosen.tag}; nothing to do`,
        };
      }
      const text = bumpText(facts);
      if (dryRun) {
        return {
          ...common,
          diff: edit.diff,
          message: `Would open a pull request pinning ${image.name} of ${d.name} at ${chosen.tag} (from ${edit.fromTag})`,
          pullRequest: {
            branch: target.branch,
            title: text.title,
            body: text.body,
            updated: false,
          },
        };
      }
      try {
        const pr = await publishBump(octokit, target, base, {
          content: edit.content,
          ...text,
        });
        return {
          ...common,
          diff: edit.diff,
          message: `${pr.updated ? 'Updated' : 'Opened'} pull request #${
            pr.number
          } pinning ${image.name} of ${d.name} at ${chosen.tag}`,
          pullRequest: {
            number: pr.number,
            url: pr.url,
            branch: target.branch,
            title: text.title,
            body: text.body,
            updated: pr.updated,
          },
        };
      } catch (error) {
        if (attempt < 2 && isStaleShaError(error)) {
          options.logger.info(
            `${target.path} changed while bumping ${d.name}; retrying once from fresh content`,
          );
          continue;
        }
        throw error;
      }
    }
  }

  return { resolveImage, bump };
}
