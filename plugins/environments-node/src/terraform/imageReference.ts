/**
 * An ECR image reference split into its parts.
 *
 * @public
 */
export interface ImageReference {
  /** The full reference, e.g. `123456789012.dkr.ecr.eu-west-2.amazonaws.com/blog-data:tag`. */
  reference: string;
  /** The registry host, e.g. `123456789012.dkr.ecr.eu-west-2.amazonaws.com`. */
  registry: string;
  /** The 12-digit AWS account id of the registry. */
  accountId: string;
  /** The AWS region of the registry, e.g. `eu-west-2`. */
  region: string;
  /** The repository name, e.g. `blog-data` or `team/blog-data`. */
  repository: string;
  /** The image tag. */
  tag: string;
}

/** An image tag as ECR (and the OCI distribution spec) accept it. */
const TAG = '[A-Za-z0-9_][A-Za-z0-9._-]{0,127}';

/** AWS's documented ECR repository name pattern (CreateRepository). */
const REPOSITORY =
  '(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*';

/*
 * The one ECR reference pattern of the project. Decisions:
 * - the host is `<account>.dkr.ecr.<region>.amazonaws.com`, or
 *   `.amazonaws.com.cn` for the China regions (`cn-*`), which is where AWS
 *   serves them; each suffix only with its own regions (checked below);
 * - the repository follows AWS's pattern: single `.`, `_` or `-` between
 *   lowercase letters and digits, `/` between path parts, 2 to 256
 *   characters. The Docker distribution spec also allows `__`; ECR does
 *   not, so neither do we;
 * - a tag is required (a digest reference is not a pin the portal can bump).
 */
const ECR_REFERENCE = new RegExp(
  `^((\\d{12})\\.dkr\\.ecr\\.([a-z0-9-]+)\\.amazonaws\\.com(\\.cn)?)/(${REPOSITORY}):(${TAG})$`,
);
const IMAGE_TAG = new RegExp(`^${TAG}$`);
const TRAILING_TAG = new RegExp(`:(${TAG})$`);

/**
 * Whether `tag` is an image tag ECR accepts: 1 to 128 letters, digits, `_`,
 * `.` or `-`, not starting with `.` or `-`. Nothing that passes can break
 * out of a quoted HCL string.
 *
 * @public
 */
export function isImageTag(tag: string): boolean {
  return IMAGE_TAG.test(tag);
}

/** The tag at the end of `value` (after its last `:`), if it ends in one. */
export function trailingTag(value: string): string | undefined {
  return TRAILING_TAG.exec(value)?.[1];
}

/**
 * Splits an ECR image reference with a tag into registry, repository and
 * tag; undefined when the value is not one (a digest reference, another
 * registry, no tag, a repository name ECR would refuse). See the module's
 * comment for the rules and why.
 *
 * @public
 */
export function parseImageReference(value: string): ImageReference | undefined {
  const match = ECR_REFERENCE.exec(value);
  if (!match) return undefined;
  const [reference, registry, accountId, region, china, repository, tag] =
    match;
  if (Boolean(china) !== region.startsWith('cn-')) return undefined;
  if (repository.length < 2 || repository.length > 256) return undefined;
  return { reference, registry, accountId, region, repository, tag };
}
