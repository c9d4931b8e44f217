import { parse } from '@cdktf/hcl2json';
import { InputError } from '@backstage/errors';
import { createTwoFilesPatch, structuredPatch } from 'diff';
import { isDeepStrictEqual } from 'node:util';

/** What ECR accepts as an image tag; nothing that could break out of an HCL string. */
const TAG = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/;

/** `<registry>/<repository>:<tag>` with an ECR registry host. */
const ECR_REFERENCE =
  /^(\d{12}\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com(?:\.cn)?)\/([a-z0-9]+(?:[._/-][a-z0-9]+)*):([A-Za-z0-9_][A-Za-z0-9._-]{0,127})$/;

/**
 * The result of pinning a new tag in a Terraform file.
 */
export interface PinEdit {
  content: string;
  fromTag: string;
  toTag: string;
  reference: { before: string; after: string };
  /** 1-based line of the edited string. */
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
  if (!TAG.test(tag)) {
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

async function readLocals(
  file: string,
  content: string,
): Promise<{ parsed: any; locals: Record<string, unknown> }> {
  const parsed: any = await parse(file, content);
  const locals: Record<string, unknown> = Object.assign(
    {},
    ...((parsed.locals as object[] | undefined) ?? []),
  );
  return { parsed, locals };
}

/**
 * Pins `toTag` for the image that `local` references in a Terraform file by
 * editing exactly that one string in place, so the diff is one line. The
 * result is parsed again and compared with the original: only that local may
 * change, and only to the new reference.
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

  const before = await readLocals(file, content);
  const value = before.locals[local];
  if (value === undefined) {
    throw new InputError(`${file} has no local ${JSON.stringify(local)}`);
  }
  const match = typeof value === 'string' ? ECR_REFERENCE.exec(value) : null;
  if (!match) {
    throw new InputError(
      `local.${local} in ${file} is not an ECR image reference: ${JSON.stringify(
        value,
      )}`,
    );
  }
  const [reference, registry, repository, fromTag] = match;
  if (repository !== ecrRepository) {
    throw new InputError(
      `local.${local} in ${file} points at repository ${JSON.stringify(
        repository,
      )}, not ${JSON.stringify(ecrRepository)}`,
    );
  }

  const lines = content.split('\n');
  const assignment = new RegExp(`^\\s*${local}\\s*=\\s*"([^"\\\\]*)"`);
  const candidates = lines
    .map((text, index) => ({ index, found: assignment.exec(text)?.[1] }))
    .filter(c => c.found === reference);
  if (candidates.length !== 1) {
    throw new InputError(
      `Expected exactly one literal assignment of local.${local} in ${file}, found ${candidates.length}`,
    );
  }
  const { index } = candidates[0];
  if (fromTag === toTag) {
    return {
      content,
      fromTag,
      toTag,
      reference: { before: reference, after: reference },
      line: index + 1,
      diff: '',
      unchanged: true,
    };
  }
  const after = `${registry}/${repository}:${toTag}`;
  lines[index] = lines[index].replace(`"${reference}"`, `"${after}"`);
  const edited = lines.join('\n');

  const check = await readLocals(file, edited);
  const expected = {
    ...before.parsed,
    locals: (before.parsed.locals as Record<string, unknown>[]).map(block =>
      local in block ? { ...block, [local]: after } : block,
    ),
  };
  if (!isDeepStrictEqual(check.parsed, expected)) {
    throw new InputError(
      `Pinning ${JSON.stringify(
        toTag,
      )} in ${file} would change more than local.${local}`,
    );
  }

  const hunks = structuredPatch(file, file, content, edited).hunks;
  const changed = hunks.flatMap(h =>
    h.lines.filter(l => l.startsWith('+') || l.startsWith('-')),
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
    reference: { before: reference, after },
    line: index + 1,
    diff: createTwoFilesPatch(`a/${file}`, `b/${file}`, content, edited),
    unchanged: false,
  };
}
