import { CacheService, LoggerService } from '@backstage/backend-plugin-api';
import { JsonObject } from '@backstage/types';
import { InputError, NotFoundError } from '@backstage/errors';
import type {
  EnvironmentImages,
  ImageStatus,
  RegistryImage,
} from '@rocket-club/plugin-environments-common';
import type { EcrImage } from '../../clients/ecr/EcrClient';
import {
  commitShaFromTag,
  findTag,
  matchingTags,
  newestMatching,
} from '../../clients/ecr/images';
import type { GithubClient } from '../../clients/github/GithubClient';
import type { EnvironmentDefinition, ImageDefinition } from '../../config';
import {
  PinResult,
  readPinnedImages,
} from '@rocket-club/plugin-environments-node';
import { createCachedLoader } from './cached';
import { bumpBranch } from '../OperationsService/bump';

/** A compare of two commits never changes. */
const COMPARE_TTL_MS = 24 * 3600_000;

/** Reads an environment's images: pinned in Terraform against ECR. */
export interface ImageService {
  /** The view from the cache; assembled (and cached) only when absent. */
  getImages(definition: EnvironmentDefinition): Promise<EnvironmentImages>;
  /** Whether a view is cached, so that a read would call neither ECR nor GitHub. */
  hasView(definition: EnvironmentDefinition): Promise<boolean>;
  /**
   * Forgets the cached view and ECR listings of an environment, after
   * something may have pushed an image or changed a pin, so the next read
   * shows it instead of a view up to a TTL old.
   */
  invalidate(definition: EnvironmentDefinition): Promise<void>;
  /** The ECR tags an image may be bumped to, newest first. */
  listTags(
    definition: EnvironmentDefinition,
    image: string,
    limit: number,
  ): Promise<RegistryImage[]>;
  /**
   * Reads ECR and the pinned file again and replaces the cached view, so
   * that page views never wait on ECR or GitHub. A view with errors does not
   * replace a good one (that one ages out after `ttl.viewMs`).
   */
  refresh(definition: EnvironmentDefinition): Promise<EnvironmentImages>;
}

/** Options of {@link createImageService}. */
export interface ImageServiceOptions {
  github: Pick<GithubClient, 'readFile' | 'compare'> &
    Partial<Pick<GithubClient, 'openPullRequest'>>;
  /** Absent when `environments.ecr` is not configured. */
  ecr?: { listImages(repositoryName: string): Promise<EcrImage[]> };
  /** Distinguishes registries in cache keys. */
  registryKey: string;
  cache: CacheService;
  /**
   * `viewMs`: how long an assembled view is served; the background refresh
   * replaces it well before. Default: the shorter of the other two.
   */
  ttl: { ecrMs: number; githubMs: number; viewMs?: number };
  logger: LoggerService;
}

const openPullKey = (def: EnvironmentDefinition, image: string) =>
  `github:pull:${def.repository.host}/${def.repository.owner}/${
    def.repository.name
  }:${bumpBranch(def.name, image)}`;

const message = (error: unknown) => (error as Error)?.message ?? String(error);

/**
 * Creates the {@link ImageService}. Every upstream read goes through the
 * cache, so a warm page view calls neither GitHub nor ECR; the scheduled
 * {@link ImageService.refresh} keeps the view in the cache, so a cold one
 * does not either. Without refreshes, a view may be up to twice the shorter
 * TTL old (a view cached just before the listings it was built from expire).
 */
export function createImageService(options: ImageServiceOptions): ImageService {
  const { github, ecr, ttl, logger } = options;
  const cached = createCachedLoader(options.cache);
  // Parsing HCL is not free: keep the last parse of each file's content.
  const parsed = new Map<
    string,
    { content: string; pins: Record<string, PinResult> }
  >();

  const viewTtlMs = ttl.viewMs ?? Math.min(ttl.ecrMs, ttl.githubMs);
  const listImages = (repository: string, fresh: boolean) => {
    if (!ecr) {
      return Promise.reject(new Error('environments.ecr is not configured'));
    }
    return cached(
      `ecr:${options.registryKey}:${repository}`,
      ttl.ecrMs,
      () => ecr.listImages(repository),
      { fresh },
    );
  };

  async function imageStatus(
    def: EnvironmentDefinition,
    image: ImageDefinition,
    pin: PinResult | undefined,
    fresh: boolean,
  ): Promise<ImageStatus> {
    const status: ImageStatus = {
      name: image.name,
      local: image.local,
      ecrRepository: image.ecrRepository,
      bumpable: !!image.tagPattern,
    };
    const errors: string[] = pin?.error ? [pin.error] : [];
    let images: EcrImage[] | undefined;
    try {
      images = await listImages(image.ecrRepository, fresh);
    } catch (error) {
      errors.push(message(error));
    }
    if (pin?.pinned) {
      const { reference, registry, repository, tag } = pin.pinned;
      const inEcr = images && findTag(images, tag);
      status.pinned = {
        reference,
        registry,
        repository,
        tag,
        commitSha: commitShaFromTag(tag),
        pushedAt: inEcr?.pushedAt,
      };
      if (images && !inEcr) errors.push(`Pinned tag '${tag}' is not in ECR`);
    }
    const newest =
      images &&
      (image.tagPattern
        ? newestMatching(images, image.tagPattern)
        : findTag(images, image.tag!));
    if (newest) {
      status.newest = { ...newest, commitSha: commitShaFromTag(newest.tag) };
    }
    if (status.pinned && status.newest) {
      status.upToDate = status.pinned.tag === status.newest.tag;
    }
    const from = status.pinned?.commitSha;
    const to = status.newest?.commitSha;
    if (from && to && from !== to) {
      const repo = { ...def.repository };
      try {
        const comparison = await cached(
          `github:compare:${repo.host}/${repo.owner}/${repo.name}:${from}...${to}`,
          COMPARE_TTL_MS,
          async () => ({ ...(await github.compare(repo, from, to)) }),
        );
        status.commitsBehind = comparison.aheadBy;
        status.compareUrl = comparison.htmlUrl;
      } catch (error) {
        logger.warn(`Could not compare ${from}...${to}: ${message(error)}`);
      }
    }
    if (image.tagPattern && github.openPullRequest) {
      const repo = { ...def.repository };
      const branch = bumpBranch(def.name, image.name);
      try {
        const open = await cached(
          openPullKey(def, image.name),
          ttl.githubMs,
          async () => {
            const pr = await github.openPullRequest!(
              repo,
              branch,
              def.repository.branch ?? 'main',
            );
            return { pr: pr ? { number: pr.number, url: pr.url } : null };
          },
          { fresh },
        );
        if (open.pr) status.openPullRequest = open.pr;
      } catch (error) {
        logger.warn(
          `Could not list pull requests of ${branch}: ${message(error)}`,
        );
      }
    }
    if (errors.length) status.error = errors.join('; ');
    return status;
  }

  async function assemble(def: EnvironmentDefinition, fresh: boolean) {
    const { host, owner, name, branch } = def.repository;
    const path = def.terraform.path;
    let pins: Record<string, PinResult> = {};
    let source = `${path}@${branch ?? 'default branch'}`;
    try {
      const file = await cached(
        `github:file:${host}/${owner}/${name}@${branch ?? ''}:${path}`,
        ttl.githubMs,
        async () => {
          const read = await github.readFile(def.repository, path, branch);
          return { content: read.content, ref: read.ref };
        },
        { fresh },
      );
      source = `${path}@${file.ref}`;
      const last = parsed.get(def.name);
      if (last?.content === file.content) {
        pins = last.pins;
      } else {
        pins = await readPinnedImages(
          path,
          file.content,
          Object.fromEntries(def.images.map(i => [i.name, i])),
        );
        parsed.set(def.name, { content: file.content, pins });
      }
    } catch (error) {
      const why = message(error);
      pins = Object.fromEntries(def.images.map(i => [i.name, { error: why }]));
    }
    return {
      environment: def.name,
      source,
      images: await Promise.all(
        def.images.map(i => imageStatus(def, i, pins[i.name], fresh)),
      ),
    };
  }

  /*
   * The assembled view is cached too (when it has no errors), so a warm
   * view is one small cache read rather than re-reading ECR listings of
   * thousands of images from the cache. With a shared cache (Redis), every
   * instance serves the view one refresh wrote.
   */
  const viewKey = (def: EnvironmentDefinition) => `images:${def.name}`;
  async function store(def: EnvironmentDefinition, view: EnvironmentImages) {
    if (!view.images.some(i => i.error)) {
      await options.cache.set(viewKey(def), view as unknown as JsonObject, {
        ttl: viewTtlMs,
      });
    }
    return view;
  }

  async function getImages(def: EnvironmentDefinition) {
    const hit = await options.cache.get<JsonObject>(viewKey(def));
    if (hit) return hit as unknown as EnvironmentImages;
    return store(def, await assemble(def, false));
  }

  async function hasView(def: EnvironmentDefinition) {
    return (await options.cache.get(viewKey(def))) !== undefined;
  }

  async function refresh(def: EnvironmentDefinition) {
    const view = await store(def, await assemble(def, true));
    const errors = view.images.filter(i => i.error).map(i => i.error);
    if (errors.length) {
      logger.warn(
        `Image refresh of ${def.name} kept the previous view: ${errors.join(
          '; ',
        )}`,
      );
    }
    return view;
  }

  async function invalidate(def: EnvironmentDefinition) {
    const repositories = new Set(def.images.map(i => i.ecrRepository));
    const { host, owner, name, branch } = def.repository;
    await Promise.all([
      options.cache.delete(viewKey(def)),
      ...def.images.map(i => options.cache.delete(openPullKey(def, i.name))),
      // A merged bump changes the pins.
      options.cache.delete(
        `github:file:${host}/${owner}/${name}@${branch ?? ''}:${
          def.terraform.path
        }`,
      ),
      ...[...repositories].map(r =>
        options.cache.delete(`ecr:${options.registryKey}:${r}`),
      ),
    ]);
  }

  async function listTags(
    def: EnvironmentDefinition,
    imageName: string,
    limit: number,
  ): Promise<RegistryImage[]> {
    const image = def.images.find(i => i.name === imageName);
    if (!image) {
      throw new NotFoundError(
        `${def.name} has no image ${JSON.stringify(
          imageName,
        )}; known: ${def.images.map(i => i.name).join(', ')}`,
      );
    }
    if (!image.tagPattern) {
      throw new InputError(
        `Image ${JSON.stringify(imageName)} of ${
          def.name
        } is pinned to a fixed tag`,
      );
    }
    // The tag picker offers what ECR has now.
    const images = await listImages(image.ecrRepository, true);
    return matchingTags(images, image.tagPattern, limit).map(t => ({
      ...t,
      commitSha: commitShaFromTag(t.tag),
    }));
  }

  return { getImages, hasView, refresh, invalidate, listTags };
}
