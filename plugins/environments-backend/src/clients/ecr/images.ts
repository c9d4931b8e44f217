import { EcrImage } from './EcrClient';

/** An image found by tag. */
export interface TaggedImage {
  tag: string;
  digest: string;
  pushedAt: string;
}

/**
 * The newest image (by push time) with a tag matching the pattern, and that
 * tag. Tags that do not match are ignored, even on matching images.
 */
export function newestMatching(
  images: EcrImage[],
  pattern: RegExp,
): TaggedImage | undefined {
  let newest: TaggedImage | undefined;
  for (const image of images) {
    const tag = image.tags.find(t => pattern.test(t));
    if (tag && (!newest || image.pushedAt > newest.pushedAt)) {
      newest = { tag, digest: image.digest, pushedAt: image.pushedAt };
    }
  }
  return newest;
}

/**
 * Every tag matching the pattern, newest image first (at most `limit`):
 * what the bump template offers to choose from.
 */
export function matchingTags(
  images: EcrImage[],
  pattern: RegExp,
  limit: number,
): TaggedImage[] {
  const found: TaggedImage[] = [];
  for (const image of images) {
    for (const tag of image.tags) {
      if (pattern.test(tag)) {
        found.push({ tag, digest: image.digest, pushedAt: image.pushedAt });
      }
    }
  }
  return found
    .sort(
      (a, b) =>
        b.pushedAt.localeCompare(a.pushedAt) || a.tag.localeCompare(b.tag),
    )
    .slice(0, limit);
}

/** The image that carries exactly this tag. */
export function findTag(
  images: EcrImage[],
  tag: string,
): TaggedImage | undefined {
  const image = images.find(i => i.tags.includes(tag));
  return image && { tag, digest: image.digest, pushedAt: image.pushedAt };
}

/**
 * The commit a tag encodes as its last `-`-separated part (7 to 40 hex
 * digits), e.g. `prefect-deployer-3-python3.12-a1b2c3d` → `a1b2c3d`.
 */
export function commitShaFromTag(tag: string): string | undefined {
  return /-([0-9a-f]{7,40})$/.exec(tag)?.[1];
}
