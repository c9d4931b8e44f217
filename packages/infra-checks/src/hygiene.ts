import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { resources, TerraformModule } from './terraform';

/**
 * Small items of defect 8: no fixed target group name (a replacement would
 * collide with itself), no empty `filter {}` in S3 lifecycle rules.
 *
 * @public
 */
export function checkTerraformHygiene(modules: TerraformModule[]): string[] {
  const problems: string[] = [];
  for (const module of modules) {
    for (const [name, body] of resources(module, 'aws_lb_target_group')) {
      if ('name' in body)
        problems.push(
          `${module.dir}: aws_lb_target_group.${name} has a fixed name (use name_prefix)`,
        );
    }
    for (const [name, body] of resources(
      module,
      'aws_s3_bucket_lifecycle_configuration',
    )) {
      const rules = [
        ...(body.rule ?? []),
        ...(body.dynamic?.rule ?? []).flatMap((d: any) => d.content ?? []),
      ];
      for (const rule of rules) {
        for (const filter of rule.filter ?? []) {
          if (Object.keys(filter).length === 0)
            problems.push(
              `${module.dir}: aws_s3_bucket_lifecycle_configuration.${name} rule "${rule.id}" has an empty filter {}`,
            );
        }
      }
    }
  }
  return problems;
}

const PLACEHOLDER = '111122223333';

/**
 * Every infrastructure file that still holds the placeholder account is
 * named in the README's "First apply" step 1, and every script a comment or
 * command names exists.
 *
 * @public
 */
export function checkPlaceholdersAndNames(
  repoRoot: string,
  files: Array<{ path: string; text: string }>,
  readme: string,
): string[] {
  const problems: string[] = [];
  const step1 =
    /1\. \*\*Replace the placeholders\*\*[\s\S]*?\n2\. /.exec(readme)?.[0] ??
    '';
  for (const { path, text } of files) {
    if (
      text.includes(PLACEHOLDER) &&
      path !== 'infra/README.md' &&
      !step1.includes(`\`${path}\``)
    )
      problems.push(
        `${path} holds the placeholder account ${PLACEHOLDER} but "First apply" step 1 does not name it`,
      );
    for (const [script] of text.matchAll(/[\w-]+\.sh\b/g)) {
      const known = [
        'infra/platform/scripts',
        'infra/platform/docker/prefect-deployer',
        'scripts',
      ].some(dir => existsSync(join(repoRoot, dir, script)));
      if (!known)
        problems.push(`${path} names ${script}, which does not exist`);
    }
  }
  return problems;
}

/**
 * A command substitution inside another command's arguments loses its exit
 * status (`echo "... $(lookup)"` succeeds when lookup fails): scripts assign
 * first.
 *
 * @public
 */
export function findSwallowedFailures(path: string, text: string): string[] {
  return text
    .split('\n')
    .flatMap((line, index) =>
      /^\s*(echo|printf)\b.*\$\(/.test(line)
        ? [
            `${path}:${index + 1}: $(...) inside ${
              line.trim().split(/\s/)[0]
            } swallows its failure`,
          ]
        : [],
    );
}
