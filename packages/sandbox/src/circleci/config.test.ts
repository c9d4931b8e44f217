import fs from 'node:fs';
import path from 'node:path';
import { findRepoRoot } from '@rocket-club/plugin-environments-node';
import { parsePipelineConfig } from './config';
import { parametersRunningOnly, workflowsFor } from './planner';
import { resolveParameters } from './parameters';

const config = parsePipelineConfig(
  fs.readFileSync(path.join(findRepoRoot(), '.circleci/config.yml'), 'utf8'),
);

describe("this repository's .circleci/config.yml", () => {
  it('runs the deploy and CI workflows on a push to main, and only CI elsewhere', () => {
    expect(workflowsFor(config, {}, 'main').sort()).toEqual([
      'portal-ci',
      'terraform-prod',
    ]);
    expect(workflowsFor(config, {}, 'feature/x')).not.toContain(
      'terraform-prod',
    );
  });

  it.each([
    'park-infrastructure',
    'unpark-infrastructure',
    'refresh-prefect-image',
  ])('has parameters that run only %s, as the portal sends them', workflow => {
    const found = parametersRunningOnly(config, workflow, 'main');
    expect(found).toBeDefined();
    const mode = Object.keys(found!)[0];
    expect(
      workflowsFor(
        config,
        { [mode]: true, 'terraform-prod-mode': false },
        'main',
      ),
    ).toEqual([workflow]);
  });

  it('marks the approval job and a job that exits 1', () => {
    const deploy = config.workflows.find(w => w.name === 'terraform-prod')!;
    expect(
      deploy.jobs.filter(j => j.type === 'approval').map(j => j.requires),
    ).toEqual([['terraform-prod-plan']]);
    const rejecting = config.workflows
      .flatMap(w => w.jobs)
      .filter(j => j.failsByDesign);
    expect(rejecting.map(j => j.name)).toEqual(['reject-pipeline-parameters']);
  });
});

describe('pipeline parameters', () => {
  const declared = {
    deploy: { type: 'boolean', default: true },
    size: { type: 'integer', default: 1 },
    tier: { type: 'enum', enum: ['a', 'b'], default: 'a' },
    name: { type: 'string' },
  };

  it('fills in defaults and reports what CircleCI reports', () => {
    expect(resolveParameters(declared, { name: 'x' })).toEqual({
      values: { deploy: true, size: 1, tier: 'a', name: 'x' },
      errors: [],
    });
    expect(
      resolveParameters(declared, {
        size: 1.5,
        tier: 'c',
        extra: 1,
      }).errors.map(e => e.message),
    ).toEqual([
      'Unexpected argument(s): extra',
      'Type error for argument size: expected type: integer, actual value: 1.5 (type number)',
      'Type error for argument tier: expected type: enum ["a","b"], actual value: "c" (type string)',
      'Missing required argument(s): name',
    ]);
  });

  it('rejects configs whose jobs require what the workflow does not have', () => {
    expect(() =>
      parsePipelineConfig(`
version: 2.1
jobs:
  a: { docker: [{ image: x }], steps: [checkout] }
workflows:
  w:
    jobs:
      - a:
          requires: [b]
`),
    ).toThrow("Job 'a' requires 'b', which is not in workflow w");
  });
});
