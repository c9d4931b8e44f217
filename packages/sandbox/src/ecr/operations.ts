import { EcrError, EcrImage, EcrRegistry } from './registry';

type Input = Record<string, any>;

const epoch = (ms: number) => ms / 1000;

function page<T>(items: T[], input: Input, defaultMax: number, key: string) {
  const max = input.maxResults ?? defaultMax;
  if (!Number.isInteger(max) || max < 1 || max > 1000) {
    throw new EcrError(
      'ValidationException',
      `1 validation error detected: Value '${max}' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 1000 and greater than or equal to 1`,
    );
  }
  let offset = 0;
  if (input.nextToken !== undefined) {
    let decoded: any;
    try {
      decoded = JSON.parse(
        Buffer.from(String(input.nextToken), 'base64').toString('utf8'),
      );
    } catch {
      decoded = undefined;
    }
    if (!decoded || decoded.key !== key || !Number.isInteger(decoded.offset)) {
      throw new EcrError(
        'InvalidParameterException',
        "Invalid parameter at 'nextToken' failed to satisfy constraint: 'Invalid NextToken'",
      );
    }
    offset = decoded.offset;
  }
  const slice = items.slice(offset, offset + max);
  const next =
    offset + max < items.length
      ? Buffer.from(JSON.stringify({ key, offset: offset + max })).toString(
          'base64',
        )
      : undefined;
  return { slice, nextToken: next };
}

function filtered(images: EcrImage[], input: Input): EcrImage[] {
  const status = input.filter?.tagStatus ?? 'ANY';
  if (!['TAGGED', 'UNTAGGED', 'ANY'].includes(status)) {
    throw new EcrError(
      'InvalidParameterException',
      `Invalid parameter at 'filter.tagStatus': ${JSON.stringify(status)}`,
    );
  }
  return byDigest(images).filter(
    i => status === 'ANY' || (status === 'TAGGED') === i.tags.length > 0,
  );
}

const sorted = new WeakMap<EcrImage[], { count: number; images: EcrImage[] }>();

/**
 * ECR lists in no particular order; ordering by digest makes that visible
 * to clients that assume push order. Kept until the repository changes, so
 * paging through many images sorts once.
 */
function byDigest(images: EcrImage[]): EcrImage[] {
  const cached = sorted.get(images);
  if (cached?.count === images.length) return cached.images;
  const result = [...images].sort((a, b) => (a.digest < b.digest ? -1 : 1));
  sorted.set(images, { count: images.length, images: result });
  return result;
}

function detail(
  registry: EcrRegistry,
  repositoryName: string,
  image: EcrImage,
) {
  return {
    registryId: registry.registryId,
    repositoryName,
    imageDigest: image.digest,
    ...(image.tags.length ? { imageTags: image.tags } : {}),
    imageSizeInBytes: image.sizeBytes,
    imagePushedAt: epoch(image.pushedAt),
    imageManifestMediaType:
      'application/vnd.docker.distribution.manifest.v2+json',
    artifactMediaType: 'application/vnd.docker.container.image.v1+json',
    ...(image.lastPulledAt
      ? { lastRecordedPullTime: epoch(image.lastPulledAt) }
      : {}),
  };
}

function byIds(
  registry: EcrRegistry,
  name: string,
  images: EcrImage[],
  ids: Input[],
) {
  return ids.map(id => {
    const found = images.find(
      i =>
        (!id.imageDigest || i.digest === id.imageDigest) &&
        (!id.imageTag || i.tags.includes(id.imageTag)),
    );
    if (!found || (!id.imageDigest && !id.imageTag)) {
      throw new EcrError(
        'ImageNotFoundException',
        `The image with imageId {imageDigest:'${
          id.imageDigest ?? 'null'
        }', imageTag:'${
          id.imageTag ?? 'null'
        }'} does not exist within the repository with name '${name}' in the registry with id '${
          registry.registryId
        }'`,
      );
    }
    return found;
  });
}

/** ECR's operations over the JSON 1.1 protocol, by `X-Amz-Target` name. */
export function ecrOperations(
  registry: EcrRegistry,
): Record<string, (input: Input) => object> {
  const checkRegistry = (input: Input) => {
    if (
      input.registryId !== undefined &&
      input.registryId !== registry.registryId
    ) {
      throw new EcrError(
        'RepositoryNotFoundException',
        `The registry with id '${input.registryId}' does not exist`,
      );
    }
  };
  return {
    DescribeImages(input) {
      checkRegistry(input);
      const repository = registry.repository(String(input.repositoryName));
      if (input.imageIds) {
        if (input.maxResults !== undefined || input.nextToken !== undefined) {
          throw new EcrError(
            'InvalidParameterException',
            'Invalid parameter: maxResults and nextToken cannot be used with imageIds',
          );
        }
        return {
          imageDetails: byIds(
            registry,
            repository.name,
            repository.images,
            input.imageIds,
          ).map(i => detail(registry, repository.name, i)),
        };
      }
      const { slice, nextToken } = page(
        filtered(repository.images, input),
        input,
        100,
        `DescribeImages:${repository.name}:${input.filter?.tagStatus ?? 'ANY'}`,
      );
      return {
        imageDetails: slice.map(i => detail(registry, repository.name, i)),
        ...(nextToken ? { nextToken } : {}),
      };
    },
    ListImages(input) {
      checkRegistry(input);
      const repository = registry.repository(String(input.repositoryName));
      const ids = filtered(repository.images, input).flatMap(i =>
        i.tags.length
          ? i.tags.map(imageTag => ({ imageDigest: i.digest, imageTag }))
          : [{ imageDigest: i.digest }],
      );
      const { slice, nextToken } = page(
        ids,
        input,
        100,
        `ListImages:${repository.name}:${input.filter?.tagStatus ?? 'ANY'}`,
      );
      return { imageIds: slice, ...(nextToken ? { nextToken } : {}) };
    },
    DescribeRepositories(input) {
      checkRegistry(input);
      const wanted: string[] | undefined = input.repositoryNames;
      const repositories = wanted
        ? wanted.map(n => registry.repository(n))
        : registry.repositories();
      const { slice, nextToken } = page(
        repositories,
        wanted ? { ...input, maxResults: input.maxResults ?? 1000 } : input,
        100,
        'DescribeRepositories',
      );
      return {
        repositories: slice.map(r => ({
          repositoryArn: `arn:aws:ecr:${registry.region}:${registry.registryId}:repository/${r.name}`,
          registryId: registry.registryId,
          repositoryName: r.name,
          repositoryUri: `${registry.registryId}.dkr.ecr.${registry.region}.amazonaws.com/${r.name}`,
          createdAt: epoch(r.createdAt),
          imageTagMutability: 'IMMUTABLE',
          imageScanningConfiguration: { scanOnPush: false },
          encryptionConfiguration: { encryptionType: 'AES256' },
        })),
        ...(nextToken ? { nextToken } : {}),
      };
    },
  };
}
