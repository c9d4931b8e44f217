import { CircleConfig, ancestors, jobCommands, workflowJobs } from './circleci';
import { SEED } from './seed';
import { text } from './security';
import { blocks, resources, TerraformModule } from './terraform';

/**
 * Defect 5: what a first apply from an empty account needs. The Lambda's
 * package exists before the plan (not in a bucket of the same apply) and a
 * new one deploys (source_code_hash); the event source mapping and the
 * function wait for the policy AWS checks at creation; the only root
 * variable without a default is the one the wrapper passes; the README's
 * procedure targets nothing and seeds before it unparks.
 *
 * @public
 */
export function checkFirstApply(
  root: TerraformModule,
  modules: TerraformModule[],
  readme: string,
): string[] {
  const problems: string[] = [];
  const lambda = modules.find(m => m.dir.endsWith('/lambda-ork-processor'))!;
  const [, fn] = resources(lambda, 'aws_lambda_function')[0] ?? [];
  for (const argument of ['source_code_hash', 's3_object_version']) {
    if (!fn?.[argument])
      problems.push(`aws_lambda_function.this has no ${argument}`);
  }
  const call = blocks(root, 'module').get('ork_processor') ?? {};
  if (String(call.package_bucket).includes('module.'))
    problems.push(
      'the Lambda package bucket is created in the same apply as the function',
    );
  for (const [type, label] of [
    ['aws_lambda_event_source_mapping', 'uploads'],
    ['aws_lambda_function', 'this'],
  ]) {
    const body = resources(lambda, type).find(([n]) => n === label)?.[1];
    if (!text(body?.depends_on).includes('aws_iam_role_policy.this'))
      problems.push(`${type}.${label} does not depend on its role's policy`);
  }
  for (const [name, variable] of blocks(root, 'variable')) {
    if (!('default' in variable) && name !== 'parked')
      problems.push(
        `root variable "${name}" has no default: a plan would prompt for it`,
      );
  }
  const procedure = /## First apply[\s\S]*?(?=\n## )/.exec(readme)?.[0] ?? '';
  if (!procedure) problems.push('infra/README.md has no "First apply" section');
  if (/-target/.test(procedure))
    problems.push('infra/README.md: the first apply uses -target');
  const order = [
    'infra/platform/infra/bootstrap',
    'put-secret-value',
    'unpark-infrastructure-mode',
  ];
  const at = order.map(step => procedure.indexOf(step));
  if (at.some(i => i < 0) || at.some((i, n) => n > 0 && i < at[n - 1]))
    problems.push(
      `infra/README.md: the first apply does not go ${order.join(' -> ')}`,
    );
  return problems;
}

/**
 * Defect 6: branches get fmt, validate and a read-only plan with its
 * summary before merge; portal-ci installs what `./run test` needs and runs
 * it. Defect 8: the deployer build is off the plan's path, image builds log
 * in to Docker Hub.
 *
 * @public
 */
export function checkPipelines(config: CircleConfig): string[] {
  const problems: string[] = [];
  const pr = workflowJobs(config.workflows?.['terraform-pr']);
  const prText = [...pr.values()]
    .map(({ job }) => jobCommands(config, job))
    .join('\n');
  for (const needed of ['terraform fmt -check', 'validate']) {
    if (!prText.includes(needed))
      problems.push(`terraform-pr does not run ${needed}`);
  }
  const plans = [...pr.values()].filter(({ job }) =>
    JSON.stringify(config.jobs?.[job]).includes('terraform-plan-and-summary'),
  );
  if (plans.length !== 1)
    problems.push('terraform-pr does not plan with the summary');
  const summary = JSON.stringify(
    config.commands?.['terraform-plan-and-summary'] ?? {},
  );
  if (!summary.includes('"destination":"terraform/plan-summary.json"'))
    problems.push(
      'the plan summary is not stored at terraform/plan-summary.json',
    );
  const portal = JSON.stringify(config.jobs?.['portal-test']?.steps ?? []);
  for (const needed of [
    '"install-terraform"',
    'chromium',
    'shellcheck',
    '"command":"./run test"',
  ]) {
    if (!portal.includes(needed)) problems.push(`portal-test lacks ${needed}`);
  }
  const deploy = workflowJobs(config.workflows?.[SEED.workflows.deploy]);
  if (ancestors(deploy, 'terraform-prod-plan').has(SEED.deployerJob))
    problems.push('terraform-prod-plan waits for the deployer image build');
  for (const [name, workflow] of Object.entries<any>(config.workflows ?? {})) {
    for (const [invocation, { job, spec }] of workflowJobs(workflow)) {
      if (!/push-image\.sh/.test(jobCommands(config, job))) continue;
      if (
        ![spec.context].flat().includes('rocket-club-dockerhub') ||
        !jobCommands(config, job).includes('DOCKERHUB_REQUIRED=1')
      )
        problems.push(
          `workflow "${name}": ${invocation} pulls from Docker Hub anonymously`,
        );
    }
  }
  return problems;
}
