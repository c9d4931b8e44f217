import {
  mockCredentials,
  mockServices,
  registerMswTestHooks,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
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
import { DatabaseOperationsStore } from '../../database/DatabaseOperationsStore';
import { DatabasePlanReviewStore } from '../../database/DatabasePlanReviewStore';
import { createPlanReviewService } from '../PlanReviewService';
import summary from '../PlanReviewService/__fixtures__/plan-summary.json';
import { createEnvironmentsService } from './createEnvironmentsService';

jest.setTimeout(60_000);

const base = 'http://circleci.drift.test/api/v2';
const artifactUrl = 'http://artifacts.drift.test/0/terraform/plan-summary.json';

describe('GET /environments/{name} drift', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  registerContractChecks(server, [{ baseUrl: base, contract: 'circleci' }]);
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
  const [prod] = testEnvironmentsConfig().definitions;
  const definition = {
    ...prod,
    workflows: { ...prod.workflows, drift: 'terraform-drift' },
  };

  let body: object;
  beforeEach(() => {
    body = summary;
    server.use(
      http.get(`${base}/project/gh/rlhatcher/rocket-club/:job/artifacts`, () =>
        HttpResponse.json({
          items: [
            {
              path: 'terraform/plan-summary.json',
              node_index: 0,
              url: artifactUrl,
            },
          ],
          next_page_token: null,
        }),
      ),
      http.get(artifactUrl, () => HttpResponse.json(body)),
    );
  });

  describe.each(databases.eachSupportedId())('%p', databaseId => {
    async function service(withCheck: boolean) {
      const knex = await databases.init(databaseId);
      const database = mockServices.database({
        knex,
        migrations: { skip: false },
      });
      const store = await DatabaseEnvironmentsStore.create({ database });
      if (withCheck) {
        await store.savePipeline(
          pipelineRecord({
            id: 'p-9',
            number: 9,
            triggerType: 'scheduled_pipeline',
          }),
          [
            workflowRecord({
              id: 'w-9',
              pipelineId: 'p-9',
              pipelineNumber: 9,
              name: 'terraform-drift',
              kind: 'drift',
              stoppedAt: '2026-12-01T03:10:00.000Z',
            }),
          ],
          [
            jobRecord({
              workflowId: 'w-9',
              name: 'terraform-drift-plan',
              jobNumber: 31,
            }),
          ],
        );
      }
      return createEnvironmentsService({
        definitions: [definition],
        appBaseUrl: 'https://app.circleci.test',
        store,
        operationsStore: await DatabaseOperationsStore.create({ database }),
        images: { getImages: jest.fn(), listTags: jest.fn() },
        plans: createPlanReviewService({
          circleci: new CircleCiClient({
            baseUrl: base,
            token: 't',
            requestTimeoutMs: 500,
            maxRetries: 0,
          }),
          jobs: store,
          reviews: await DatabasePlanReviewStore.create({ database }),
          logger: mockServices.logger.mock(),
          now: () => Date.parse('2026-12-01T09:00:00Z'),
        }),
        catalog: catalogServiceMock(),
        permissions: mockServices.permissions(),
      });
    }
    const read = async (s: Awaited<ReturnType<typeof service>>) =>
      (await s.getEnvironment('prod', { credentials: mockCredentials.user() }))
        .drift;

    it('lists what the newest drift check found: its changes and the drift it saw', async () => {
      const drift = await read(await service(true));
      expect(drift).toMatchObject({
        status: 'drifted',
        checkedAt: '2026-12-01T03:10:00.000Z',
        pipeline: { id: 'p-9', number: 9 },
      });
      expect(drift!.resources).toHaveLength(6);
      expect(drift!.resources).toContainEqual({
        address: 'module.ecs.aws_ecs_service.prefect',
        type: 'aws_ecs_service',
        actions: ['update'],
      });
    });

    it('says none when the check planned no change', async () => {
      body = {
        format_version: '1.2',
        resource_changes: [],
        resource_drift: [],
      };
      expect(await read(await service(true))).toMatchObject({
        status: 'none',
        resources: [],
      });
    });

    it('says unknown when never checked, or when the summary is unreadable', async () => {
      expect(await read(await service(false))).toEqual({
        status: 'unknown',
        resources: [],
        reason: 'never checked',
      });
      body = {
        format_version: '1.2',
        resource_changes: [{ address: 'x', values: 1 }],
      };
      expect((await read(await service(true)))!.status).toBe('unknown');
    });
  });
});
