import { CircleConfig } from './circleci';
import { SEED } from './seed';
import { selectWorkflows } from './when';

/**
 * One pipeline trigger and the workflows it must run, exactly.
 *
 * @public
 */
export interface ModeExpectation {
  name: string;
  branch: string;
  parameters: Record<string, boolean>;
  workflows: string[];
}

/** The portal's own CI and the guard against conflicting parameters. */
export const PORTAL_CI_WORKFLOW = 'portal-ci';
export const REJECT_WORKFLOW = 'reject-pipeline-parameters';
/** Pull-request checks (fmt, validate, read-only plan) on every other branch. */
export const PR_WORKFLOW = 'terraform-pr';
/** The read-only drift plan (issue 14), behind its own mode. */
export const DRIFT_WORKFLOW = 'terraform-drift';

const T = 'terraform-prod-mode';
const P = 'park-infrastructure-mode';
const U = 'unpark-infrastructure-mode';
const R = 'refresh-prefect-image-mode';
const D = 'terraform-drift-mode';

/**
 * What each kind of pipeline runs. The seed's recipes set one mode and
 * `terraform-prod-mode: false`; a forgotten `terraform-prod-mode: false` must
 * not add terraform-prod; conflicting modes, or a mode off main, run only the
 * rejecting workflow.
 *
 * @public
 */
export const MODE_EXPECTATIONS: ModeExpectation[] = [
  {
    name: 'push to main',
    branch: 'main',
    parameters: {},
    workflows: [SEED.workflows.deploy, PORTAL_CI_WORKFLOW],
  },
  {
    name: 'push to a branch',
    branch: 'feature/x',
    parameters: {},
    workflows: [PR_WORKFLOW, PORTAL_CI_WORKFLOW],
  },
  {
    name: 'drift check',
    branch: 'main',
    parameters: { [D]: true, [T]: false },
    workflows: [DRIFT_WORKFLOW],
  },
  {
    name: 'drift check, terraform-prod-mode left true',
    branch: 'main',
    parameters: { [D]: true },
    workflows: [DRIFT_WORKFLOW],
  },
  {
    name: 'drift and park at once',
    branch: 'main',
    parameters: { [D]: true, [P]: true, [T]: false },
    workflows: [REJECT_WORKFLOW],
  },
  {
    name: 'drift and refresh at once',
    branch: 'main',
    parameters: { [D]: true, [R]: true, [T]: false },
    workflows: [REJECT_WORKFLOW],
  },
  {
    name: 'drift off main',
    branch: 'feature/x',
    parameters: { [D]: true, [T]: false },
    workflows: [REJECT_WORKFLOW],
  },
  {
    name: 'park',
    branch: 'main',
    parameters: { [P]: true, [T]: false },
    workflows: [SEED.workflows.park],
  },
  {
    name: 'unpark',
    branch: 'main',
    parameters: { [U]: true, [T]: false },
    workflows: [SEED.workflows.unpark],
  },
  {
    name: 'refresh image',
    branch: 'main',
    parameters: { [R]: true, [T]: false },
    workflows: [SEED.workflows.rebuild],
  },
  {
    name: 'park, terraform-prod-mode left true',
    branch: 'main',
    parameters: { [P]: true },
    workflows: [SEED.workflows.park],
  },
  {
    name: 'unpark, terraform-prod-mode left true',
    branch: 'main',
    parameters: { [U]: true },
    workflows: [SEED.workflows.unpark],
  },
  {
    name: 'refresh, terraform-prod-mode left true',
    branch: 'main',
    parameters: { [R]: true },
    workflows: [SEED.workflows.rebuild],
  },
  {
    name: 'no mode at all',
    branch: 'main',
    parameters: { [T]: false },
    workflows: [PORTAL_CI_WORKFLOW],
  },
  {
    name: 'park and unpark at once',
    branch: 'main',
    parameters: { [P]: true, [U]: true, [T]: false },
    workflows: [REJECT_WORKFLOW],
  },
  {
    name: 'park and refresh at once',
    branch: 'main',
    parameters: { [P]: true, [R]: true, [T]: false },
    workflows: [REJECT_WORKFLOW],
  },
  {
    name: 'unpark and refresh at once',
    branch: 'main',
    parameters: { [U]: true, [R]: true, [T]: false },
    workflows: [REJECT_WORKFLOW],
  },
  {
    name: 'park off main',
    branch: 'feature/x',
    parameters: { [P]: true, [T]: false },
    workflows: [REJECT_WORKFLOW],
  },
  {
    name: 'refresh off main',
    branch: 'feature/x',
    parameters: { [R]: true, [T]: false },
    workflows: [REJECT_WORKFLOW],
  },
];

/**
 * Evaluates the config's `when` conditions for each expectation and reports
 * every trigger that would not run exactly the expected workflows.
 *
 * @public
 */
export function checkModes(
  config: CircleConfig,
  expectations: ModeExpectation[] = MODE_EXPECTATIONS,
): string[] {
  return expectations.flatMap(({ name, branch, parameters, workflows }) => {
    let actual: string[];
    try {
      actual = selectWorkflows(config, parameters, branch);
    } catch (error) {
      return [`${name}: ${String(error)}`];
    }
    const same =
      actual.length === workflows.length &&
      workflows.every(w => actual.includes(w));
    return same
      ? []
      : [
          `${name} (${JSON.stringify(
            parameters,
          )} on ${branch}) runs [${actual.join(
            ', ',
          )}], expected [${workflows.join(', ')}]`,
        ];
  });
}
