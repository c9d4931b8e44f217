import {
  checkPipelineParameters,
  workflowRuns,
} from '@rocket-club/plugin-environments-node';

/**
 * The workflows a pipeline runs, in config order: the parameters the
 * trigger passes are checked against the declared ones (an InputError
 * names every bad one, as CircleCI would refuse them), defaults filled in,
 * then each workflow's `when`/`unless` is evaluated as CircleCI does.
 *
 * @public
 */
export function selectWorkflows(
  config: { parameters?: Record<string, any>; workflows?: Record<string, any> },
  passed: Record<string, unknown>,
  branch: string,
): string[] {
  const parameters = checkPipelineParameters(
    config.parameters ?? {},
    passed,
    '.circleci/config.yml',
  );
  return Object.entries(config.workflows ?? {})
    .filter(([name]) => name !== 'version')
    .filter(([, workflow]) =>
      workflowRuns(workflow ?? {}, { parameters, git: { branch } }),
    )
    .map(([name]) => name);
}
