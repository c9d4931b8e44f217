import { InputError } from '@backstage/errors';
import {
  PinnedImage,
  readPinnedImage as readPin,
} from '@rocket-club/plugin-environments-node';
import { SEED } from './seed';
import { locals, resources, TerraformModule } from './terraform';

/**
 * Reads `local.<name>` of a Terraform file as a pinned ECR image, by the
 * project's one rule for pins (`readPinnedImage` of
 * `@rocket-club/plugin-environments-node`: the rule the portal reads and
 * bumps by), or the reason it is not one.
 *
 * @public
 */
export function readPinnedImage(
  path: string,
  text: string,
  module: TerraformModule,
  name: string,
): PinnedImage | string {
  try {
    return readPin(path, text, locals(module), { local: name });
  } catch (error) {
    if (error instanceof InputError) return error.message;
    throw error;
  }
}

/**
 * Both Prefect images are pinned in the root's main.tf exactly as the seed
 * says: repository blog-data in eu-west-2, the base image's fixed tag and a
 * deployer tag naming a commit.
 *
 * @public
 */
export function checkPinnedImages(root: TerraformModule): string[] {
  const main = root.files.find(f => f.path.endsWith('/main.tf'));
  if (!main) return [`${root.dir}: main.tf is missing`];
  const only = { ...root, files: [main] };
  const problems: string[] = [];
  const expectations: Array<[string, (tag: string) => boolean, string]> = [
    [SEED.locals.base, tag => tag === SEED.baseTag, `"${SEED.baseTag}"`],
    [
      SEED.locals.deployer,
      tag => SEED.deployerTag.test(tag),
      String(SEED.deployerTag),
    ],
  ];
  for (const [name, tagOk, expected] of expectations) {
    const image = readPinnedImage(main.path, main.text, only, name);
    if (typeof image === 'string') {
      problems.push(image);
      continue;
    }
    if (image.repository !== SEED.ecrRepository) {
      problems.push(
        `${main.path}: local.${name} uses repository "${image.repository}", not "${SEED.ecrRepository}"`,
      );
    }
    if (image.region !== SEED.region) {
      problems.push(
        `${main.path}: local.${name} uses registry "${image.registry}", not one in ${SEED.region}`,
      );
    }
    if (!tagOk(image.tag)) {
      problems.push(
        `${main.path}: local.${name} has tag "${image.tag}", expected ${expected}`,
      );
    }
  }
  return problems;
}

/**
 * Every ECR repository is IMMUTABLE, and one of them is the seed's.
 *
 * @public
 */
export function checkEcrRepositories(modules: TerraformModule[]): string[] {
  const problems: string[] = [];
  let count = 0;
  for (const module of modules) {
    for (const [name, body] of resources(module, 'aws_ecr_repository')) {
      count += 1;
      if (body.image_tag_mutability !== 'IMMUTABLE') {
        problems.push(
          `${
            module.dir
          }: aws_ecr_repository.${name} has image_tag_mutability ${JSON.stringify(
            body.image_tag_mutability,
          )}, expected "IMMUTABLE"`,
        );
      }
    }
  }
  if (count === 0) problems.push('no aws_ecr_repository is defined');
  return problems;
}

/**
 * Non-comment text that names a `latest` tag or version. Comments may say
 * why there is none.
 *
 * @public
 */
export function findLatest(path: string, text: string): string[] {
  return text.split('\n').flatMap((line, index) => {
    const code = line.replace(/(^|\s)(#|\/\/).*$/, '');
    return /\blatest\b/i.test(code)
      ? [`${path}:${index + 1}: uses "latest": ${line.trim()}`]
      : [];
  });
}

/**
 * Critical data stays: every resource whose loss loses data (Aurora, the
 * critical buckets, the image repositories) carries prevent_destroy.
 *
 * @public
 */
export function checkProtectedFromDestroy(
  modules: TerraformModule[],
  protectedResources: Array<[dir: string, type: string, name: string]>,
): string[] {
  return protectedResources.flatMap(([dir, type, name]) => {
    const module = modules.find(m => m.dir === dir);
    const found = module
      ? resources(module, type).filter(([n]) => n === name)
      : [];
    if (found.length === 0) return [`${dir}: ${type}.${name} is missing`];
    const ok = found.every(([, body]) =>
      (body.lifecycle ?? []).some((l: any) => l.prevent_destroy === true),
    );
    return ok
      ? []
      : [`${dir}: ${type}.${name} is not protected by prevent_destroy`];
  });
}
