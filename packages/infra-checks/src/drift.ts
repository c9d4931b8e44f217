import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { CircleConfig, jobCommands } from './circleci';
import { readPinnedImage } from './images';
import { SEED } from './seed';
import { TerraformModule } from './terraform';
import { selectWorkflows } from './when';

/**
 * The slice of `environments.definitions.<env>` in app-config.yaml the guard reads.
 *
 * @public
 */
export interface EnvironmentDefinition {
  circleci?: { branch?: string };
  terraform?: { root?: string; file?: string };
  images?: Record<
    string,
    {
      local?: string;
      ecrRepository?: string;
      tagPattern?: string;
      tag?: string;
    }
  >;
  workflows?: Record<string, string>;
  parameters?: Record<string, Record<string, boolean>>;
}

/**
 * The environment definition the portal operates with agrees with the
 * repository it operates on: workflow names and their parameters with
 * `.circleci/config.yml` (each operation's parameters run exactly its
 * workflow), the Terraform root, file and locals with main.tf, the ECR
 * repository with the ECR module and the tag pattern with the tag the
 * deployer job pushes.
 *
 * @public
 */
export function checkDrift(options: {
  repoRoot: string;
  definition: EnvironmentDefinition;
  config: CircleConfig;
  modules: TerraformModule[];
  wrapperText: string;
}): string[] {
  const { repoRoot, definition, config, modules, wrapperText } = options;
  const problems: string[] = [];
  const branch = definition.circleci?.branch ?? 'main';

  for (const [operation, seedName] of Object.entries(SEED.workflows)) {
    const name = definition.workflows?.[operation];
    if (name !== seedName) {
      problems.push(
        `workflows.${operation} is ${JSON.stringify(
          name,
        )}, the seed's is "${seedName}"`,
      );
    }
    if (!name || !config.workflows?.[name]) {
      problems.push(
        `workflows.${operation} names ${JSON.stringify(
          name,
        )}, which .circleci/config.yml does not define`,
      );
      continue;
    }
    if (operation === 'deploy') continue;
    const parameters = definition.parameters?.[operation];
    if (!parameters) {
      problems.push(`parameters.${operation} is missing`);
      continue;
    }
    try {
      const runs = selectWorkflows(config, parameters, branch);
      if (runs.length !== 1 || runs[0] !== name) {
        problems.push(
          `parameters.${operation} ${JSON.stringify(
            parameters,
          )} run [${runs.join(', ')}] on ${branch}, not exactly "${name}"`,
        );
      }
    } catch (error) {
      problems.push(`parameters.${operation}: ${String(error)}`);
    }
  }

  const rootDir = definition.terraform?.root ?? '';
  const file = definition.terraform?.file ?? '';
  const root = modules.find(m => m.dir === rootDir);
  const main = root?.files.find(f => f.path === `${rootDir}/${file}`);
  if (!root || !main || !existsSync(resolve(repoRoot, rootDir, file))) {
    problems.push(
      `terraform ${rootDir}/${file} is not a Terraform file of this repository`,
    );
    return problems;
  }
  if (
    !wrapperText.includes('/../infra/envs/prod"') ||
    rootDir !== 'infra/platform/infra/envs/prod'
  ) {
    problems.push(
      `terraform.root ${rootDir} is not the root terraform-prod.sh runs`,
    );
  }
  // Repositories the ecr module is called for, by its `name` input.
  const repositories = modules.flatMap(m =>
    m.files.flatMap(f =>
      Object.values<any>(f.body.module ?? {})
        .flat()
        .filter((call: any) => String(call.source).endsWith('/modules/ecr'))
        .map((call: any) => call.name as string),
    ),
  );
  // A tag as the deployer job would push it for some commit.
  const template = /tag="(prefect-deployer-[^"]*)"/.exec(
    jobCommands(config, SEED.deployerJob),
  )?.[1];
  const deployerTag = template?.replace('${CIRCLE_SHA1:0:7}', '0123abc');
  if (!deployerTag)
    problems.push(
      `${SEED.deployerJob} has no tag="prefect-deployer-..." to compare with`,
    );

  for (const [kind, image] of Object.entries(definition.images ?? {})) {
    const pinned = readPinnedImage(
      main.path,
      main.text,
      { ...root, files: [main] },
      image.local ?? '',
    );
    if (typeof pinned === 'string') {
      problems.push(`images.${kind}: ${pinned}`);
      continue;
    }
    if (pinned.repository !== image.ecrRepository) {
      problems.push(
        `images.${kind}.ecrRepository is ${JSON.stringify(
          image.ecrRepository,
        )}, main.tf pins "${pinned.repository}"`,
      );
    }
    if (!image.ecrRepository || !repositories.includes(image.ecrRepository)) {
      problems.push(
        `images.${kind}.ecrRepository ${JSON.stringify(
          image.ecrRepository,
        )} is not created by the ecr module`,
      );
    }
    if (image.tag !== undefined && image.tag !== pinned.tag) {
      problems.push(
        `images.${kind}.tag is ${JSON.stringify(image.tag)}, main.tf pins "${
          pinned.tag
        }"`,
      );
    }
    if (image.tagPattern !== undefined) {
      const pattern = new RegExp(image.tagPattern);
      if (!pattern.test(pinned.tag)) {
        problems.push(
          `images.${kind}.tagPattern ${image.tagPattern} does not match the pinned "${pinned.tag}"`,
        );
      }
      if (kind === 'deployer' && deployerTag && !pattern.test(deployerTag)) {
        problems.push(
          `images.${kind}.tagPattern ${image.tagPattern} does not match what ${SEED.deployerJob} pushes (e.g. "${deployerTag}")`,
        );
      }
    }
  }
  if (
    definition.images?.base?.tag &&
    !jobCommands(config, SEED.baseImageJob).includes(
      `--tag ${definition.images.base.tag}`,
    )
  ) {
    problems.push(
      `images.base.tag "${definition.images.base.tag}" is not what ${SEED.baseImageJob} pushes`,
    );
  }
  return problems;
}
