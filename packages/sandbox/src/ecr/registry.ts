import { createHash } from 'node:crypto';

/** An image in a repository of the ECR stand-in. */
export interface EcrImage {
  digest: string;
  tags: string[];
  /** Epoch milliseconds. */
  pushedAt: number;
  sizeBytes: number;
  lastPulledAt?: number;
}

/** A repository of the ECR stand-in. */
export interface EcrRepository {
  name: string;
  createdAt: number;
  images: EcrImage[];
  /** Which image has each tag. */
  byTag: Map<string, EcrImage>;
}

/** An error ECR answers with: HTTP 400 and `{"__type", "message"}`. */
export class EcrError extends Error {
  constructor(readonly type: string, message: string, readonly status = 400) {
    super(message);
    this.name = type;
  }
}

/**
 * The registry the ECR stand-in serves: repositories with immutable tags
 * (`imageTagMutability: IMMUTABLE`, as the seed's `blog-data` is configured).
 */
export class EcrRegistry {
  readonly #repositories = new Map<string, EcrRepository>();

  constructor(readonly registryId: string, readonly region: string) {}

  repositories(): EcrRepository[] {
    return [...this.#repositories.values()];
  }

  createRepository(name: string, createdAt: number): EcrRepository {
    const existing = this.#repositories.get(name);
    if (existing) return existing;
    const repository = { name, createdAt, images: [], byTag: new Map() };
    this.#repositories.set(name, repository);
    return repository;
  }

  repository(name: string): EcrRepository {
    const repository = this.#repositories.get(name);
    if (!repository) {
      throw new EcrError(
        'RepositoryNotFoundException',
        `The repository with name '${name}' does not exist in the registry with id '${this.registryId}'`,
      );
    }
    return repository;
  }

  /**
   * Pushes an image. A tag that exists is refused unless `replace` is set,
   * which stands for deleting the old image's tag first; the old image stays
   * as an untagged image.
   */
  push(
    name: string,
    image: {
      tag?: string;
      pushedAt: number;
      seed?: string;
      sizeBytes?: number;
      replace?: boolean;
    },
  ): EcrImage {
    const repository = this.repository(name);
    const owner = image.tag ? repository.byTag.get(image.tag) : undefined;
    if (owner && !image.replace) {
      throw new EcrError(
        'ImageTagAlreadyExistsException',
        `The image tag '${image.tag}' already exists in the '${name}' repository and cannot be overwritten because the repository is immutable.`,
      );
    }
    if (owner) owner.tags = owner.tags.filter(t => t !== image.tag);
    const digest = `sha256:${createHash('sha256')
      .update(
        `${name}\0${image.tag ?? ''}\0${image.pushedAt}\0${image.seed ?? ''}`,
      )
      .digest('hex')}`;
    const pushed: EcrImage = {
      digest,
      tags: image.tag ? [image.tag] : [],
      pushedAt: image.pushedAt,
      sizeBytes:
        image.sizeBytes ??
        180_000_000 + (parseInt(digest.slice(7, 13), 16) % 40_000_000),
    };
    repository.images.push(pushed);
    if (image.tag) repository.byTag.set(image.tag, pushed);
    return pushed;
  }

  /** Adds another tag to an image that has none by that name yet. */
  addTag(name: string, image: EcrImage, tag: string): void {
    const repository = this.repository(name);
    if (repository.byTag.has(tag)) return;
    image.tags.push(tag);
    repository.byTag.set(tag, image);
  }

  /** The image with `tag`, if any. */
  find(name: string, tag: string): EcrImage | undefined {
    return this.#repositories.get(name)?.byTag.get(tag);
  }
}
