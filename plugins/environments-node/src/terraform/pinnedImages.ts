import { InputError } from '@backstage/errors';
import { ImageReference, parseImageReference } from './imageReference';
import { findLocalLiteral, SourceSpan } from './localLiteral';
import {
  parseTerraformLocals,
  resolveStringLocal,
  TerraformLocals,
} from './terraformLocals';

/**
 * What an image's pin is read from.
 *
 * @public
 */
export interface PinSource {
  /** The Terraform local holding the reference. */
  local: string;
  /** The ECR repository the reference must point at, when it is fixed. */
  ecrRepository?: string;
}

/**
 * An image pinned by a Terraform local, and where its tag is written.
 *
 * @public
 */
export interface PinnedImage extends ImageReference {
  /** The local holding it. */
  local: string;
  /** The literal as written, `${local.x}` interpolations included. */
  raw: string;
  /** Where the tag is written: exactly what a bump replaces. */
  tagSpan: SourceSpan;
}

/**
 * The image reference that a local's value pins, from the parsed locals
 * alone. Throws an InputError naming the file and the local when the local
 * is missing, is not a string, interpolates anything but string locals, is
 * not an ECR image reference with a tag, or points at another repository.
 *
 * @public
 */
export function pinnedImage(
  file: string,
  locals: TerraformLocals,
  source: PinSource,
): ImageReference {
  const { local, ecrRepository } = source;
  const value = locals[local];
  if (value === undefined) {
    throw new InputError(`${file} has no local '${local}'`);
  }
  if (typeof value !== 'string') {
    throw new InputError(
      `Local '${local}' in ${file} is not a string: ${JSON.stringify(value)}`,
    );
  }
  const resolved = resolveStringLocal(locals, local);
  if (resolved === undefined) {
    throw new InputError(
      `Local '${local}' in ${file} is not a string the portal can resolve (it may interpolate only string locals): '${value}'`,
    );
  }
  const reference = parseImageReference(resolved);
  if (!reference) {
    throw new InputError(
      `Local '${local}' in ${file} is not an ECR image reference with a tag: '${resolved}'`,
    );
  }
  if (ecrRepository !== undefined && reference.repository !== ecrRepository) {
    throw new InputError(
      `Local '${local}' in ${file} points at ECR repository '${reference.repository}', not '${ecrRepository}'`,
    );
  }
  return reference;
}

/**
 * Reads the image a local pins, by the one rule of the project for pinned
 * images (the backend reads and bumps by it, infra-checks enforces it):
 *
 * - the local is one quoted string literal, assigned once in a top-level
 *   `locals` block, at the start of its line (only a comment may follow);
 * - it may interpolate other string locals (`${local.registry}/…`), which
 *   are resolved as Terraform would; anything else (`var.`, functions) is
 *   refused, as the portal would have to guess its value;
 * - resolved, it is an ECR image reference with a tag (see
 *   {@link parseImageReference}), in `source.ecrRepository` when given;
 * - the tag is written out at the end of the literal, so that a bump
 *   replaces exactly {@link PinnedImage.tagSpan} and nothing else.
 *
 * Throws an InputError naming the file and the local when any of it fails.
 *
 * @public
 */
export function readPinnedImage(
  file: string,
  content: string,
  locals: TerraformLocals,
  source: PinSource,
): PinnedImage {
  const reference = pinnedImage(file, locals, source);
  const literal = findLocalLiteral(file, content, source.local);
  const written =
    literal.tag && content.slice(literal.tag.start, literal.tag.end);
  if (!literal.tag || written !== reference.tag) {
    throw new InputError(
      `Local '${source.local}' in ${file} does not end in a plain image tag: "${literal.raw}"`,
    );
  }
  return {
    ...reference,
    local: source.local,
    raw: literal.raw,
    tagSpan: literal.tag,
  };
}

/**
 * The pin of one image, or why it could not be read.
 *
 * @public
 */
export type PinResult =
  | { pinned: PinnedImage; error?: undefined }
  | { pinned?: undefined; error: string };

/**
 * Reads the pins of several images from one Terraform file, parsed once
 * (each by {@link readPinnedImage}). A file that does not parse throws; a
 * bad local only fails its own image.
 *
 * @public
 */
export async function readPinnedImages(
  file: string,
  content: string,
  sources: Record<string, PinSource>,
): Promise<Record<string, PinResult>> {
  const locals = await parseTerraformLocals(file, content);
  const results: Record<string, PinResult> = {};
  for (const [name, source] of Object.entries(sources)) {
    try {
      results[name] = {
        pinned: readPinnedImage(file, content, locals, source),
      };
    } catch (error) {
      results[name] = { error: (error as Error).message };
    }
  }
  return results;
}
