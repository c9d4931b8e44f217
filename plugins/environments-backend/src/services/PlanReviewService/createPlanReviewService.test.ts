import {
  mockServices,
  registerMswTestHooks,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { registerContractChecks } from '../../__testUtils__/mswContracts';
import {
  jobRecord,
  pipelineRecord,
  workflowRecord,
} from '../../__testUtils__/records';
import { testEnvironmentsConfig } from '../../__testUtils__/testConfig';
import { CircleCiClient } from '../../clients/circleci/CircleCiClient';
import { DatabaseEnvironmentsStore } from '../../database/DatabaseEnvironmentsStore';
import { DatabasePlanReviewStore } from '../../database/DatabasePlanReviewStore';
import summary from './__fixtures__/plan-summary.json';
import { createPlanReviewService } from './createPlanReviewService';

jest.setTimeout(60_000);

const base = 'http://circleci.plan.test/api/v2';
const artifactUrl = 'http://artifacts.plan.test/0/terraform/plan-summary.json';
const TOKEN = 'plan-review-token';
const PLAN_DAY = Date.parse('2026-11-30T09:15:00Z');
const DAY = 86_400_000;

describe('createPlanReviewService', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  const contract = registerContractChecks(server, [
    { baseUrl: base, contract: 'circleci' },
  ]);
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
  const [prod] = testEnvironmentsConfig().definitions;

  let artifactBody: () => Response;
  let tokens: (string | null)[];
  beforeEach(() => {
    tokens = [];
    artifactBody = () => HttpResponse.json(summary);
    server.use(
      http.get(
        `${base}/project/gh/rlhatcher/rocket-club/:job/artifacts`,
        ({ params, request }) => {
          tokens.push(request.headers.get('circle-token'));
          const items =
            params.job === '7'
              ? [
                  {
                    path: 'terraform/tfplan',
                    node_index: 0,
                    url: 'http://artifacts.plan.test/0/terraform/tfplan',
                  },
                  {
                    path: 'terraform/plan-summary.json',
                    node_index: 0,
                    url: artifactUrl,
                  },
                ]
              : [];
          return HttpResponse.json({ items, next_page_token: null });
        },
      ),
      http.get(artifactUrl, ({ request }) => {
        tokens.push(request.headers.get('circle-token'));
        return artifactBody();
      }),
    );
  });

  describe.each(databases.eachSupportedId())('%p', databaseId => {
    async function setup(
      options: { now?: number; planJobNumber?: number } = {},
    ) {
      const knex = await databases.init(databaseId);
      const database = mockServices.database({
        knex,
        migrations: { skip: false },
      });
      const store = await DatabaseEnvironmentsStore.create({ database });
      await store.savePipeline(
        pipelineRecord({ terminal: false }),
        [workflowRecord({ status: 'on_hold', stoppedAt: undefined })],
        [
          jobRecord({ jobNumber: options.planJobNumber ?? 7 }),
          jobRecord({
            id: 'j-2',
            name: 'hold-terraform-prod-apply',
            type: 'approval',
            status: 'on_hold',
            jobNumber: undefined,
          }),
        ],
      );
      let now = options.now ?? PLAN_DAY + DAY;
      const service = createPlanReviewService({
        circleci: new CircleCiClient({
          baseUrl: base,
          token: TOKEN,
          requestTimeoutMs: 500,
          maxRetries: 1,
          sleep: async () => {},
        }),
        jobs: store,
        reviews: await DatabasePlanReviewStore.create({ database }),
        logger: mockServices.logger.mock(),
        now: () => now,
      });
      return { service, advance: (ms: number) => (now += ms) };
    }

    it('reads the summary once per workflow: the artifact list and the artifact, with the token', async () => {
      const { service } = await setup();
      const first = await service.review(prod, 'w-1');
      const again = await service.review(prod, 'w-1');
      expect(first).toEqual(again);
      expect(first).toMatchObject({
        status: 'ok',
        createdAt: '2026-11-30T09:15:00Z',
        counts: { create: 1, update: 1, delete: 1, replace: 2 },
        protectedPolicy: 'confirm',
      });
      expect(first.protected.map(c => c.address)).toEqual([
        'module.aurora.aws_rds_cluster.this',
        'module.s3.aws_s3_bucket.assets["logs"]',
      ]);
      expect(contract.calls()).toEqual([
        'GET /api/v2/project/gh/rlhatcher/rocket-club/7/artifacts',
      ]);
      expect(tokens).toEqual([TOKEN, TOKEN]);
    });

    it("reads the plan job from CircleCI when ingestion did not keep the workflow's jobs", async () => {
      server.use(
        http.get(`${base}/workflow/w-2/job`, () =>
          HttpResponse.json({
            items: [
              {
                id: '5b1f7c2e-8d1a-4c1e-9a55-0c6e3f1b2a77',
                name: 'terraform-drift-plan',
                type: 'build',
                status: 'success',
                job_number: 7,
                started_at: '2026-11-30T09:00:00Z',
                stopped_at: '2026-11-30T09:15:00Z',
                dependencies: [],
                project_slug: 'gh/rlhatcher/rocket-club',
              },
            ],
            next_page_token: null,
          }),
        ),
      );
      const { service } = await setup();
      const review = await service.review(prod, 'w-2', 'terraform-drift-plan');
      expect(review.status).toBe('ok');
      expect(contract.calls()).toEqual([
        'GET /api/v2/workflow/w-2/job',
        'GET /api/v2/project/gh/rlhatcher/rocket-club/7/artifacts',
      ]);
    });

    it('is stale once older than maxAge, saying to rerun', async () => {
      const { service } = await setup({ now: PLAN_DAY + 15 * DAY });
      const review = await service.review(prod, 'w-1');
      expect(review.status).toBe('stale');
      expect(review.reason).toMatch(
        /made 15 days ago, more than the 14 days allowed; rerun/,
      );
    });

    it('says missing when the plan job published no summary, and looks again later', async () => {
      const { service, advance } = await setup({ planJobNumber: 8 });
      expect(await service.review(prod, 'w-1')).toMatchObject({
        status: 'missing',
        counts: { create: 0, update: 0, delete: 0, replace: 0 },
        reason:
          'terraform-prod-plan #8 published no terraform/plan-summary.json',
      });
      await service.review(prod, 'w-1');
      expect(contract.calls()).toHaveLength(1);
      advance(6 * 60_000);
      await service.review(prod, 'w-1');
      expect(contract.calls()).toHaveLength(2);
    });

    it('says invalid, without keeping anything of it, when the artifact carries values', async () => {
      artifactBody = () =>
        HttpResponse.json({
          ...summary,
          prior_state: { values: { secret: 's3cr3t' } },
        });
      const { service } = await setup();
      const review = await service.review(prod, 'w-1');
      expect(review.status).toBe('invalid');
      expect(review.reason).toMatch(/not a value-free plan summary/);
      expect(JSON.stringify(review)).not.toContain('s3cr3t');
      expect(review.changes).toEqual([]);
    });

    it('keeps nothing when CircleCI does not answer, so the next view retries', async () => {
      artifactBody = () => new HttpResponse('busy', { status: 503 });
      const { service } = await setup();
      expect((await service.review(prod, 'w-1')).status).toBe('missing');
      artifactBody = () => HttpResponse.json(summary);
      expect((await service.review(prod, 'w-1')).status).toBe('ok');
    });
  });
});
