import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import type { Knex } from 'knex';
import { delay, http, HttpResponse } from 'msw';
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
import { FakeCircleCi } from './fakeCircleCi';
import { ownerOnlyPermissions, recordingAuditor } from './guardServices';
import { jobRecord, pipelineRecord, workflowRecord } from './records';
import { FakeGitHub } from './fakeGitHub';
import { TEST_CONFIG, testEnvironmentsConfig, UPSTREAMS } from './testConfig';

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

/**
 * How the CircleCI stand-in answers the next trigger (or approval): `ok`;
 * `lost`: it acts and the connection drops; `late`: the client times out
 * and CircleCI acts afterwards; `5xx-after`: it acts and answers 502;
 * `5xx`: answers 502 without acting.
 */
export type TriggerMode = 'ok' | 'lost' | 'late' | '5xx-after' | '5xx';

/**
 * The operations service on a real database, with CircleCI and GitHub
 * stand-ins behind msw (the network edge) and a clock the test moves.
 */
export async function operationsHarness(
  knex: Knex,
  server: SetupServer,
  options: { requestTimeoutMs?: number } = {},
) {
  const clock = { t: Date.parse('2026-03-02T10:00:00.000Z') };
  const now = () => new Date(clock.t);
  const database = mockServices.database({
    knex,
    migrations: { skip: false },
  });
  const history = await DatabaseEnvironmentsStore.create({ database });
  const store = await DatabaseOperationsStore.create({ database });
  const circle = new FakeCircleCi(UPSTREAMS.circleci);
  const triggered: { branch: string; parameters: Record<string, unknown> }[] =
    [];
  const approved: string[] = [];
  const trigger: { next: TriggerMode[]; approve: TriggerMode[] } = {
    next: [],
    approve: [],
  };
  const github = new FakeGitHub(UPSTREAMS.github, 'rlhatcher', 'rocket-club', {
    [MAIN_TF]: mainTf,
    '.circleci/config.yml': circleConfig,
  });
  const timeoutMs = options.requestTimeoutMs ?? 10_000;
  server.use(
    http.post(
      `${UPSTREAMS.circleci}/project/gh/rlhatcher/rocket-club/pipeline`,
      async ({ request }) => {
        const mode = trigger.next.shift() ?? 'ok';
        const body = (await request.json()) as (typeof triggered)[number];
        if (mode === '5xx') {
          return HttpResponse.json({ message: 'boom' }, { status: 502 });
        }
        // Late: the client gives up first, then CircleCI creates it.
        if (mode === 'late') await delay(timeoutMs * 1.5);
        triggered.push(body);
        const p = circle.addPipeline({
          state: 'created',
          branch: body.branch,
          createdAt: now().toISOString(),
          parameters: body.parameters as Record<string, boolean>,
        });
        if (mode === 'lost') return HttpResponse.error();
        if (mode === '5xx-after') {
          return HttpResponse.json({ message: 'boom' }, { status: 502 });
        }
        return HttpResponse.json(
          {
            id: p.id,
            number: p.number,
            state: 'pending',
            created_at: p.created_at,
          },
          { status: 201 },
        );
      },
    ),
    http.post(
      `${UPSTREAMS.circleci}/workflow/:id/approve/:request`,
      ({ params }) => {
        const mode = trigger.approve.shift() ?? 'ok';
        if (mode === '5xx') {
          return HttpResponse.json({ message: 'boom' }, { status: 502 });
        }
        approved.push(`${params.id}/${params.request}`);
        for (const jobs of circle.jobs.values()) {
          const job = jobs.find(j => j.approval_request_id === params.request);
          if (job) job.status = 'success';
        }
        if (mode === 'lost') return HttpResponse.error();
        if (mode === '5xx-after') {
          return HttpResponse.json({ message: 'boom' }, { status: 502 });
        }
        return HttpResponse.json({ message: 'Accepted.' }, { status: 202 });
      },
    ),
    ...circle.handlers(),
    ...github.handlers(),
  );
  // The plan job's summary artifact (job number 7), when a test sets one.
  const plan: { summary?: object } = {};
  const artifactUrl = 'http://artifacts.operations.test/7/plan-summary.json';
  server.use(
    http.get(
      `${UPSTREAMS.circleci}/project/gh/rlhatcher/rocket-club/:job/artifacts`,
      ({ params }) =>
        HttpResponse.json({
          items:
            plan.summary && params.job === '7'
              ? [
                  {
                    path: 'terraform/plan-summary.json',
                    node_index: 0,
                    url: artifactUrl,
                  },
                ]
              : [],
          next_page_token: null,
        }),
    ),
    http.get(artifactUrl, () => HttpResponse.json(plan.summary ?? {})),
  );
  const ecrCalls: string[] = [];
  const { auditor, events } = recordingAuditor();
  const config = testEnvironmentsConfig();
  const circleci = new CircleCiClient({
    ...config.circleci!,
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
    github: GithubClient.fromConfig(new ConfigReader(TEST_CONFIG), undefined, {
      timeoutMs,
      baseDelayMs: 1,
      sleep: async () => {},
    }),
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
    circle.calls.length +
    triggered.length +
    approved.length +
    github.calls.length +
    ecrCalls.length;
  /**
   * A terraform-prod workflow held for approval (request `req-1`), in the
   * CircleCI fake and in the store, with the given jobs stored.
   */
  async function heldDeploy(jobs: Partial<JobRecord>[] = []) {
    const pipeline = circle.addPipeline({
      workflows: [
        {
          name: 'terraform-prod',
          status: 'on_hold',
          jobs: [
            { name: 'terraform-prod-plan', status: 'success' },
            {
              name: 'hold-terraform-prod-apply',
              type: 'approval',
              status: 'on_hold',
              approval_request_id: 'req-1',
            },
          ],
        },
      ],
    });
    const workflow = circle.workflow('terraform-prod');
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
    github,
    triggered,
    approved,
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
