import { parse } from '@cdktf/hcl2json';
import { InputError } from '@backstage/errors';
import { createTwoFilesPatch, structuredPatch } from 'diff';
import { isDeepStrictEqual } from 'node:util';
import {
  findLocalLiteral,
  isImageTag,
  parseTerraformLocals,
  pinnedImage,
} from '@rocket-club/plugin-environments-node';

/**
 * The result of pinning a new tag in a Terraform file.
 */
export interface PinEdit {
  content: string;
  fromTag: string;
  toTag: string;
  /** 1-based line of the edited tag. */
  line: number;
  /** Unified diff of the file (empty when unchanged). */
  diff: string;
  /** The file already pins this tag: nothing to change. */
  unchanged: boolean;
}

/**
 * Validates an image tag before it goes anywhere near a file, quoting the
 * bad value.
 */
export function assertImageTag(tag: string, pattern?: RegExp): void {
  if (!isImageTag(tag)) {
    throw new InputError(
      `Invalid image tag ${JSON.stringify(
        tag,
      )}: a tag is 1-128 letters, digits, '_', '.' or '-'`,
    );
  }
  if (pattern && !pattern.test(tag)) {
    throw new InputError(
      `Invalid image tag ${JSON.stringify(tag)}: it does not match ${pattern}`,
    );
  }
}

/**
 * Pins `toTag` for the image that `local` references in a Terraform file by
 * replacing exactly the tag at the end of that local's string literal, so
 * the diff is one line (the registry part may be written literally or
 * interpolated). The result is parsed again and compared with the original:
 * only that local may change, and only its tag.
 */
export async function pinImageTag(options: {
  file: string;
  content: string;
  local: string;
  ecrRepository: string;
  toTag: string;
}): Promise<PinEdit> {
  const { file, content, local, ecrRepository, toTag } = options;
  assertImageTag(toTag);

  const locals = await parseTerraformLocals(file, content);
  const pinned = pinnedImage(file, locals, { local, ecrRepository });
  const literal = findLocalLiteral(file, content, local);
  if (!literal.tag) {
    throw new InputError(
      `Local '${local}' in ${file} does not end in a plain image tag: "${literal.raw}"`,
    );
  }
  const fromTag = content.slice(literal.tag.start, literal.tag.end);
  if (fromTag !== pinned.tag) {
    throw new InputError(
      `Local '${local}' in ${file} is written in a way the portal cannot edit in place`,
    );
  }
  if (fromTag === toTag) {
    return {
      content,
      fromTag,
      toTag,
      line: literal.tag.line,
      diff: '',
      unchanged: true,
    };
  }

  const edited =
    content.slice(0, literal.tag.start) +
    toTag +
    content.slice(literal.tag.end);

  const before: any = await parse(file, content);
  const after: any = await parse(file, edited);
  const expected = {
    ...before,
    locals: (before.locals as Record<string, string>[]).map(block =>
      local in block
        ? {
            ...block,
            [local]: `${block[local].slice(0, -fromTag.length)}${toTag}`,
          }
        : block,
    ),
  };
  if (!isDeepStrictEqual(after, expected)) {
    throw new InputError(
      `Pinning ${JSON.stringify(
        toTag,
      )} in ${file} would change more than local.${local}`,
    );
  }
  const changed = structuredPatch(file, file, content, edited).hunks.flatMap(
    h => h.lines.filter(l => l.startsWith('+') || l.startsWith('-')),
  );
  if (changed.length !== 2) {
    throw new InputError(
      `Pinning ${JSON.stringify(toTag)} in ${file} would change ${
        changed.length
      } lines, not one`,
    );
  }

  return {
    content: edited,
    fromTag,
    toTag,
    line: literal.tag.line,
    diff: createTwoFilesPatch(`a/${file}`, `b/${file}`, content, edited),
    unchanged: false,
  };
}
