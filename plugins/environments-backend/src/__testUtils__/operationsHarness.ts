import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { ManualClock } from '@rocket-club/sandbox';
import type { RecordedRequest, Sandbox } from '@rocket-club/sandbox';
import { circleCiOf, repositoryOf } from '@rocket-club/sandbox/testUtils';
import type { SandboxCircleCi } from '@rocket-club/sandbox/testUtils';
import type { Knex } from 'knex';
import type { SetupServer } from 'msw/node';
import { CircleCiClient } from '../clients/circleci/CircleCiClient';
import type { EcrImage } from '../clients/ecr/EcrClient';
import { GithubClient } from '../clients/github/GithubClient';
import { DatabaseEnvironmentsStore } from '../database/DatabaseEnvironmentsStore';
import type { JobRecord } from '../database/EnvironmentsStore';
import { DatabasePlanReviewStore } from '../database/DatabasePlanReviewStore';
import { createPlanReviewService } from '../services/PlanReviewService';
import { DatabaseOperationsStore } from '../database/DatabaseOperationsStore';
import { createOperationsService } from '../services/OperationsService/createOperationsService';
import { ownerOnlyPermissions, recordingAuditor } from './guardServices';
import { jobRecord, pipelineRecord, workflowRecord } from './records';
import { startSmallSandbox } from './sandbox';
import { SECRETS, TEST_CONFIG, testEnvironmentsConfig } from './testConfig';

export const REGISTRY = '111122223333.dkr.ecr.eu-west-2.amazonaws.com';
export const MAIN_TF = 'infra/platform/infra/envs/prod/main.tf';
export const mainTf = `locals {
  prefect_base_image     = "${REGISTRY}/blog-data:prefect-3-python3.12-ecs"
  prefect_deployer_image = "${REGISTRY}/blog-data:prefect-deployer-3-python3.12-1a2b3c4"
}
`;
export const circleConfig = `version: 2.1
parameters:
  terraform-prod-mode: { type: boolean, default: true }
  park-infrastructure-mode: { type: boolean, default: false }
  unpark-infrastructure-mode: { type: boolean, default: false }
  refresh-prefect-image-mode: { type: boolean, default: false }
workflows: {}
`;
export const ecrImages: EcrImage[] = [
  {
    tags: ['prefect-3-python3.12-ecs'],
    digest: 'sha256:base',
    pushedAt: '2026-11-01T00:00:00.000Z',
  },
  {
    tags: ['prefect-deployer-3-python3.12-1a2b3c4'],
    digest: 'sha256:old',
    pushedAt: '2026-11-10T00:00:00.000Z',
  },
  {
    tags: ['prefect-deployer-3-python3.12-9f8e7d6'],
    digest: 'sha256:new',
    pushedAt: '2026-11-20T00:00:00.000Z',
  },
  {
    tags: ['other-image-abcdef0'],
    digest: 'sha256:other',
    pushedAt: '2026-11-25T00:00:00.000Z',
  },
];

export const owner = mockCredentials.user('user:default/ada');
export const stranger = mockCredentials.user('user:default/grace');

/** The approval request of the deploy `heldDeploy` holds (CircleCI ids are UUIDs). */
export const APPROVAL_REQUEST_ID = '3f1c2a8e-5b7d-4e9a-9c61-0d2e4b6a8f10';

/** Where the plan jobs store their summary (the sandbox serves it). */
const PLAN_SUMMARY = 'terraform/plan-summary.json';

/**
 * GitHub: the sandbox's stand-in, holding just the Terraform file and the
 * CircleCI config.
 */
function githubSandbox(sandbox: Sandbox, keepCircleJournal: () => void) {
  const repo = repositoryOf(sandbox);
  const calls = () =>
    sandbox
      .requests()
      .github.map(
        r => `${r.method} ${decodeURIComponent(r.path.split('?')[0])}`,
      );
  return {
    sandbox,
    ...repo,
    /** `METHOD /path` (decoded) of every GitHub request so far. */
    calls,
    /** The GitHub requests that change something. */
    writes: () => calls().filter(c => !c.startsWith('GET')),
    /** A developer's commit of `files` on a branch (made from main). */
    commit: (branch: string, files: Record<string, string>) =>
      sandbox.push({ branch, files, message: `Change ${branch}` }).commit,
    /** Queues GitHub faults (see the sandbox's fault injection). */
    faults: (options: Parameters<Sandbox['faults']>[1]) =>
      sandbox.faults('github', options),
    /** Opens a pull request the way a developer would, over REST. */
    async openPull(pull: { head: string; base: string; title: string }) {
      const response = await fetch(
        `${sandbox.githubUrl}/repos/rlhatcher/rocket-club/pulls`,
        {
          method: 'POST',
          headers: {
            authorization: 'token t',
            'content-type': 'application/json',
          },
          body: JSON.stringify(pull),
        },
      );
      const body = (await response.json()) as {
        number: number;
        html_url: string;
      };
      // The developer's request is not one of the portal's.
      keepCircleJournal();
      sandbox.reset();
      return body;
    },
    /** The web address of a pull request, as GitHub answers it. */
    pullUrl: (number: number) =>
      `${sandbox.world.github.site.htmlUrl}/rlhatcher/rocket-club/pull/${number}`,
  };
}

/**
 * How the CircleCI stand-in answers the next trigger (or approval):
 * `lost`: it acts and the connection drops; `late`: the client times out
 * and CircleCI acts afterwards; `5xx-after`: it acts and answers 502;
 * `5xx`: answers 502 without acting. Requests without a queued mode are
 * answered as usual.
 */
export type TriggerMode = 'lost' | 'late' | '5xx-after' | '5xx';

/** The sandbox fault rule that makes a request go as `mode` says. */
function faultOf(mode: TriggerMode, path: string, timeoutMs: number) {
  const rule = { method: 'POST', path };
  switch (mode) {
    case 'lost':
      return { ...rule, after: true, drop: true };
    case 'late':
      return { ...rule, holdMs: timeoutMs * 1.5 };
    case '5xx-after':
      return { ...rule, after: true, status: 502 };
    case '5xx':
      return { ...rule, status: 502 };
    default:
      throw new Error(`Unknown trigger mode ${JSON.stringify(mode)}`);
  }
}

const TRIGGER_PATH = '/project/gh/rlhatcher/rocket-club/pipeline(\\?|$)';
const APPROVE_PATH = '/workflow/[^/]+/approve/[^/?]+';
const APPROVAL = /\/workflow\/([^/]+)\/approve\/([^/?]+)/;

/**
 * The operations service on a real database, with the sandbox's CircleCI
 * and GitHub (real servers on loopback) and the sandbox's manual clock,
 * which the test moves through `clock.t`.
 */
export async function operationsHarness(
  knex: Knex,
  server: SetupServer,
  options: { requestTimeoutMs?: number } = {},
) {
  const sandboxClock = new ManualClock(Date.parse('2026-03-02T10:00:00.000Z'));
  /** The time of the service and of the sandbox; tests move `t` forward. */
  const clock = {
    get t() {
      return sandboxClock.now();
    },
    set t(value: number) {
      const ms = value - sandboxClock.now();
      if (!(ms >= 0)) {
        throw new Error(
          `The clock only moves forward, not to ${new Date(
            value,
          ).toISOString()}`,
        );
      }
      // Without due timers this moves the clock before it returns.
      void sandboxClock.advance(ms);
    },
  };
  const now = () => new Date(clock.t);
  const database = mockServices.database({
    knex,
    migrations: { skip: false },
  });
  const history = await DatabaseEnvironmentsStore.create({ database });
  const store = await DatabaseOperationsStore.create({ database });
  const timeoutMs = options.requestTimeoutMs ?? 10_000;
  const sandbox = await startSmallSandbox(
    server,
    { [MAIN_TF]: mainTf, '.circleci/config.yml': circleConfig },
    { clock: sandboxClock, circleci: { token: SECRETS.circleci } },
  );
  // The CircleCI requests from before a reset of the sandbox.
  const earlierCircle: RecordedRequest[] = [];
  const circleRequests = () => [
    ...earlierCircle,
    ...sandbox.requests().circleci,
  ];
  const github = githubSandbox(sandbox, () =>
    earlierCircle.push(...sandbox.requests().circleci),
  );
  const seeded = circleCiOf(sandbox, { start: '2026-01-01T00:00:00Z' });
  /** Pipelines a test recorded, not triggered by the portal. */
  const seededIds = new Set<string>();
  const circle: SandboxCircleCi = {
    ...seeded,
    addPipeline(seed) {
      const pipeline = seeded.addPipeline(seed);
      seededIds.add(pipeline.id);
      return pipeline;
    },
  };
  /** The modes queued for approvals, in order: which of them acted. */
  const approveModes: TriggerMode[] = [];
  const trigger = {
    next: {
      push(...modes: TriggerMode[]) {
        sandbox.faults('circleci', {
          faults: modes.map(m => faultOf(m, TRIGGER_PATH, timeoutMs)),
        });
      },
    },
    approve: {
      push(...modes: TriggerMode[]) {
        sandbox.faults('circleci', {
          faults: modes.map(m => faultOf(m, APPROVE_PATH, timeoutMs)),
        });
        approveModes.push(...modes);
      },
    },
  };
  /** The pipelines the portal triggered (CircleCI created), oldest first. */
  const triggered = () =>
    circle
      .pipelines()
      .filter(p => !seededIds.has(p.id))
      .reverse()
      .map(p => ({ branch: p.vcs.branch, parameters: p.parameters }));
  /**
   * `workflowId/requestId` of every approval CircleCI acted on (or was
   * asked again for), in order.
   */
  const approved = () =>
    circleRequests()
      .map(r => (r.method === 'POST' ? APPROVAL.exec(r.path) : null))
      .filter((m): m is RegExpExecArray => m !== null)
      .filter((_m, i) => approveModes[i] !== '5xx')
      .map(([, workflowId, requestId]) => `${workflowId}/${requestId}`);
  // The plan job's summary artifact (job number 7), when a test sets one.
  let planSummary: { timestamp?: string } | undefined;
  const showPlan = () => {
    const found = sandbox.world.store.jobByNumber(7);
    if (!found) return;
    found.job.artifacts = planSummary ? [PLAN_SUMMARY] : [];
    if (!planSummary) return;
    // The sandbox stamps the summary with the time the plan job stopped.
    if (planSummary.timestamp) {
      found.job.stoppedAt = Date.parse(planSummary.timestamp);
    }
    sandbox.world.artifacts.override(found.pipeline.number, {
      summary: planSummary,
    });
  };
  const plan = {
    get summary() {
      return planSummary;
    },
    set summary(value: { timestamp?: string } | undefined) {
      planSummary = value;
      showPlan();
    },
  };
  const ecrCalls: string[] = [];
  const { auditor, events } = recordingAuditor();
  const config = testEnvironmentsConfig();
  const circleci = new CircleCiClient({
    ...config.circleci!,
    baseUrl: sandbox.circleciUrl,
    requestTimeoutMs: timeoutMs,
    retryBaseDelayMs: 1,
    sleep: async () => {},
  });
  const permissions = ownerOnlyPermissions();
  const service = createOperationsService({
    config,
    permissions,
    auditor,
    logger: mockServices.logger.mock(),
    store,
    history,
    now,
    circleci,
    plans: createPlanReviewService({
      circleci,
      jobs: history,
      reviews: await DatabasePlanReviewStore.create({ database }),
      logger: mockServices.logger.mock(),
      now: () => clock.t,
    }),
    github: GithubClient.fromConfig(
      new ConfigReader({
        ...TEST_CONFIG,
        integrations: {
          github: [
            {
              host: 'github.com',
              apiBaseUrl: github.sandbox.githubUrl,
              token: SECRETS.github,
            },
          ],
        },
      }),
      undefined,
      {
        timeoutMs,
        baseDelayMs: 1,
        sleep: async () => {},
      },
    ),
    ecr: {
      async listImages(repositoryName) {
        ecrCalls.push(repositoryName);
        return repositoryName === 'blog-data' ? ecrImages : [];
      },
    },
    catalog: {
      async getEntityByRef(ref) {
        return ref === 'component:default/rocket-club'
          ? ({
              apiVersion: 'backstage.io/v1alpha1',
              kind: 'Component',
              metadata: {
                name: 'rocket-club',
                annotations: { 'rocket-club.dev/environment': 'prod' },
              },
            } as any)
          : undefined;
      },
    },
  });
  const upstreamCalls = () =>
    circleRequests().length + github.calls().length + ecrCalls.length;
  /**
   * A terraform-prod workflow held for approval (request
   * APPROVAL_REQUEST_ID), in the sandbox's CircleCI and in the store, with the given jobs stored.
   */
  async function heldDeploy(jobs: Partial<JobRecord>[] = []) {
    const pipeline = circle.addPipeline({
      workflows: [
        {
          name: 'terraform-prod',
          status: 'on_hold',
          jobs: [
            {
              name: 'terraform-prod-plan',
              status: 'success',
              jobNumber: 7,
            },
            {
              name: 'hold-terraform-prod-apply',
              type: 'approval',
              status: 'on_hold',
              approvalRequestId: APPROVAL_REQUEST_ID,
            },
          ],
        },
      ],
    });
    const workflow = circle.workflow('terraform-prod');
    showPlan();
    await history.savePipeline(
      pipelineRecord({
        id: pipeline.id,
        number: pipeline.number,
        terminal: false,
      }),
      [
        workflowRecord({
          id: workflow.id,
          pipelineId: pipeline.id,
          pipelineNumber: pipeline.number,
          status: 'on_hold',
          stoppedAt: undefined,
        }),
      ],
      jobs.map(j => jobRecord({ workflowId: workflow.id, ...j })),
    );
    return { pipeline, workflow };
  }

  return {
    heldDeploy,
    service,
    history,
    store,
    circle,
    sandbox,
    github,
    /** What the portal triggered: branch and parameters of each pipeline. */
    get triggered() {
      return triggered();
    },
    /** `workflowId/requestId` of each approval sent to CircleCI. */
    get approved() {
      return approved();
    },
    plan,
    trigger,
    ecrCalls,
    /** The audit events so far. */
    get events() {
      return events();
    },
    upstreamCalls,
    clock,
    knex,
  };
}
