import { parseDocument } from 'yaml';
import {
  checkImageJobs,
  checkModeParameters,
  checkParameterReferences,
  checkWorkflows,
  CircleConfig,
  parseCircleConfig,
  validateAgainstSchema,
} from './circleci';
import { repository } from './testUtils';

/** A deep copy of the real config with one change applied. */
async function mutated(
  change: (config: CircleConfig) => void,
): Promise<CircleConfig> {
  const config = structuredClone((await repository()).circle);
  change(config);
  return config;
}

describe('.circleci/config.yml', () => {
  it('is valid YAML and valid against the official CircleCI config schema', async () => {
    const repo = await repository();
    expect(parseDocument(repo.circleText).errors).toEqual([]);
    expect(validateAgainstSchema(repo.circle)).toEqual([]);
  });

  it('fails the schema for a malformed workflow', async () => {
    const broken = await mutated(c => {
      c.workflows['terraform-prod'].jobs = 'terraform-prod-plan';
    });
    expect(validateAgainstSchema(broken)).toEqual(
      expect.arrayContaining([
        expect.stringContaining(
          'schema: /workflows/terraform-prod/jobs must be array',
        ),
      ]),
    );
  });

  it('declares every parameter it references', async () => {
    const repo = await repository();
    expect(checkParameterReferences(repo.circle)).toEqual([]);
    const broken = parseCircleConfig(
      repo.circleText.replace(
        '- << pipeline.parameters.terraform-prod-mode >>',
        '- << pipeline.parameters.terraform-prod >>',
      ),
    );
    expect(checkParameterReferences(broken)).toEqual([
      'pipeline.parameters.terraform-prod is used but not declared',
    ]);
    const job = await mutated(c => {
      c.commands['terraform-prod'].steps[0].run.command +=
        ' << parameters.extra >>';
    });
    expect(checkParameterReferences(job)).toEqual([
      'commands.terraform-prod uses parameters.extra, which it does not declare',
    ]);
  });

  it('declares the four mode parameters with the seed defaults, and the drift mode off', async () => {
    const repo = await repository();
    expect(checkModeParameters(repo.circle)).toEqual([]);
    const broken = await mutated(c => {
      c.parameters['terraform-prod-mode'].default = false;
      delete c.parameters['refresh-prefect-image-mode'];
      c.parameters['terraform-drift-mode'].default = true;
    });
    expect(checkModeParameters(broken)).toEqual([
      'pipeline parameter "terraform-prod-mode" must be boolean with default true, found {"type":"boolean","default":false,"description":"Plan, hold for approval and apply infra/platform/infra/envs/prod (the default on push)."}',
      'pipeline parameter "refresh-prefect-image-mode" is missing',
      expect.stringMatching(
        /^pipeline parameter "terraform-drift-mode" must be boolean with default false/,
      ),
    ]);
  });

  it('runs each seed workflow with its jobs in order, the hold before the apply', async () => {
    const repo = await repository();
    expect(checkWorkflows(repo.circle)).toEqual([]);
  });

  it('reports an apply that no longer waits for the approval hold', async () => {
    const broken = await mutated(c => {
      const jobs = c.workflows['terraform-prod'].jobs;
      const apply = jobs.find((j: any) => j['terraform-prod-apply']);
      apply['terraform-prod-apply'].requires = ['terraform-prod-plan'];
    });
    expect(checkWorkflows(broken)).toEqual([
      'workflow "terraform-prod": "terraform-prod-apply" does not wait for "hold-terraform-prod-apply"',
      '"terraform-prod-apply" can start without "hold-terraform-prod-apply"',
    ]);
  });

  it('reports a hold that is not an approval, a missing workflow and an undefined job', async () => {
    const broken = await mutated(c => {
      const hold = c.workflows['terraform-prod'].jobs.find(
        (j: any) => j['hold-terraform-prod-apply'],
      );
      delete hold['hold-terraform-prod-apply'].type;
      delete c.workflows['park-infrastructure'];
    });
    expect(checkWorkflows(broken)).toEqual([
      'workflow "park-infrastructure" is missing',
      'workflow "terraform-prod" runs "hold-terraform-prod-apply", which is not a defined job',
      '"hold-terraform-prod-apply" must be a job of type approval',
    ]);
  });

  it('pushes the seed tags from the image jobs, never overwriting the deployer tag', async () => {
    const repo = await repository();
    expect(checkImageJobs(repo.circle)).toEqual([]);
    const broken = parseCircleConfig(
      repo.circleText
        .replace(
          'tag="prefect-deployer-3-python3.12-${CIRCLE_SHA1:0:7}"',
          'tag="prefect-deployer-3-python3.12-${CIRCLE_BUILD_NUM}"',
        )
        .replace(
          '--if-exists keep \\\n              --label "org.opencontainers.image.revision=${CIRCLE_SHA1}"\n\n  build-prefect-base-image',
          '--if-exists retag \\\n              --label "org.opencontainers.image.revision=${CIRCLE_SHA1}"\n\n  build-prefect-base-image',
        )
        .replace('--tag prefect-3-python3.12-ecs', '--tag prefect-3-ecs'),
    );
    expect(checkImageJobs(broken)).toEqual([
      '"build-prefect-base-image" must build infra/platform/docker/prefect-base-ecs as prefect-3-python3.12-ecs',
      '"build-prefect-deployer-image" must tag prefect-deployer-3-python3.12-${CIRCLE_SHA1:0:7}',
      '"build-prefect-deployer-image" must refuse to overwrite an existing tag (--if-exists keep)',
    ]);
  });
});
