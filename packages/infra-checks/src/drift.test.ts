import { checkDrift, EnvironmentDefinition } from './drift';
import { editFile, replaceOnce, repository } from './testUtils';

const MAIN = 'infra/platform/infra/envs/prod/main.tf';

async function drift(
  change: (definition: EnvironmentDefinition) => void = () => {},
  overrides: Partial<Parameters<typeof checkDrift>[0]> = {},
) {
  const repo = await repository();
  const definition = structuredClone(repo.prod);
  change(definition);
  return checkDrift({
    repoRoot: repo.root,
    definition,
    config: repo.circle,
    modules: repo.modules,
    wrapperText: repo.wrapperText,
    ...overrides,
  });
}

describe('drift between app-config.yaml, .circleci/config.yml and main.tf', () => {
  it('finds none in the repository', async () => {
    const repo = await repository();
    expect(repo.prod.terraform).toEqual({
      root: 'infra/platform/infra/envs/prod',
      file: 'main.tf',
    });
    expect(await drift()).toEqual([]);
  });

  it('reports a workflow renamed on one side only', async () => {
    expect(await drift(d => void (d.workflows!.park = 'park-prod'))).toEqual([
      'workflows.park is "park-prod", the seed\'s is "park-infrastructure"',
      'workflows.park names "park-prod", which .circleci/config.yml does not define',
    ]);
  });

  it('reports operation parameters that would run the wrong workflows', async () => {
    expect(
      await drift(
        d =>
          void (d.parameters!.unpark = {
            'unpark-infrastructure-mode': true,
            'park-infrastructure-mode': true,
          }),
      ),
    ).toEqual([
      'parameters.unpark {"unpark-infrastructure-mode":true,"park-infrastructure-mode":true} run [reject-pipeline-parameters] on main, not exactly "unpark-infrastructure"',
    ]);
    expect(
      await drift(
        d => void (d.parameters!.rebuild = { 'refresh-image-mode': true }),
      ),
    ).toEqual([
      'parameters.rebuild: InputError: Invalid pipeline parameters for .circleci/config.yml: "refresh-image-mode" is not declared',
    ]);
  });

  it('reports a Terraform root or local that main.tf does not have', async () => {
    expect(await drift(d => void (d.terraform!.file = 'prod.tf'))).toEqual([
      'terraform infra/platform/infra/envs/prod/prod.tf is not a Terraform file of this repository',
    ]);
    expect(
      await drift(d => void (d.images!.deployer.local = 'deployer_image')),
    ).toEqual([`images.deployer: ${MAIN} has no local 'deployer_image'`]);
  });

  it('reports an ECR repository, base tag or tag pattern that disagrees', async () => {
    expect(
      await drift(d => void (d.images!.deployer.ecrRepository = 'prefect')),
    ).toEqual([
      'images.deployer.ecrRepository is "prefect", main.tf pins "blog-data"',
      'images.deployer.ecrRepository "prefect" is not created by the ecr module',
    ]);
    expect(
      await drift(d => void (d.images!.base.tag = 'prefect-3-ecs')),
    ).toEqual([
      'images.base.tag is "prefect-3-ecs", main.tf pins "prefect-3-python3.12-ecs"',
      'images.base.tag "prefect-3-ecs" is not what build-prefect-base-image pushes',
    ]);
    expect(
      await drift(
        d =>
          void (d.images!.deployer.tagPattern =
            '^prefect-deployer-[0-9a-f]{40}$'),
      ),
    ).toEqual([
      expect.stringMatching(
        /^images\.deployer\.tagPattern .* does not match the pinned "prefect-deployer-3-python3\.12-[0-9a-f]{7}"$/,
      ),
      'images.deployer.tagPattern ^prefect-deployer-[0-9a-f]{40}$ does not match what build-prefect-deployer-image pushes (e.g. "prefect-deployer-3-python3.12-0123abc")',
    ]);
  });

  it('reports main.tf pinning a tag outside the configured pattern', async () => {
    const repo = await repository();
    const modules = await editFile(repo.modules, MAIN, text =>
      text.replace(
        /prefect-deployer-3-python3\.12-[0-9a-f]{7}/,
        'prefect-deployer-3-python3.12-release',
      ),
    );
    expect(await drift(undefined, { modules })).toEqual([
      expect.stringContaining(
        'does not match the pinned "prefect-deployer-3-python3.12-release"',
      ),
    ]);
  });

  it('reports a wrapper that runs another root', async () => {
    const repo = await repository();
    const wrapperText = replaceOnce(
      '/../infra/envs/prod"',
      '/../infra/envs/production"',
    )(repo.wrapperText);
    expect(await drift(undefined, { wrapperText })).toEqual([
      'terraform.root infra/platform/infra/envs/prod is not the root terraform-prod.sh runs',
    ]);
  });
});
