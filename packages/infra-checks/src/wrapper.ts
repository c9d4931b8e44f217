import { blocks, resources, TerraformModule } from './terraform';
import { relative, resolve } from 'node:path';

/**
 * Addresses park/unpark may change, as listed in terraform-prod.sh.
 *
 * @public
 */
export function parkScope(wrapperText: string): string[] {
  const list = /PARK_SCOPE=\(([^)]*)\)/.exec(wrapperText)?.[1] ?? '';
  return list.split(/\s+/).filter(Boolean);
}

/**
 * Every park-scope address exists in the Terraform (so park can never be
 * refused for a resource that was renamed), and the root passes var.parked
 * into each module whose resources park mode changes.
 *
 * @public
 */
export function checkParkScope(
  repoRoot: string,
  wrapperText: string,
  root: TerraformModule,
  modules: TerraformModule[],
): string[] {
  const scope = parkScope(wrapperText);
  if (scope.length === 0) return ['terraform-prod.sh lists no PARK_SCOPE'];
  const calls = blocks(root, 'module');
  return scope.flatMap(address => {
    const [, moduleName, type, name] =
      /^module\.([\w-]+)\.([\w]+)\.([\w-]+)$/.exec(address) ?? [];
    const call = moduleName ? calls.get(moduleName) : undefined;
    if (!call)
      return [
        `PARK_SCOPE ${address}: no module "${moduleName}" in ${root.dir}`,
      ];
    const dir = relative(repoRoot, resolve(repoRoot, root.dir, call.source));
    const module = modules.find(m => m.dir === dir);
    if (!module || !resources(module, type).some(([n]) => n === name)) {
      return [`PARK_SCOPE ${address}: ${dir} has no ${type}.${name}`];
    }
    if (!JSON.stringify(call).includes('var.parked')) {
      return [
        `PARK_SCOPE ${address}: module "${moduleName}" is not driven by var.parked`,
      ];
    }
    return [];
  });
}

/**
 * The wrapper's contract: strict bash, the five subcommands, usage errors
 * with exit 64 and one consistent option set.
 *
 * @public
 */
export function checkWrapperOptions(wrapperText: string): string[] {
  const required: Array<[RegExp, string]> = [
    [/^set -euo pipefail$/m, 'set -euo pipefail'],
    [
      /init \| plan \| apply \| park \| unpark\)/,
      'the subcommands init, plan, apply, park, unpark',
    ],
    [/exit 64/, 'exit 64 on usage errors'],
    [/-input=false/, '-input=false'],
    [/-lock-timeout="\$lock_timeout"/, 'one -lock-timeout for every command'],
    [
      /-backend-config="\$root\/prod\.s3\.tfbackend"/,
      'the backend configuration file',
    ],
    [/-out="\$1"/, 'saved plan files'],
    [/-var "parked=\$2"/, 'the recorded park state passed as -var parked'],
  ];
  return required
    .filter(([pattern]) => !pattern.test(wrapperText))
    .map(([, what]) => `terraform-prod.sh lacks ${what}`);
}
