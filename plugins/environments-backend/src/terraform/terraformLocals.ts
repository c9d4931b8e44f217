import { InputError } from '@backstage/errors';
import { parse } from '@cdktf/hcl2json';

/** The values of every `locals` block of a Terraform file, merged. */
export type TerraformLocals = Record<string, unknown>;

/**
 * Parses a Terraform file with a real HCL parser and returns its locals.
 * Throws an InputError naming the file when it does not parse.
 */
export async function parseTerraformLocals(
  file: string,
  content: string,
): Promise<TerraformLocals> {
  let parsed: { locals?: Record<string, unknown>[] };
  try {
    parsed = await parse(file, content);
  } catch (error) {
    throw new InputError(`Could not parse '${file}': ${error}`);
  }
  return Object.assign({}, ...(parsed.locals ?? []));
}

const LOCAL_INTERPOLATION = /\$\{\s*local\.([A-Za-z_][A-Za-z0-9_-]*)\s*\}/g;

/**
 * The string value of a local with `${local.<name>}` interpolations of
 * other string locals filled in (as Terraform would), or undefined when it
 * is not a string or uses anything else.
 */
export function resolveStringLocal(
  locals: TerraformLocals,
  name: string,
  seen: string[] = [],
): string | undefined {
  const value = locals[name];
  if (typeof value !== 'string' || seen.includes(name)) return undefined;
  let unresolved = false;
  const resolved = value.replace(LOCAL_INTERPOLATION, (_, other: string) => {
    const inner = resolveStringLocal(locals, other, [...seen, name]);
    if (inner === undefined) unresolved = true;
    return inner ?? '';
  });
  if (unresolved || resolved.includes('${')) return undefined;
  return resolved;
}
