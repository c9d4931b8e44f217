import {
  localsOf,
  parseTerraformFile,
  TerraformBody,
} from '@rocket-club/plugin-environments-node';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

/**
 * The JSON form of an HCL body, as `@cdktf/hcl2json` renders it.
 *
 * @public
 */
export type HclBody = TerraformBody;

/**
 * One parsed Terraform file.
 *
 * @public
 */
export interface TerraformFile {
  /** Path relative to the repository root. */
  path: string;
  text: string;
  body: HclBody;
}

/**
 * A Terraform module directory (the root or one under modules/) and its
 * parsed `.tf` files.
 *
 * @public
 */
export interface TerraformModule {
  /** Directory relative to the repository root. */
  dir: string;
  files: TerraformFile[];
}

/**
 * Loads and parses every `.tf` file of one directory (not recursive).
 *
 * @public
 */
export async function loadModule(
  repoRoot: string,
  dir: string,
): Promise<TerraformModule> {
  const abs = resolve(repoRoot, dir);
  const names = readdirSync(abs)
    .filter(name => name.endsWith('.tf'))
    .sort();
  const files = await Promise.all(
    names.map(async name => {
      const path = relative(repoRoot, join(abs, name));
      const text = readFileSync(join(abs, name), 'utf8');
      return { path, text, body: await parseTerraformFile(path, text) };
    }),
  );
  return { dir: relative(repoRoot, abs), files };
}

/**
 * The root modules and every module under `modulesDir`.
 *
 * @public
 */
export async function loadTerraformTree(
  repoRoot: string,
  rootDirs: string | string[],
  modulesDir: string,
): Promise<TerraformModule[]> {
  const moduleDirs = readdirSync(resolve(repoRoot, modulesDir))
    .map(name => join(modulesDir, name))
    .filter(dir => statSync(resolve(repoRoot, dir)).isDirectory());
  const roots = typeof rootDirs === 'string' ? [rootDirs] : rootDirs;
  return Promise.all(
    [...roots, ...moduleDirs].map(dir => loadModule(repoRoot, dir)),
  );
}

/** Every string anywhere in a parsed body. */
export function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') {
    return Object.values(value).flatMap(strings);
  }
  return [];
}

/** Blocks of one kind (`variable`, `module`, `output`...) by label. */
export function blocks(
  module: TerraformModule,
  kind: string,
): Map<string, HclBody> {
  const found = new Map<string, HclBody>();
  for (const file of module.files) {
    for (const [label, list] of Object.entries(file.body[kind] ?? {})) {
      for (const block of list as HclBody[]) found.set(label, block);
    }
  }
  return found;
}

/** The module `modules/<name>` of the loaded tree. */
export function moduleDir(
  modules: TerraformModule[],
  name: string,
): TerraformModule | undefined {
  return modules.find(m => m.dir.endsWith(`/modules/${name}`));
}

/** Resources of one type across a module, as `[name, body]` pairs. */
export function resources(
  module: TerraformModule,
  type: string,
): Array<[string, HclBody]> {
  return module.files.flatMap(file =>
    Object.entries(file.body.resource?.[type] ?? {}).flatMap(([name, list]) =>
      (list as HclBody[]).map(body => [name, body] as [string, HclBody]),
    ),
  );
}

/** Merged `locals` of a module. */
export function locals(module: TerraformModule): Record<string, unknown> {
  return localsOf(module.files.map(file => file.body));
}

const VAR_REFERENCE = /\bvar\.([A-Za-z_][A-Za-z0-9_-]*)/g;

/**
 * Every `var.x` an expression of the module uses is declared by a
 * `variable` block of the same module.
 *
 * @public
 */
export function checkVariablesDeclared(module: TerraformModule): string[] {
  const declared = blocks(module, 'variable');
  const problems: string[] = [];
  for (const file of module.files) {
    const used = new Set(
      strings(file.body)
        .filter(s => s.includes('${'))
        .flatMap(s => [...s.matchAll(VAR_REFERENCE)].map(m => m[1])),
    );
    for (const name of [...used].sort()) {
      if (!declared.has(name)) {
        problems.push(`${file.path}: var.${name} is used but not declared`);
      }
    }
  }
  return problems;
}

const META_ARGUMENTS = new Set([
  'source',
  'version',
  'providers',
  'depends_on',
  'count',
  'for_each',
]);

/**
 * Every module call of `module` points at an existing local module, passes
 * only variables that module declares, and passes all it requires.
 *
 * @public
 */
export function checkModuleCalls(
  repoRoot: string,
  module: TerraformModule,
  known: TerraformModule[],
): string[] {
  const problems: string[] = [];
  for (const [label, call] of blocks(module, 'module')) {
    const source = call.source;
    const where = `${module.dir}: module "${label}"`;
    if (typeof source !== 'string' || !source.startsWith('.')) {
      problems.push(
        `${where} has source ${JSON.stringify(source)}, expected a local path`,
      );
      continue;
    }
    const target = relative(repoRoot, resolve(repoRoot, module.dir, source));
    const callee = known.find(m => m.dir === target);
    if (!existsSync(resolve(repoRoot, target)) || !callee) {
      problems.push(
        `${where} has source "${source}", but ${target} holds no module`,
      );
      continue;
    }
    const variables = blocks(callee, 'variable');
    const passed = Object.keys(call).filter(key => !META_ARGUMENTS.has(key));
    for (const input of passed) {
      if (!variables.has(input)) {
        problems.push(
          `${where} passes "${input}", which ${target} does not declare`,
        );
      }
    }
    for (const [name, variable] of variables) {
      if (!('default' in variable) && !passed.includes(name)) {
        problems.push(`${where} does not pass the required variable "${name}"`);
      }
    }
  }
  return problems;
}

const MODULE_OUTPUT = /\bmodule\.([A-Za-z_][\w-]*)\.([A-Za-z_][\w-]*)/g;
const LOCAL_REFERENCE = /\blocal\.([A-Za-z_][\w-]*)/g;

/**
 * Every `module.<call>.<output>` and `local.<name>` an expression uses
 * exists: the call is declared and its module has that output; the local is
 * defined in the same module.
 *
 * @public
 */
export function checkReferences(
  repoRoot: string,
  module: TerraformModule,
  known: TerraformModule[],
): string[] {
  const calls = blocks(module, 'module');
  const defined = new Set(Object.keys(locals(module)));
  const problems = new Set<string>();
  for (const file of module.files) {
    // moved/removed/import blocks name addresses, not outputs.
    const { moved, removed, import: imports, ...body } = file.body;
    const expressions = strings(body).filter(s => s.includes('${'));
    for (const text of expressions) {
      for (const [, call, output] of text.matchAll(MODULE_OUTPUT)) {
        const source = calls.get(call)?.source;
        if (typeof source !== 'string') {
          problems.add(
            `${file.path}: module.${call} is used but no module "${call}" is declared`,
          );
          continue;
        }
        const dir = relative(repoRoot, resolve(repoRoot, module.dir, source));
        const callee = known.find(m => m.dir === dir);
        if (callee && !blocks(callee, 'output').has(output)) {
          problems.add(
            `${file.path}: module.${call}.${output} is used but ${dir} has no output "${output}"`,
          );
        }
      }
      for (const [, name] of text.matchAll(LOCAL_REFERENCE)) {
        if (!defined.has(name))
          problems.add(`${file.path}: local.${name} is used but not defined`);
      }
    }
  }
  return [...problems];
}
