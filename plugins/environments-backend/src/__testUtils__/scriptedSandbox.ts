import type { Sandbox } from '@rocket-club/sandbox';
import { repositoryOf } from '@rocket-club/sandbox/testUtils';
import type { SetupServer } from 'msw/node';
import { startSmallSandbox } from './sandbox';
import { SECRETS, TEST_CONFIG } from './testConfig';

const REGISTRY = '111122223333.dkr.ecr.eu-west-2.amazonaws.com';
export const TF_PATH = 'infra/platform/infra/envs/prod/main.tf';
const DEPLOYER = 'prefect-deployer-3-python3.12-';
const DOCKERFILE = 'docker/prefect-deployer/Dockerfile';

/** The prod root module, pinning the deployer at `tag`. */
const mainTf = (tag: string) => `locals {
  ecr_registry           = "${REGISTRY}"
  prefect_deployer_image = "\${local.ecr_registry}/blog-data:${tag}"
  prefect_base_image     = "${REGISTRY}/blog-data:prefect-3-python3.12-ecs"
}
`;

const job = '{ docker: [{ image: cimg/base:2024.12 }], steps: [checkout] }';
/**
 * The workflows of the prod environment, as `.circleci/config.yml` runs
 * them: a deploy builds the deployer image (the sandbox pushes it to ECR),
 * plans and holds for approval; a rebuild pushes the base image, then
 * checks it.
 */
const circleConfig = `version: 2.1
parameters:
  terraform-prod-mode: { type: boolean, default: true }
  park-infrastructure-mode: { type: boolean, default: false }
  unpark-infrastructure-mode: { type: boolean, default: false }
  refresh-prefect-image-mode: { type: boolean, default: false }
jobs:
  build-prefect-deployer-image: ${job}
  terraform-prod-plan: ${job}
  terraform-prod-apply: ${job}
  park: ${job}
  unpark: ${job}
  build-prefect-base-image: ${job}
  check-prefect-base-image: ${job}
workflows:
  terraform-prod:
    when: << pipeline.parameters.terraform-prod-mode >>
    jobs:
      - build-prefect-deployer-image
      - terraform-prod-plan:
          requires: [build-prefect-deployer-image]
      - hold-terraform-prod-apply:
          type: approval
          requires: [terraform-prod-plan]
      - terraform-prod-apply:
          requires: [hold-terraform-prod-apply]
  park-infrastructure:
    when: << pipeline.parameters.park-infrastructure-mode >>
    jobs: [park]
  unpark-infrastructure:
    when: << pipeline.parameters.unpark-infrastructure-mode >>
    jobs: [unpark]
  refresh-prefect-image:
    when: << pipeline.parameters.refresh-prefect-image-mode >>
    jobs:
      - build-prefect-base-image
      - check-prefect-base-image:
          requires: [build-prefect-base-image]
`;

const mode = (name: string) => ({
  [`${name}-mode`]: true,
  'terraform-prod-mode': false,
});

/** How many commits lead from `base` to `head` along first parents. */
function firstParentsBetween(sandbox: Sandbox, base: string, head: string) {
  const repo = repositoryOf(sandbox);
  let count = 0;
  for (let sha: string | undefined = head; sha !== base; count++) {
    sha = repo.parents(sha!)?.[0];
    if (!sha) throw new Error(`${base} is not a first parent of ${head}`);
  }
  return count;
}

/** The root config of the tests, pointed at the sandbox's stand-ins. */
function sandboxConfig(sandbox: Sandbox) {
  const prod = TEST_CONFIG.environments.definitions.prod;
  return {
    ...TEST_CONFIG,
    integrations: {
      github: [
        {
          host: 'github.com',
          apiBaseUrl: sandbox.githubUrl,
          token: SECRETS.github,
        },
      ],
    },
    environments: {
      ...TEST_CONFIG.environments,
      circleci: {
        ...TEST_CONFIG.environments.circleci,
        baseUrl: sandbox.circleciUrl,
        appBaseUrl: sandbox.circleciAppUrl,
      },
      ecr: { ...TEST_CONFIG.environments.ecr, endpoint: sandbox.ecrUrl },
      definitions: {
        prod: {
          ...prod,
          endpoints: {
            portal: { url: `${sandbox.endpointsUrl}/portal/health` },
            pipelines: { url: `${sandbox.endpointsUrl}/pipelines/health` },
          },
        },
      },
    },
  };
}

/**
 * A sandbox with a scripted history, all of it run by the sandbox's
 * CircleCI on its own clock: #1 alice unparks, #2 bob's push deploys
 * (approved, applied), #3 carol parks, #4 alice unparks, three commits pin
 * #2's deployer image and change the docs, #5 dave's push "Bump the
 * deployer" holds its apply for approval, #6 erin's rebuild has pushed the
 * base image and is still checking it. ECR holds 1,500 images (2 pages):
 * 1,497 older `build-*` ones, the two deployer images and the base image.
 * The portal's endpoint is up, the pipelines' answers 502. Request counts
 * start at zero after the script.
 */
export async function startScriptedSandbox(server: SetupServer) {
  const sandbox = await startSmallSandbox(server, {
    '.circleci/config.yml': circleConfig,
    [TF_PATH]: mainTf(`${DEPLOYER}0000000`),
    [DOCKERFILE]: 'FROM prefecthq/prefect:3-python3.12\n',
  });
  const { admin } = sandbox;
  const { store, registry } = sandbox.world;
  const step = async () => admin.advanceClock(3_000);
  const workflow = (number: number, name: string) =>
    store.pipelines
      .find(p => p.number === number)!
      .workflows.find(w => w.name === name)!;
  const hold = (number: number) =>
    workflow(number, 'terraform-prod').jobs.find(j => j.type === 'approval')!;

  await admin.trigger({
    actor: 'alice',
    parameters: mode('unpark-infrastructure'),
  });
  await step();

  const deployed = await admin.push({
    actor: 'bob',
    message: 'Install the deployer',
    files: { [DOCKERFILE]: 'FROM prefecthq/prefect:3.1-python3.12\n' },
  });
  await step(); // build-prefect-deployer-image pushes its image
  await step(); // terraform-prod-plan
  const approval = await fetch(
    `${sandbox.circleciUrl}/workflow/${
      workflow(deployed.pipeline.number, 'terraform-prod').id
    }/approve/${hold(deployed.pipeline.number).approvalRequestId}`,
    { method: 'POST', headers: { 'Circle-Token': SECRETS.circleci } },
  );
  if (approval.status !== 202) {
    throw new Error(`Approving #2 answered ${approval.status}`);
  }
  await step(); // terraform-prod-apply

  const park = await admin.trigger({
    actor: 'carol',
    parameters: mode('park-infrastructure'),
  });
  await step();
  await admin.trigger({
    actor: 'alice',
    parameters: mode('unpark-infrastructure'),
  });
  await step();

  // Commits through GitHub's API start no pipeline.
  const pinned = `${DEPLOYER}${deployed.commit.slice(0, 7)}`;
  const commit = async (path: string, content: string, message: string) => {
    const url = `${sandbox.githubUrl}/repos/rlhatcher/rocket-club/contents/${path}`;
    const headers = { authorization: `token ${SECRETS.github}` };
    const current = await fetch(url, { headers });
    const res = await fetch(url, {
      method: 'PUT',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({
        message,
        content: Buffer.from(content).toString('base64'),
        sha: current.ok ? (await current.json()).sha : undefined,
      }),
    });
    if (res.status >= 300) {
      throw new Error(`Committing ${path} answered ${res.status}`);
    }
  };
  await commit(TF_PATH, mainTf(pinned), 'Pin the deployer');
  await commit('docs/deployer.md', 'The deployer.\n', 'Describe the deployer');
  await commit('docs/deployer.md', 'The deployer image.\n', 'Fix the docs');

  const held = await admin.push({
    actor: 'dave',
    message: 'Bump the deployer',
    files: { [DOCKERFILE]: 'FROM prefecthq/prefect:3.2-python3.12\n' },
  });
  await step(); // build-prefect-deployer-image
  await step(); // terraform-prod-plan; the apply is held

  const rebuild = await admin.trigger({
    actor: 'erin',
    parameters: mode('refresh-prefect-image'),
  });
  await step(); // build-prefect-base-image pushes; the check runs

  await admin.addImages(1_497, { tagPrefix: 'build-' });
  sandbox.faults('endpoints', {
    faults: [{ path: '^/pipelines/health', status: 502, count: 100_000 }],
  });
  const violations = await admin.violations();
  if (violations.length > 0) {
    throw new Error(
      `The script broke a contract: ${JSON.stringify(violations)}`,
    );
  }
  await admin.resetStats();

  const heldWorkflow = workflow(held.pipeline.number, 'terraform-prod');
  const plan = heldWorkflow.jobs.find(j => j.name === 'terraform-prod-plan')!;
  const newest = `${DEPLOYER}${held.commit.slice(0, 7)}`;
  return {
    sandbox,
    config: sandboxConfig(sandbox),
    /** The pipelines of the script, by what they did. */
    pipelines: {
      deployed: deployed.pipeline.number,
      held: held.pipeline.number,
      rebuild: rebuild.number,
    },
    /** Bob's deploy, whose image the Terraform file pins. */
    deployed,
    /** Dave's deploy, held for approval. */
    held: {
      ...held,
      workflowId: heldWorkflow.id,
      approvalRequestId: hold(held.pipeline.number).approvalRequestId!,
      subject: 'Bump the deployer',
      /** When its plan finished and the hold began. */
      since: new Date(plan.stoppedAt!).toISOString(),
    },
    /** Carol's park: its pipeline and how long its workflow ran. */
    park: {
      pipelineNumber: park.number,
      durationMs:
        workflow(park.number, 'park-infrastructure').stoppedAt! -
        workflow(park.number, 'park-infrastructure').createdAt,
    },
    images: {
      pinned,
      newest,
      newestDigest: registry.find('blog-data', newest)!.digest,
      /** Commits from the pinned image's to the newest's. */
      commitsBehind: firstParentsBetween(sandbox, deployed.commit, held.commit),
    },
    /** Requests to every upstream since the script. */
    upstreamCalls: () =>
      Object.values(sandbox.requests()).reduce((n, r) => n + r.length, 0),
  };
}
