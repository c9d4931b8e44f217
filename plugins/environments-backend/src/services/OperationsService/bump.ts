import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import type { OperationResult } from '@rocket-club/plugin-environments-common';
import type { EnvironmentDefinition, ImageDefinition } from '../../config';
import { findTag, newestMatching } from '../../clients/ecr/images';
import { assertImageTag, pinImageTag } from './pinImageTag';
import { bumpText } from './bumpText';
import type { BumpGithub, OperationsServiceOptions } from './types';
import type { Sender } from './guardTypes';

/** The deterministic branch an image's bump pull request comes from. */
export function bumpBranch(environment: string, image: string): string {
  return `environments/bump-${environment}-${image}`;
}

/**
 * The image bump: resolve the tag in ECR, edit the one string in the
 * Terraform file, and open or update the pull request (or, on a dry run,
 * say what it would be). The commit is built first (git data API: a tree on
 * the base head's tree with the one file, a commit with the base head as
 * parent), then the branch moves to it with one ref update, then the pull
 * request is opened or updated: the branch never points at a commit
 * without the change, so the pull request is never empty.
 */
export function createBumper(
  options: Pick<OperationsServiceOptions, 'ecr' | 'logger'> & {
    github: BumpGithub;
    now: () => Date;
  },
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
    sender: Sender,
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
    const base = d.repository.branch ?? 'main';
    const branch = bumpBranch(d.name, image.name);
    const path = d.terraform.path;
    const { github } = options;

    const baseSha = await github.branchHead(repository, base);
    if (!baseSha) {
      throw new ConflictError(
        `${d.repository.owner}/${d.repository.name} has no branch ${base}`,
      );
    }
    const file = await github.readFile(repository, path, baseSha);
    const edit = await pinImageTag({
      file: path,
      content: file.content,
      local: image.local,
      ecrRepository: image.ecrRepository,
      toTag: chosen.tag,
    });
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
    const text = bumpText({
      environment: d.name,
      image: image.name,
      local: image.local,
      file: path,
      fromTag: edit.fromTag,
      toTag: chosen.tag,
      digest: chosen.digest,
      pushedAt: chosen.pushedAt,
      repository,
    });
    const pullRequest = {
      branch,
      title: text.title,
      body: text.body,
      updated: false,
    };
    if (dryRun) {
      return {
        ...common,
        diff: edit.diff,
        message: `Would open a pull request pinning ${image.name} of ${d.name} at ${chosen.tag} (from ${edit.fromTag})`,
        pullRequest,
      };
    }

    const commitSha = await github.commitFile(repository, {
      parent: baseSha,
      path,
      content: edit.content,
      message: text.commitMessage,
    });
    const result: OperationResult = {
      ...common,
      diff: edit.diff,
      message: `Opened or updated the pull request pinning ${image.name} of ${d.name} at ${chosen.tag}`,
      pullRequest,
    };
    await sender.sending({
      kind: 'bump',
      branch,
      base,
      path,
      commitSha,
      result,
      sentAt: options.now().toISOString(),
    });
    await github.setBranch(repository, branch, commitSha);
    const pr = await github.upsertPullRequest(repository, {
      head: branch,
      base,
      title: text.title,
      body: text.body,
    });
    return {
      ...result,
      message: `${pr.updated ? 'Updated' : 'Opened'} pull request #${
        pr.number
      } pinning ${image.name} of ${d.name} at ${chosen.tag}`,
      pullRequest: { ...pullRequest, ...pr },
    };
  }

  return { resolveImage, bump };
}
