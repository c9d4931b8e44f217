import {
  mockServices,
  registerMswTestHooks,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { randomUUID } from 'node:crypto';
import { FakeCircleCi } from '../../__testUtils__/fakeCircleCi';
import { registerContractChecks } from '../../__testUtils__/mswContracts';
import {
  SECRETS,
  testEnvironmentsConfig,
  UPSTREAMS,
} from '../../__testUtils__/testConfig';
import { CircleCiClient } from '../../clients/circleci/CircleCiClient';
import { DatabaseEnvironmentsStore } from '../../database/DatabaseEnvironmentsStore';
import type { ChangeNotifier } from '../ChangeNotifier';
import { createIngestionService } from './createIngestionService';

jest.setTimeout(60_000);

const config = testEnvironmentsConfig();
const APPROVAL = '0b1d3c6e-7c1f-4b8e-9f5a-2c3d4e5f6a7b';

/** A deploy held for approval: plan done, hold on, apply blocked. */
const heldDeploy = () => {
  const [plan, hold, apply] = [randomUUID(), randomUUID(), randomUUID()];
  return {
    name: 'terraform-prod',
    status: 'on_hold' as const,
    jobs: [
      {
        id: plan,
        name: 'terraform-prod-plan',
        stopped_at: '2026-01-01T00:10:00Z',
      },
      {
        id: hold,
        name: 'hold-terraform-prod-apply',
        type: 'approval',
        status: 'on_hold',
        approval_request_id: APPROVAL,
        dependencies: [plan],
      },
      {
        id: apply,
        name: 'terraform-prod-apply',
        status: 'blocked',
        dependencies: [hold],
      },
    ],
  };
};

describe('IngestionService', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  const contract = registerContractChecks(server, [
    { baseUrl: UPSTREAMS.circleci, contract: 'circleci' },
  ]);
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  let fake: FakeCircleCi;
  const logger = mockServices.logger.mock();
  const circleci = CircleCiClient.fromSettings(config.circleci!);

  beforeEach(() => {
    jest.clearAllMocks();
    fake = new FakeCircleCi(UPSTREAMS.circleci, 'gh/rlhatcher/rocket-club', 3);
    server.use(...fake.handlers());
  });

  describe.each(databases.eachSupportedId())('%p', databaseId => {
    async function setup(notifier?: ChangeNotifier) {
      const knex = await databases.init(databaseId);
      const database = mockServices.database({
        knex,
        migrations: { skip: false },
      });
      const make = async () =>
        createIngestionService({
          definitions: config.definitions,
          circleci,
          store: await DatabaseEnvironmentsStore.create({ database }),
          logger,
          maxPages: 5,
          notifier,
        });
      return { knex, make, service: await make() };
    }

    it('announces a pipeline when what the page shows changed, and only then', async () => {
      const changed = jest.fn();
      const { service } = await setup({ changed });
      fake.addPipeline({
        workflows: [{ name: 'park-infrastructure', status: 'running' }],
      });
      await service.syncEnvironment('prod');
      expect(changed.mock.calls).toEqual([['prod', ['status', 'history']]]);

      // Read again, unchanged: nothing to tell.
      await service.syncEnvironment('prod');
      expect(changed).toHaveBeenCalledTimes(1);

      // The park finished: status and history (images refresh through the
      // build's webhook and the scheduled refresh).
      fake.finish(fake.workflow('park-infrastructure').id, 'success');
      await service.syncEnvironment('prod');
      expect(changed.mock.calls[1]).toEqual(['prod', ['status', 'history']]);
    });

    it('syncs new pipelines, classifies workflows and finds held approvals', async () => {
      const { knex, service } = await setup();
      fake.addPipeline({
        workflows: [{ name: 'park-infrastructure', status: 'success' }],
      });
      fake.addPipeline({
        branch: 'feature',
        workflows: [{ name: 'terraform-prod', status: 'success' }],
      });
      const held = fake.addPipeline({
        workflows: [{ name: 'build', status: 'success' }, heldDeploy()],
      });

      await expect(service.syncEnvironment('prod')).resolves.toEqual({
        environment: 'prod',
        pages: 1,
        added: 2,
        refreshed: 0,
      });
      const deploy = fake.workflow('terraform-prod');
      expect(contract.calls()).toEqual([
        'GET /api/v2/project/gh/rlhatcher/rocket-club/pipeline',
        `GET /api/v2/pipeline/${held.id}/workflow`,
        `GET /api/v2/workflow/${deploy.id}/job`,
        `GET /api/v2/pipeline/${fake.pipelines[2].id}/workflow`,
      ]);
      const workflows = await knex('workflows').orderBy('name');
      expect(
        workflows.map(w => [w.name, w.kind, w.status, w.approval_request_id]),
      ).toEqual([
        ['build', 'other', 'success', null],
        ['park-infrastructure', 'park', 'success', null],
        ['terraform-prod', 'deploy', 'on_hold', APPROVAL],
      ]);
      expect(new Date(workflows[2].on_hold_since).toISOString()).toBe(
        '2026-01-01T00:10:00.000Z',
      );
      const pipelines = await knex('pipelines').orderBy('number');
      expect(
        pipelines.map(p => [Number(p.number), Boolean(p.terminal)]),
      ).toEqual([
        [1, true],
        [3, false],
      ]);
      expect(Number((await knex('jobs').count({ n: '*' }))[0].n)).toBe(3);
    });

    it('then reads only what is new or unfinished, and a restart re-reads nothing terminal', async () => {
      const { knex, service, make } = await setup();
      fake.addPipeline({
        workflows: [{ name: 'unpark-infrastructure', status: 'success' }],
      });
      fake.addPipeline({ workflows: [heldDeploy()] });
      await service.syncEnvironment('prod');
      const before = fake.calls.length;

      const held = fake.pipelines[0];
      await expect(service.syncEnvironment('prod')).resolves.toMatchObject({
        added: 0,
        refreshed: 1,
      });
      const deploy = fake.workflow('terraform-prod');
      // Nothing new: the held pipeline is read again from the list page.
      expect(fake.calls.slice(before)).toEqual([
        'GET /project/gh/rlhatcher/rocket-club/pipeline',
        `GET /pipeline/${held.id}/workflow`,
        `GET /workflow/${deploy.id}/job`,
      ]);

      // Approved and applied; a new park pipeline arrives.
      fake.jobs.get(deploy.id)![1].status = 'success';
      fake.jobs.get(deploy.id)![2].status = 'success';
      fake.jobs.get(deploy.id)![2].started_at = '2026-01-01T00:25:00Z';
      fake.finish(deploy.id, 'success');
      const park = fake.addPipeline({
        workflows: [{ name: 'park-infrastructure', status: 'running' }],
      });
      const mark = fake.calls.length;
      await expect(service.syncEnvironment('prod')).resolves.toMatchObject({
        added: 1,
        refreshed: 1,
      });
      const parkWorkflow = fake.workflows.get(park.id)![0];
      expect(fake.calls.slice(mark)).toEqual([
        'GET /project/gh/rlhatcher/rocket-club/pipeline',
        `GET /pipeline/${park.id}/workflow`,
        // A running park's jobs: its progress ("job 1 of 3").
        `GET /workflow/${parkWorkflow.id}/job`,
        `GET /pipeline/${held.id}/workflow`,
        `GET /workflow/${deploy.id}/job`,
      ]);
      const applied = await knex('workflows').where({ id: deploy.id }).first();
      expect(applied.status).toBe('success');
      expect(applied.approval_request_id).toBeNull();
      // Held from the plan's end (00:10) until apply started (00:25).
      expect(Number(applied.approval_wait_ms)).toBe(15 * 60_000);

      // Restart: a new service on the same database.
      fake.finish(fake.workflow('park-infrastructure').id, 'success');
      const restarted = await make();
      const mark2 = fake.calls.length;
      await restarted.syncEnvironment('prod');
      expect(fake.calls.slice(mark2)).toEqual([
        'GET /project/gh/rlhatcher/rocket-club/pipeline',
        `GET /pipeline/${park.id}/workflow`,
      ]);
      const mark3 = fake.calls.length;
      await restarted.syncEnvironment('prod');
      expect(fake.calls.slice(mark3)).toEqual([
        'GET /project/gh/rlhatcher/rocket-club/pipeline',
      ]);
      expect(Number((await knex('workflows').count({ n: '*' }))[0].n)).toBe(3);
    });

    it('stops paging at a stored terminal pipeline and bounds the first sync', async () => {
      const { knex, make } = await setup();
      for (let i = 0; i < 8; i++) {
        fake.addPipeline({
          workflows: [{ name: 'terraform-prod', status: 'failed' }],
        });
      }
      const bounded = createIngestionService({
        definitions: config.definitions,
        circleci,
        store: await DatabaseEnvironmentsStore.create({
          database: mockServices.database({ knex, migrations: { skip: true } }),
        }),
        logger,
        maxPages: 2,
      });
      await expect(bounded.syncEnvironment('prod')).resolves.toMatchObject({
        pages: 2,
        added: 6,
      });
      for (let i = 0; i < 4; i++)
        fake.addPipeline({ workflows: [{ name: 'other', status: 'success' }] });
      const service = await make();
      // New ones span two pages; the stored pipeline 8 ends the paging.
      await expect(service.syncEnvironment('prod')).resolves.toMatchObject({
        pages: 2,
        added: 4,
        refreshed: 0,
      });
      const numbers = (await knex('pipelines').orderBy('number', 'desc')).map(
        p => Number(p.number),
      );
      expect(numbers).toEqual([12, 11, 10, 9, 8, 7, 6, 5, 4, 3]);
    });

    it('reads back on the first sync until it finds the newest finished park or unpark, within its bound', async () => {
      const { knex } = await setup();
      fake.addPipeline({
        workflows: [{ name: 'park-infrastructure', status: 'success' }],
      });
      for (let i = 0; i < 10; i++) {
        fake.addPipeline({
          workflows: [{ name: 'terraform-prod', status: 'success' }],
        });
      }
      const store = await DatabaseEnvironmentsStore.create({
        database: mockServices.database({ knex, migrations: { skip: true } }),
      });
      const service = createIngestionService({
        definitions: config.definitions,
        circleci,
        store,
        logger,
        maxPages: 2,
        firstSyncMaxPages: 10,
      });
      // 11 pipelines, 3 a page: the park is on page 4.
      await expect(service.syncEnvironment('prod')).resolves.toMatchObject({
        pages: 4,
        added: 11,
      });
      expect(
        await store.newestWorkflow('prod', 'park', ['success']),
      ).toMatchObject({ name: 'park-infrastructure' });

      // Later syncs stay within maxPages.
      for (let i = 0; i < 9; i++) {
        fake.addPipeline({ workflows: [{ name: 'other', status: 'success' }] });
      }
      await expect(service.syncEnvironment('prod')).resolves.toMatchObject({
        pages: 2,
      });
    });

    it('bounds the first read-back by firstSyncMaxPages', async () => {
      const { knex } = await setup();
      for (let i = 0; i < 12; i++) {
        fake.addPipeline({
          workflows: [{ name: 'terraform-prod', status: 'success' }],
        });
      }
      const service = createIngestionService({
        definitions: config.definitions,
        circleci,
        store: await DatabaseEnvironmentsStore.create({
          database: mockServices.database({ knex, migrations: { skip: true } }),
        }),
        logger,
        maxPages: 1,
        firstSyncMaxPages: 3,
      });
      await expect(service.syncEnvironment('prod')).resolves.toMatchObject({
        pages: 3,
        added: 9,
      });
    });

    it('refreshes unfinished pipelines beyond the pages read one by one', async () => {
      const { knex, service } = await setup();
      const held = fake.addPipeline({ workflows: [heldDeploy()] });
      await service.syncEnvironment('prod');
      for (let i = 0; i < 3; i++) {
        fake.addPipeline({ workflows: [{ name: 'other', status: 'success' }] });
      }
      const onePage = createIngestionService({
        definitions: config.definitions,
        circleci,
        store: await DatabaseEnvironmentsStore.create({
          database: mockServices.database({ knex, migrations: { skip: true } }),
        }),
        logger,
        maxPages: 1,
      });
      const mark = fake.calls.length;
      await expect(onePage.syncEnvironment('prod')).resolves.toMatchObject({
        pages: 1,
        added: 3,
        refreshed: 1,
      });
      expect(fake.calls.slice(mark)).toEqual([
        'GET /project/gh/rlhatcher/rocket-club/pipeline',
        ...fake.pipelines
          .slice(0, 3)
          .map(p => `GET /pipeline/${p.id}/workflow`),
        `GET /pipeline/${held.id}`,
        `GET /pipeline/${held.id}/workflow`,
        `GET /workflow/${fake.workflow('terraform-prod').id}/job`,
      ]);
    });

    it('does not call a pipeline terminal before it settled', async () => {
      const { knex } = await setup();
      const pipeline = fake.addPipeline({
        workflows: [
          {
            name: 'setup',
            status: 'success',
            stoppedAt: '2026-01-01T00:10:00Z',
          },
        ],
      });
      const service = createIngestionService({
        definitions: config.definitions,
        circleci,
        store: await DatabaseEnvironmentsStore.create({
          database: mockServices.database({ knex, migrations: { skip: true } }),
        }),
        logger,
        maxPages: 5,
        now: () => Date.parse('2026-01-01T00:11:00Z'),
      });
      await service.syncEnvironment('prod');
      expect(
        Boolean(
          (await knex('pipelines').where({ id: pipeline.id }).first()).terminal,
        ),
      ).toBe(false);
      // ... though it has finished, which is what releases a lock.
      await expect(
        service.refreshPipeline('prod', pipeline.id),
      ).resolves.toEqual({ saved: true, terminal: false, finished: true });
    });

    it('survives two runs at once (two backend instances)', async () => {
      const { knex, make } = await setup();
      for (let i = 0; i < 5; i++) {
        fake.addPipeline({
          workflows: [
            { name: 'park-infrastructure', status: 'success' },
            heldDeploy(),
          ],
        });
      }
      const [a, b] = await Promise.all([make(), make()]);
      const results = await Promise.all([
        a.syncEnvironment('prod'),
        b.syncEnvironment('prod'),
      ]);
      expect(results.map(r => r.added)).toEqual([5, 5]);
      expect(Number((await knex('pipelines').count({ n: '*' }))[0].n)).toBe(5);
      expect(Number((await knex('workflows').count({ n: '*' }))[0].n)).toBe(10);
      expect(Number((await knex('jobs').count({ n: '*' }))[0].n)).toBe(15);
    });

    it('refreshes one pipeline on demand, only if it is the environment’s', async () => {
      const { knex, service } = await setup();
      const mine = fake.addPipeline({
        workflows: [{ name: 'park-infrastructure', status: 'running' }],
      });
      const feature = fake.addPipeline({
        branch: 'feature',
        workflows: [{ name: 'park-infrastructure', status: 'running' }],
      });
      await expect(service.refreshPipeline('prod', mine.id)).resolves.toEqual({
        saved: true,
        terminal: false,
        finished: false,
      });
      await expect(
        service.refreshPipeline('prod', feature.id),
      ).resolves.toEqual({ saved: false, terminal: false, finished: false });
      expect((await knex('pipelines')).map(p => p.id)).toEqual([mine.id]);
      await expect(service.refreshPipeline('staging', mine.id)).rejects.toThrow(
        "No environment 'staging'",
      );
    });

    it('records a failed sync without the token, and syncAll carries on', async () => {
      const { service, knex } = await setup();
      server.use(
        http.get(`${UPSTREAMS.circleci}/project/:vcs/:org/:repo/pipeline`, () =>
          HttpResponse.json(
            { message: 'Invalid token provided.' },
            { status: 401 },
          ),
        ),
      );
      await expect(service.syncAll()).resolves.toEqual([]);
      const cursor = await knex('ingestion_cursors').first();
      expect(cursor.last_error).toContain('refused the configured token');
      expect(cursor.last_error).not.toContain(SECRETS.circleci);
      const logged = JSON.stringify([
        logger.warn.mock.calls,
        logger.error.mock.calls,
      ]);
      expect(logged).toContain("Could not sync environment 'prod'");
      expect(logged).not.toContain(SECRETS.circleci);
    });
  });
});
