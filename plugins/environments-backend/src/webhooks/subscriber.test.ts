import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import type { EventsService } from '@backstage/plugin-events-node';
import { DatabaseOperationsStore } from '../database/DatabaseOperationsStore';
import { testEnvironmentsConfig } from '../__testUtils__/testConfig';
import { subscribeToCircleCiWebhooks } from './subscriber';

jest.setTimeout(60_000);

const delivery = (over: object = {}) => ({
  id: '3888f21b-eaa7-38e3-8f3d-75a63bba8895',
  type: 'workflow-completed',
  happened_at: '2026-11-26T12:00:00.000Z',
  workflow: { id: 'w-1', name: 'park-infrastructure', status: 'success' },
  pipeline: { id: 'p-1', number: 12 },
  project: { id: 'x', name: 'rocket-club', slug: 'gh/rlhatcher/rocket-club' },
  ...over,
});

describe('subscribeToCircleCiWebhooks', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  async function setup(
    databaseId: string,
    workflowsDone = true,
    failures = { refresh: 0 },
  ) {
    const knex = await databases.init(databaseId as any);
    const store = await DatabaseOperationsStore.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
    });
    const refreshed: string[] = [];
    const finished: string[] = [];
    const images: string[] = [];
    const topics: string[][] = [];
    const events = {
      async subscribe(o: { topics: string[] }) {
        topics.push(o.topics);
      },
    } as unknown as EventsService;
    const { handle } = await subscribeToCircleCiWebhooks({
      events,
      definitions: testEnvironmentsConfig().definitions,
      store,
      ingestion: {
        async refreshPipeline(environment, pipelineId) {
          refreshed.push(`${environment}/${pipelineId}`);
          if (failures.refresh-- > 0) {
            throw new Error('CircleCI GET /pipeline/p-1: HTTP 500');
          }
          // Just finished: not terminal before it settled.
          return { saved: true, terminal: false, finished: workflowsDone };
        },
      },
      async pipelineFinished(environment, pipelineId) {
        finished.push(`${environment}/${pipelineId}`);
      },
      async refreshImages(environment) {
        images.push(environment);
      },
      logger: mockServices.logger.mock(),
    });
    return { handle, refreshed, finished, topics, images };
  }

  describe.each(databases.eachSupportedId())('%p', databaseId => {
    it('refreshes the pipeline at once and releases its lock when it finished', async () => {
      const t = await setup(databaseId);
      expect(t.topics).toEqual([['circleci']]);
      await t.handle(delivery());
      expect(t.refreshed).toEqual(['prod/p-1']);
      expect(t.finished).toEqual(['prod/p-1']);
    });

    it('refreshes the images view when an image build or a deploy finished, and only then', async () => {
      const t = await setup(databaseId);
      await t.handle(delivery());
      expect(t.images).toEqual([]);
      await t.handle(
        delivery({
          id: 'd-rebuild',
          workflow: {
            id: 'w-2',
            name: 'refresh-prefect-image',
            status: 'success',
          },
        }),
      );
      expect(t.images).toEqual(['prod']);
      await t.handle(
        delivery({
          id: 'd-deploy',
          workflow: { id: 'w-3', name: 'terraform-prod', status: 'failed' },
        }),
      );
      expect(t.images).toEqual(['prod', 'prod']);
      // Another job of the workflow finishing pushes no image.
      await t.handle(
        delivery({
          id: 'd-job',
          type: 'job-completed',
          workflow: {
            id: 'w-2',
            name: 'refresh-prefect-image',
            status: 'running',
          },
          job: { name: 'terraform-prod-plan' },
        }),
      );
      expect(t.images).toEqual(['prod', 'prod']);
      // The image build job pushed its image: its deploy may now wait for
      // approval for hours, the new tag shows at once.
      await t.handle(
        delivery({
          id: 'd-build',
          type: 'job-completed',
          workflow: { id: 'w-4', name: 'terraform-prod', status: 'on_hold' },
          job: { name: 'build-prefect-deployer-image' },
        }),
      );
      expect(t.images).toEqual(['prod', 'prod', 'prod']);
    });

    it('handles the same delivery once', async () => {
      const t = await setup(databaseId);
      await Promise.all([t.handle(delivery()), t.handle(delivery())]);
      await t.handle(delivery());
      expect(t.refreshed).toEqual(['prod/p-1']);
    });

    it('records a delivery as handled only once its refresh succeeded', async () => {
      const t = await setup(databaseId, true, { refresh: 1 });
      await expect(t.handle(delivery())).rejects.toThrow('HTTP 500');
      expect(t.finished).toEqual([]);
      // The redelivery is handled, and releases the lock; then it is done.
      await t.handle(delivery());
      await t.handle(delivery());
      expect(t.refreshed).toEqual(['prod/p-1', 'prod/p-1']);
      expect(t.finished).toEqual(['prod/p-1']);
    });

    it('keeps the lock while the pipeline still runs', async () => {
      const t = await setup(databaseId, false);
      await t.handle(delivery({ type: 'job-completed' }));
      expect(t.refreshed).toEqual(['prod/p-1']);
      expect(t.finished).toEqual([]);
    });

    it.each([
      ['another project', delivery({ project: { slug: 'gh/someone/else' } })],
      ['another event type', delivery({ type: 'ping' })],
      ['a malformed body', { hello: 'world' }],
    ])('ignores %s', async (_what, payload) => {
      const t = await setup(databaseId);
      await t.handle(payload);
      expect(t.refreshed).toEqual([]);
    });
  });
});
