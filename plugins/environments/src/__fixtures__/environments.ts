import type {
  Deployment,
  DeploymentPage,
  EnvironmentDetails,
  EnvironmentImages,
  EnvironmentState,
  EnvironmentSummary,
  WorkflowStatus,
} from '@rocket-club/plugin-environments-common';
import type { Entity } from '@backstage/catalog-model';

/*
 * Wire-shaped sample data of the `prod` environment, shared by the tests and
 * the dev app. Times are relative to when the module loads so the relative
 * formatting reads naturally in the dev app.
 */

const minutesAgo = (minutes: number) =>
  new Date(Date.now() - minutes * 60_000).toISOString();

const CIRCLECI =
  'https://app.circleci.com/pipelines/github/rlhatcher/rocket-club';
const GITHUB = 'https://github.com/rlhatcher/rocket-club';

/** A workflow of the given kind and status, numbered from `pipeline`. */
export function makeDeployment(
  pipeline: number,
  overrides: Partial<Deployment> = {},
): Deployment {
  const sha = `${pipeline}abcdef0123456789abcdef0123456789abcd`.slice(0, 40);
  return {
    id: `wf-${pipeline}`,
    kind: 'deploy',
    workflowName: 'terraform-prod',
    status: 'success',
    pipeline: {
      id: `pl-${pipeline}`,
      number: pipeline,
      url: `${CIRCLECI}/${pipeline}`,
    },
    url: `${CIRCLECI}/${pipeline}/workflows/wf-${pipeline}`,
    actor: 'rlhatcher',
    triggerType: 'webhook',
    commit: {
      sha,
      subject: `Change ${pipeline}`,
      branch: 'main',
      url: `${GITHUB}/commit/${sha}`,
    },
    pullRequest: {
      number: pipeline - 100,
      url: `${GITHUB}/pull/${pipeline - 100}`,
    },
    createdAt: minutesAgo(600 - pipeline),
    stoppedAt: minutesAgo(590 - pipeline),
    durationMs: 10 * 60_000 + 12_000,
    ...overrides,
  };
}

/** The catalog entity `resource:default/prod`. */
export const prodEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: 'prod',
    namespace: 'default',
    title: 'Production',
    annotations: { 'rocket-club.dev/environment': 'prod' },
  },
  spec: { type: 'environment', owner: 'group:default/platform-team' },
  relations: [{ type: 'ownedBy', targetRef: 'group:default/platform-team' }],
};

const endpoints = (
  state: EnvironmentState,
): EnvironmentDetails['endpoints'] => {
  const parked = state === 'parked';
  return [
    {
      name: 'portal',
      url: 'https://portal.rocket-club.dev/',
      status: parked ? 'expected-down' : 'up',
      httpStatus: parked ? 503 : 200,
      latencyMs: parked ? undefined : 182,
      checkedAt: minutesAgo(1),
      uptime24h: 0.995,
      samples24h: 288,
    },
    {
      name: 'pipelines',
      url: 'https://prefect.rocket-club.dev/api/health',
      status: parked ? 'expected-down' : 'up',
      httpStatus: parked ? undefined : 200,
      latencyMs: parked ? undefined : 64,
      checkedAt: minutesAgo(1),
      uptime24h: 1,
      samples24h: 288,
      error: parked ? 'connect ECONNREFUSED' : undefined,
    },
  ];
};

const DEPLOY_STATUS: Partial<Record<EnvironmentState, WorkflowStatus>> = {
  'awaiting-approval': 'on_hold',
  failed: 'failed',
  deploying: 'running',
};

/** The details of `prod` in the given state, with what goes with it. */
export function makeDetails(state: EnvironmentState): EnvironmentDetails {
  const park = makeDeployment(140, {
    kind: 'park',
    workflowName: 'park-infrastructure',
    status: state === 'parking' ? 'running' : 'success',
    triggerType: 'api',
    actor: 'alice',
  });
  const unpark = makeDeployment(141, {
    kind: 'unpark',
    workflowName: 'unpark-infrastructure',
    status: state === 'unparking' ? 'running' : 'success',
    actor: 'alice',
  });
  const deploy = makeDeployment(142, {
    status: DEPLOY_STATUS[state] ?? 'success',
    actor: 'bob',
  });
  const source: Record<EnvironmentState, typeof park | undefined> = {
    active: unpark,
    parked: park,
    parking: park,
    unparking: unpark,
    deploying: deploy,
    'awaiting-approval': deploy,
    failed: deploy,
    unknown: undefined,
  };
  const running = ['parking', 'unparking', 'deploying', 'awaiting-approval'];
  const inFlight = running.includes(state) ? [source[state]!] : [];
  return {
    name: 'prod',
    title: 'Production',
    entityRef: 'resource:default/prod',
    state,
    since: source[state]?.createdAt,
    actor: source[state]?.actor,
    source: source[state],
    lock:
      state === 'parking' || state === 'unparking' || state === 'deploying'
        ? {
            kind: source[state]!.kind,
            pipeline: source[state]!.pipeline,
            workflowId: source[state]!.id,
            since: source[state]!.createdAt,
          }
        : undefined,
    heldApproval:
      state === 'awaiting-approval'
        ? {
            workflowId: deploy.id,
            workflowName: deploy.workflowName,
            approvalRequestId: 'approval-142',
            jobName: 'hold-terraform-prod-apply',
            waitingSince: minutesAgo(25),
            pipeline: deploy.pipeline,
            actor: 'bob',
            commit: deploy.commit,
          }
        : undefined,
    endpoints: endpoints(state),
    lastSuccessfulDeploy: makeDeployment(130),
    inFlight,
    syncedAt: minutesAgo(0.5),
  };
}

/** The summary of `prod` in the given state, as `GET /environments` lists it. */
export function makeSummary(state: EnvironmentState): EnvironmentSummary {
  const {
    heldApproval,
    endpoints: _e,
    lastSuccessfulDeploy,
    inFlight,
    syncedAt,
    ...summary
  } = makeDetails(state);
  return summary;
}

/** The images of `prod`: the deployer is three commits behind. */
export const prodImages: EnvironmentImages = {
  environment: 'prod',
  source: 'infra/platform/infra/envs/prod/main.tf@main',
  images: [
    {
      name: 'deployer',
      local: 'prefect_deployer_image',
      ecrRepository: 'blog-data',
      bumpable: true,
      pinned: {
        reference:
          '123456789012.dkr.ecr.eu-west-2.amazonaws.com/blog-data:prefect-deployer-3-python3.12-1111111',
        registry: '123456789012.dkr.ecr.eu-west-2.amazonaws.com',
        repository: 'blog-data',
        tag: 'prefect-deployer-3-python3.12-1111111',
        commitSha: '1111111',
        pushedAt: minutesAgo(60 * 24 * 9),
      },
      newest: {
        tag: 'prefect-deployer-3-python3.12-2222222',
        digest: 'sha256:2222',
        pushedAt: minutesAgo(60 * 5),
        commitSha: '2222222',
      },
      upToDate: false,
      commitsBehind: 3,
      compareUrl: `${GITHUB}/compare/1111111...2222222`,
    },
    {
      name: 'base',
      local: 'prefect_base_image',
      ecrRepository: 'blog-data',
      bumpable: false,
      pinned: {
        reference:
          '123456789012.dkr.ecr.eu-west-2.amazonaws.com/blog-data:prefect-3-python3.12-ecs',
        registry: '123456789012.dkr.ecr.eu-west-2.amazonaws.com',
        repository: 'blog-data',
        tag: 'prefect-3-python3.12-ecs',
        pushedAt: minutesAgo(60 * 24 * 2),
      },
      newest: {
        tag: 'prefect-3-python3.12-ecs',
        digest: 'sha256:base',
        pushedAt: minutesAgo(60 * 24 * 2),
      },
      upToDate: true,
    },
  ],
};

/** Two pages of deploy history, newest first. */
export const historyPages: Record<string, DeploymentPage> = {
  first: {
    items: [
      makeDeployment(142),
      makeDeployment(141, {
        kind: 'unpark',
        workflowName: 'unpark-infrastructure',
        triggerType: 'schedule',
        actor: undefined,
        pullRequest: undefined,
      }),
      makeDeployment(140, {
        kind: 'park',
        workflowName: 'park-infrastructure',
        actor: 'alice',
        pullRequest: undefined,
      }),
      makeDeployment(139, { approvalWaitMs: 25 * 60_000 }),
    ],
    nextCursor: 'cursor-2',
  },
  'cursor-2': {
    items: [
      makeDeployment(120, { status: 'failed' }),
      makeDeployment(119, {
        kind: 'rebuild',
        workflowName: 'refresh-prefect-image',
        pullRequest: undefined,
      }),
    ],
  },
};
