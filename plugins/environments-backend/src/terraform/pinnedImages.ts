import { InputError } from '@backstage/errors';
import { ImageReference, parseImageReference } from './imageReference';
import {
  parseTerraformLocals,
  resolveStringLocal,
  TerraformLocals,
} from './terraformLocals';

/** What an image's pin is read from. */
export interface PinSource {
  /** The Terraform local holding the reference. */
  local: string;
  /** The ECR repository the reference must point at. */
  ecrRepository: string;
}

/**
 * The image reference that a local pins. Throws an InputError naming the
 * file and the local when the local is missing, is not a string, is not an
 * ECR image reference with a tag, or points at another repository.
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
  const resolved = resolveStringLocal(locals, local);
  if (resolved === undefined) {
    throw new InputError(
      `Local '${local}' in ${file} is not a string: ${JSON.stringify(value)}`,
    );
  }
  const reference = parseImageReference(resolved);
  if (!reference) {
    throw new InputError(
      `Local '${local}' in ${file} is not an ECR image reference with a tag: '${resolved}'`,
    );
  }
  if (reference.repository !== ecrRepository) {
    throw new InputError(
      `Local '${local}' in ${file} points at ECR repository '${reference.repository}', not '${ecrRepository}'`,
    );
  }
  return reference;
}

/** The pin of one image, or why it could not be read. */
export type PinResult =
  | { pinned: ImageReference; error?: undefined }
  | { pinned?: undefined; error: string };

/**
 * Reads the pins of several images from one Terraform file, parsed once. A
 * file that does not parse throws; a bad local only fails its own image.
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
      results[name] = { pinned: pinnedImage(file, locals, source) };
    } catch (error) {
      results[name] = { error: (error as Error).message };
    }
  }
  return results;
}
