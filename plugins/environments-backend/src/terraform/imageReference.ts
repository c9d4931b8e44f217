/**
 * An ECR image reference split into its parts.
 */
export interface ImageReference {
  /** The full reference, e.g. `123456789012.dkr.ecr.eu-west-2.amazonaws.com/blog-data:tag`. */
  reference: string;
  /** The registry host, e.g. `123456789012.dkr.ecr.eu-west-2.amazonaws.com`. */
  registry: string;
  accountId: string;
  region: string;
  repository: string;
  tag: string;
}

/** `<account>.dkr.ecr.<region>.amazonaws.com[.cn]/<repository>:<tag>` */
const ECR_REFERENCE =
  /^((\d{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?)\/([a-z0-9]+(?:(?:[._-]|__|[/])[a-z0-9]+)*):([A-Za-z0-9_][A-Za-z0-9._-]{0,127})$/;

/**
 * Splits an ECR image reference with a tag into registry, repository and
 * tag; undefined when the value is not one (a digest reference, another
 * registry, no tag).
 */
export function parseImageReference(value: string): ImageReference | undefined {
  const match = ECR_REFERENCE.exec(value);
  if (!match) return undefined;
  const [reference, registry, accountId, region, repository, tag] = match;
  return { reference, registry, accountId, region, repository, tag };
}
