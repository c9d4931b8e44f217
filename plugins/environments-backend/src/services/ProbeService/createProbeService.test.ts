import {
  mockServices,
  registerMswTestHooks,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { delay, http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { pipelineRecord, workflowRecord } from '../../__testUtils__/records';
import {
  testEnvironmentsConfig,
  UPSTREAMS,
} from '../../__testUtils__/testConfig';
import { DatabaseEnvironmentsStore } from '../../database/DatabaseEnvironmentsStore';
import { DatabaseOperationsStore } from '../../database/DatabaseOperationsStore';
import type { ChangeNotifier } from '../ChangeNotifier';
import { createProbeService } from './createProbeService';

jest.setTimeout(60_000);

const config = testEnvironmentsConfig();
const NOW = Date.parse('2026-03-01T12:00:00Z');

describe('ProbeService', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  beforeEach(() => {
    server.use(
      http.get(`${UPSTREAMS.endpoints}/portal/health`, () =>
        HttpResponse.json({ ok: true }),
      ),
      http.get(`${UPSTREAMS.endpoints}/pipelines/health`, () =>
        HttpResponse.text('down', { status: 503 }),
      ),
    );
  });

  describe.each(databases.eachSupportedId())('%p', databaseId => {
    async function setup(notifier?: ChangeNotifier) {
      const knex = await databases.init(databaseId);
      const database = mockServices.database({
        knex,
        migrations: { skip: false },
      });
      const store = await DatabaseEnvironmentsStore.create({ database });
      const service = createProbeService({
        definitions: config.definitions,
        store,
        locks: await DatabaseOperationsStore.create({ database }),
        logger: mockServices.logger.mock(),
        timeoutMs: 100,
        retentionMs: 7 * 24 * 3600_000,
        notifier,
        now: () => NOW,
      });
      return { knex, store, service };
    }

    it('announces the endpoints when a probe differs from the one before', async () => {
      const changed = jest.fn();
      const { service } = await setup({ changed });
      await service.probeAll();
      expect(changed.mock.calls).toEqual([['prod', ['endpoints']]]);
      await service.probeEnvironment('prod');
      expect(changed).toHaveBeenCalledTimes(1);
      // The portal endpoint goes down: "Down" within one probe.
      server.use(
        http.get(`${UPSTREAMS.endpoints}/portal/health`, () =>
          HttpResponse.text('down', { status: 503 }),
        ),
      );
      await service.probeAll();
      expect(changed).toHaveBeenCalledTimes(2);
    });

    it('probes the configured endpoints and keeps the samples', async () => {
      const { store, service } = await setup();
      const samples = await service.probeAll();
      expect(samples).toEqual([
        expect.objectContaining({
          endpoint: 'portal',
          ok: true,
          httpStatus: 200,
          expectedDown: false,
          latencyMs: expect.any(Number),
        }),
        expect.objectContaining({
          endpoint: 'pipelines',
          ok: false,
          httpStatus: 503,
          expectedDown: false,
        }),
      ]);
      const stats = await store.endpointStats(
        'prod',
        ['portal', 'pipelines'],
        new Date(NOW - 1000),
      );
      expect(stats.map(s => [s.endpoint, s.total, s.ok]).sort()).toEqual([
        ['pipelines', 1, 0],
        ['portal', 1, 1],
      ]);
    });

    it('gives up on a slow endpoint after the timeout', async () => {
      const { service } = await setup();
      server.use(
        http.get(`${UPSTREAMS.endpoints}/portal/health`, async () => {
          await delay(2000);
          return HttpResponse.json({});
        }),
      );
      const started = Date.now();
      const [portal] = await service.probeAll();
      expect(portal).toMatchObject({
        ok: false,
        error: 'no answer within 100 ms',
      });
      expect(Date.now() - started).toBeLessThan(1500);
    });

    it('marks failures while parked as expected', async () => {
      const { store, service } = await setup();
      await store.savePipeline(
        pipelineRecord(),
        [workflowRecord({ kind: 'park', name: 'park-infrastructure' })],
        [],
      );
      const samples = await service.probeAll();
      expect(samples.map(s => s.expectedDown)).toEqual([true, true]);
      const [pipelines] = (
        await store.endpointStats('prod', ['portal', 'pipelines'], new Date(0))
      ).filter(s => s.endpoint === 'pipelines');
      expect(pipelines.expectedDownFailures).toBe(1);
    });

    it('deletes samples older than the retention', async () => {
      const { knex, store, service } = await setup();
      await store.addProbeSamples([
        {
          environment: 'prod',
          endpoint: 'portal',
          checkedAt: new Date(NOW - 8 * 24 * 3600_000).toISOString(),
          ok: true,
          expectedDown: false,
        },
        {
          environment: 'prod',
          endpoint: 'portal',
          checkedAt: new Date(NOW - 6 * 24 * 3600_000).toISOString(),
          ok: true,
          expectedDown: false,
        },
      ]);
      await service.probeAll();
      expect(Number((await knex('probe_samples').count({ n: '*' }))[0].n)).toBe(
        3,
      );
    });
  });
});
