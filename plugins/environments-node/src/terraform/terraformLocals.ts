import { InputError } from '@backstage/errors';
import { parse } from '@cdktf/hcl2json';

/**
 * A Terraform file as JSON, the way `@cdktf/hcl2json` renders HCL: each
 * block kind maps labels to lists of bodies (`locals` is a list of bodies).
 *
 * @public
 */
export type TerraformBody = Record<string, any>;

/**
 * The values of every `locals` block of a Terraform file, merged.
 *
 * @public
 */
export type TerraformLocals = Record<string, unknown>;

/**
 * Parses a Terraform file with a real HCL parser. Throws an InputError
 * naming the file when it does not parse.
 *
 * @public
 */
export async function parseTerraformFile(
  file: string,
  content: string,
): Promise<TerraformBody> {
  try {
    return (await parse(file, content)) as TerraformBody;
  } catch (error) {
    throw new InputError(`Could not parse '${file}': ${error}`);
  }
}

/**
 * The merged `locals` of parsed Terraform files (of one module).
 *
 * @public
 */
export function localsOf(bodies: TerraformBody[]): TerraformLocals {
  return Object.assign({}, ...bodies.flatMap(body => body.locals ?? []));
}

/**
 * Parses a Terraform file and returns its locals. Throws an InputError
 * naming the file when it does not parse.
 *
 * @public
 */
export async function parseTerraformLocals(
  file: string,
  content: string,
): Promise<TerraformLocals> {
  return localsOf([await parseTerraformFile(file, content)]);
}

const LOCAL_INTERPOLATION = /\$\{\s*local\.([A-Za-z_][A-Za-z0-9_-]*)\s*\}/g;

/**
 * The string value of a local with `${local.<name>}` interpolations of
 * other string locals filled in (as Terraform would), or undefined when it
 * is not a string or uses anything else (`var.`, functions, escapes):
 * those the portal does not evaluate, so it does not guess.
 *
 * @public
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
