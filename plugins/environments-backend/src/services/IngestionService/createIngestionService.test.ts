import {
  mockServices,
  registerMswTestHooks,
  TestDatabases,
} from '@backstage/backend-test-utils';
import type { Sandbox } from '@rocket-club/sandbox';
import {
  circleCiOf,
  SandboxCircleCi,
  SandboxWorkflowSeed,
} from '@rocket-club/sandbox/testUtils';
import { setupServer } from 'msw/node';
import { randomUUID } from 'node:crypto';
import { startSmallSandbox } from '../../__testUtils__/sandbox';
import {
  SECRETS,
  testEnvironmentsConfig,
} from '../../__testUtils__/testConfig';
import { CircleCiClient } from '../../clients/circleci/CircleCiClient';
import { DatabaseEnvironmentsStore } from '../../database/DatabaseEnvironmentsStore';
import type { ChangeNotifier } from '../ChangeNotifier';
import { createIngestionService } from './createIngestionService';

jest.setTimeout(60_000);

const config = testEnvironmentsConfig();
const APPROVAL = '0b1d3c6e-7c1f-4b8e-9f5a-2c3d4e5f6a7b';

/** A deploy held for approval: plan done, hold on, apply blocked. */
const heldDeploy = (): SandboxWorkflowSeed => {
  const [plan, hold, apply] = [randomUUID(), randomUUID(), randomUUID()];
  return {
    name: 'terraform-prod',
    status: 'on_hold',
    jobs: [
      {
        id: plan,
        name: 'terraform-prod-plan',
        stoppedAt: '2026-01-01T00:10:00Z',
      },
      {
        id: hold,
        name: 'hold-terraform-prod-apply',
        type: 'approval',
        status: 'on_hold',
        approvalRequestId: APPROVAL,
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
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  let sandbox: Sandbox;
  let circle: SandboxCircleCi;
  let circleci: CircleCiClient;
  const logger = mockServices.logger.mock();
  /** `METHOD /path` (no query) of every CircleCI request so far. */
  const calls = () =>
    sandbox
      .requests()
      .circleci.map(
        r => `${r.method} ${r.path.split('?')[0].replace(/^\/api\/v2/, '')}`,
      );

  beforeEach(async () => {
    jest.clearAllMocks();
    // The sandbox's CircleCI, three pipelines (workflows, jobs) a page.
    sandbox = await startSmallSandbox(
      server,
      { '.circleci/config.yml': 'version: 2.1\nworkflows: {}\n' },
      { circleci: { pageSize: 3 } },
    );
    circle = circleCiOf(sandbox, { start: '2026-01-01T00:00:00Z' });
    circleci = CircleCiClient.fromSettings({
      ...config.circleci!,
      baseUrl: sandbox.circleciUrl,
    });
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
      circle.addPipeline({
        workflows: [{ name: 'park-infrastructure', status: 'running' }],
      });
      await service.syncEnvironment('prod');
      expect(changed.mock.calls).toEqual([['prod', ['status', 'history']]]);

      // Read again, unchanged: nothing to tell.
      await service.syncEnvironment('prod');
      expect(changed).toHaveBeenCalledTimes(1);

      // The park finished: status and history (images refresh through the
      // build's webhook and the scheduled refresh).
      circle.finish(circle.workflow('park-infrastructure').id, 'success');
      await service.syncEnvironment('prod');
      expect(changed.mock.calls[1]).toEqual(['prod', ['status', 'history']]);
    });

    it('syncs new pipelines, classifies workflows and finds held approvals', async () => {
      const { knex, service } = await setup();
      circle.addPipeline({
        workflows: [{ name: 'park-infrastructure', status: 'success' }],
      });
      circle.addPipeline({
        branch: 'feature',
        workflows: [{ name: 'terraform-prod', status: 'success' }],
      });
      const held = circle.addPipeline({
        workflows: [{ name: 'build', status: 'success' }, heldDeploy()],
      });

      await expect(service.syncEnvironment('prod')).resolves.toEqual({
        environment: 'prod',
        pages: 1,
        added: 2,
        refreshed: 0,
      });
      const deploy = circle.workflow('terraform-prod');
      expect(calls()).toEqual([
        'GET /project/gh/rlhatcher/rocket-club/pipeline',
        `GET /pipeline/${held.id}/workflow`,
        `GET /workflow/${deploy.id}/job`,
        `GET /pipeline/${circle.pipelines()[2].id}/workflow`,
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
      circle.addPipeline({
        workflows: [{ name: 'unpark-infrastructure', status: 'success' }],
      });
      circle.addPipeline({ workflows: [heldDeploy()] });
      await service.syncEnvironment('prod');
      const before = calls().length;

      const held = circle.pipelines()[0];
      await expect(service.syncEnvironment('prod')).resolves.toMatchObject({
        added: 0,
        refreshed: 1,
      });
      const deploy = circle.workflow('terraform-prod');
      // Nothing new: the held pipeline is read again from the list page.
      expect(calls().slice(before)).toEqual([
        'GET /project/gh/rlhatcher/rocket-club/pipeline',
        `GET /pipeline/${held.id}/workflow`,
        `GET /workflow/${deploy.id}/job`,
      ]);

      // Approved and applied; a new park pipeline arrives.
      circle.jobs(deploy.id)[1].status = 'success';
      circle.jobs(deploy.id)[2].status = 'success';
      circle.jobs(deploy.id)[2].startedAt = Date.parse('2026-01-01T00:25:00Z');
      circle.finish(deploy.id, 'success');
      const park = circle.addPipeline({
        workflows: [{ name: 'park-infrastructure', status: 'running' }],
      });
      const mark = calls().length;
      await expect(service.syncEnvironment('prod')).resolves.toMatchObject({
        added: 1,
        refreshed: 1,
      });
      const parkWorkflow = circle.workflows(park.id)[0];
      expect(calls().slice(mark)).toEqual([
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
      circle.finish(circle.workflow('park-infrastructure').id, 'success');
      const restarted = await make();
      const mark2 = calls().length;
      await restarted.syncEnvironment('prod');
      expect(calls().slice(mark2)).toEqual([
        'GET /project/gh/rlhatcher/rocket-club/pipeline',
        `GET /pipeline/${park.id}/workflow`,
      ]);
      const mark3 = calls().length;
      await restarted.syncEnvironment('prod');
      expect(calls().slice(mark3)).toEqual([
        'GET /project/gh/rlhatcher/rocket-club/pipeline',
      ]);
      expect(Number((await knex('workflows').count({ n: '*' }))[0].n)).toBe(3);
    });

    it('stops paging at a stored terminal pipeline and bounds the first sync', async () => {
      const { knex, make } = await setup();
      for (let i = 0; i < 8; i++) {
        circle.addPipeline({
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
        circle.addPipeline({
          workflows: [{ name: 'other', status: 'success' }],
        });
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
      circle.addPipeline({
        workflows: [{ name: 'park-infrastructure', status: 'success' }],
      });
      for (let i = 0; i < 10; i++) {
        circle.addPipeline({
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
        circle.addPipeline({
          workflows: [{ name: 'other', status: 'success' }],
        });
      }
      await expect(service.syncEnvironment('prod')).resolves.toMatchObject({
        pages: 2,
      });
    });

    it('bounds the first read-back by firstSyncMaxPages', async () => {
      const { knex } = await setup();
      for (let i = 0; i < 12; i++) {
        circle.addPipeline({
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
      const held = circle.addPipeline({ workflows: [heldDeploy()] });
      await service.syncEnvironment('prod');
      for (let i = 0; i < 3; i++) {
        circle.addPipeline({
          workflows: [{ name: 'other', status: 'success' }],
        });
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
      const mark = calls().length;
      await expect(onePage.syncEnvironment('prod')).resolves.toMatchObject({
        pages: 1,
        added: 3,
        refreshed: 1,
      });
      expect(calls().slice(mark)).toEqual([
        'GET /project/gh/rlhatcher/rocket-club/pipeline',
        ...circle
          .pipelines()
          .slice(0, 3)
          .map(p => `GET /pipeline/${p.id}/workflow`),
        `GET /pipeline/${held.id}`,
        `GET /pipeline/${held.id}/workflow`,
        `GET /workflow/${circle.workflow('terraform-prod').id}/job`,
      ]);
    });

    it('does not call a pipeline terminal before it settled', async () => {
      const { knex } = await setup();
      const pipeline = circle.addPipeline({
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
        circle.addPipeline({
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
      const mine = circle.addPipeline({
        workflows: [{ name: 'park-infrastructure', status: 'running' }],
      });
      const feature = circle.addPipeline({
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
      sandbox.faults('circleci', {
        faults: [
          {
            method: 'GET',
            path: '/pipeline(\\?|$)',
            status: 401,
            body: { message: 'Invalid token provided.' },
            count: 5,
          },
        ],
      });
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
