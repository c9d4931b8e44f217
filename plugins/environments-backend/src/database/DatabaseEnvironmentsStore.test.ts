import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import {
  jobRecord,
  pipelineRecord,
  workflowRecord,
} from '../__testUtils__/records';
import { DatabaseEnvironmentsStore } from './DatabaseEnvironmentsStore';

jest.setTimeout(60_000);

const at = (minute: number) =>
  new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString();

describe('DatabaseEnvironmentsStore', () => {
  const databases = TestDatabases.create({
    ids: ['SQLITE_3', 'POSTGRES_15'],
  });

  async function createStore(databaseId: string) {
    const knex = await databases.init(databaseId as any);
    const store = await DatabaseEnvironmentsStore.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
    });
    return { knex, store };
  }

  describe.each(databases.eachSupportedId())('%p', databaseId => {
    it('migrates up and down', async () => {
      const { knex } = await createStore(databaseId);
      expect(await knex.schema.hasTable('workflows')).toBe(true);
      await knex.migrate.rollback(
        { directory: `${__dirname}/../../migrations` },
        true,
      );
      for (const table of [
        'pipelines',
        'workflows',
        'jobs',
        'probe_samples',
        'ingestion_cursors',
        'operation_locks',
        'idempotency_keys',
      ]) {
        expect(await knex.schema.hasTable(table)).toBe(false);
      }
    });

    it('saves a pipeline with workflows and jobs and reads them back typed', async () => {
      const { store } = await createStore(databaseId);
      await store.savePipeline(
        pipelineRecord({
          pullRequest: { number: 12, url: 'https://github.com/o/r/pull/12' },
        }),
        [
          workflowRecord({
            status: 'on_hold',
            stoppedAt: undefined,
            approval: { requestId: 'ar-1', jobName: 'hold', since: at(3) },
          }),
        ],
        [
          jobRecord(),
          jobRecord({
            id: 'j-2',
            name: 'hold',
            type: 'approval',
            status: 'on_hold',
            jobNumber: undefined,
            approvalRequestId: 'ar-1',
          }),
        ],
      );
      const [run] = await store.listWorkflows('prod', { limit: 10 });
      expect(run).toEqual({
        ...workflowRecord({
          status: 'on_hold',
          stoppedAt: undefined,
          approval: { requestId: 'ar-1', jobName: 'hold', since: at(3) },
        }),
        approvalWaitMs: undefined,
        pipeline: pipelineRecord({
          pullRequest: { number: 12, url: 'https://github.com/o/r/pull/12' },
        }),
      });
      const jobs = await store.listJobs('prod', ['w-1']);
      expect(
        jobs.map(j => [j.name, j.type, j.approvalRequestId, j.jobNumber]),
      ).toEqual([
        ['terraform-prod-plan', 'build', undefined, 7],
        ['hold', 'approval', 'ar-1', undefined],
      ]);
      expect(await store.listWorkflows('staging', { limit: 10 })).toEqual([]);
    });

    it('upserts: a second save moves a workflow on and marks the pipeline terminal', async () => {
      const { store } = await createStore(databaseId);
      await store.savePipeline(
        pipelineRecord({ terminal: false }),
        [workflowRecord({ status: 'running', stoppedAt: undefined })],
        [],
      );
      expect(await store.nonTerminalPipelineIds('prod')).toEqual(['p-1']);
      expect(
        (await store.listUnfinishedWorkflows('prod')).map(w => w.id),
      ).toEqual(['w-1']);

      await Promise.all([
        store.savePipeline(pipelineRecord(), [workflowRecord()], [jobRecord()]),
        store.savePipeline(pipelineRecord(), [workflowRecord()], [jobRecord()]),
      ]);
      expect(await store.nonTerminalPipelineIds('prod')).toEqual([]);
      expect(await store.terminalPipelineIds('prod', ['p-1', 'p-2'])).toEqual(
        new Set(['p-1']),
      );
      expect(await store.listUnfinishedWorkflows('prod')).toEqual([]);
      const all = await store.listWorkflows('prod', { limit: 10 });
      expect(all).toHaveLength(1);
      expect(all[0].status).toBe('success');
      expect(await store.listJobs('prod', ['w-1'])).toHaveLength(1);
    });

    it('pages the history newest first with a keyset cursor, ties broken by id', async () => {
      const { store } = await createStore(databaseId);
      const kinds = ['deploy', 'park', 'unpark', 'other'] as const;
      for (let n = 1; n <= 12; n++) {
        await store.savePipeline(
          pipelineRecord({ id: `p-${n}`, number: n, createdAt: at(n) }),
          [
            // Two workflows of one pipeline share created_at.
            workflowRecord({
              id: `w-${n}-a`,
              pipelineId: `p-${n}`,
              pipelineNumber: n,
              createdAt: at(n),
              kind: kinds[n % 4],
            }),
            workflowRecord({
              id: `w-${n}-b`,
              pipelineId: `p-${n}`,
              pipelineNumber: n,
              createdAt: at(n),
              kind: 'other',
            }),
          ],
          [],
        );
      }
      const seen: string[] = [];
      let before;
      for (;;) {
        const page = await store.listWorkflows('prod', { limit: 5, before });
        seen.push(...page.map(w => w.id));
        if (page.length < 5) break;
        const last = page[page.length - 1];
        before = { createdAt: last.createdAt, id: last.id };
      }
      const expected = Array.from({ length: 12 }, (_, i) => 12 - i).flatMap(
        n => [`w-${n}-b`, `w-${n}-a`],
      );
      expect(seen).toEqual(expected);

      const parks = await store.listWorkflows('prod', {
        kinds: ['park', 'unpark'],
        limit: 3,
      });
      expect(parks.map(w => w.id)).toEqual(['w-10-a', 'w-9-a', 'w-6-a']);
      const newestDeploy = await store.newestWorkflow('prod', 'deploy');
      expect(newestDeploy?.id).toBe('w-12-a');
      expect(
        await store.newestWorkflow('prod', 'deploy', ['failed']),
      ).toBeUndefined();
    });

    it('keeps probe samples, counts a window and deletes old ones', async () => {
      const { store } = await createStore(databaseId);
      await store.addProbeSamples([
        {
          environment: 'prod',
          endpoint: 'portal',
          checkedAt: at(1),
          ok: true,
          httpStatus: 200,
          latencyMs: 12,
          expectedDown: false,
        },
        {
          environment: 'prod',
          endpoint: 'portal',
          checkedAt: at(2),
          ok: false,
          httpStatus: 503,
          latencyMs: 40,
          expectedDown: false,
        },
        {
          environment: 'prod',
          endpoint: 'portal',
          checkedAt: at(3),
          ok: false,
          error: 'timeout',
          expectedDown: true,
        },
        {
          environment: 'prod',
          endpoint: 'portal',
          checkedAt: at(4),
          ok: true,
          httpStatus: 200,
          latencyMs: 9,
          expectedDown: false,
        },
        {
          environment: 'prod',
          endpoint: 'pipelines',
          checkedAt: at(0),
          ok: true,
          httpStatus: 204,
          latencyMs: 5,
          expectedDown: false,
        },
        {
          environment: 'staging',
          endpoint: 'portal',
          checkedAt: at(4),
          ok: false,
          expectedDown: false,
        },
      ]);
      const stats = await store.endpointStats(
        'prod',
        ['portal', 'pipelines'],
        new Date(at(1)),
      );
      expect(
        stats.sort((a, b) => a.endpoint.localeCompare(b.endpoint)),
      ).toEqual([
        {
          endpoint: 'pipelines',
          latest: {
            environment: 'prod',
            endpoint: 'pipelines',
            checkedAt: at(0),
            ok: true,
            httpStatus: 204,
            latencyMs: 5,
            error: undefined,
            expectedDown: false,
          },
          total: 0,
          ok: 0,
          expectedDownFailures: 0,
        },
        {
          endpoint: 'portal',
          latest: {
            environment: 'prod',
            endpoint: 'portal',
            checkedAt: at(4),
            ok: true,
            httpStatus: 200,
            latencyMs: 9,
            error: undefined,
            expectedDown: false,
          },
          total: 4,
          ok: 2,
          expectedDownFailures: 1,
        },
      ]);
      expect(await store.deleteProbeSamplesBefore(new Date(at(2)))).toBe(2);
      const after = await store.endpointStats(
        'prod',
        ['portal', 'pipelines'],
        new Date(0),
      );
      expect(after.find(s => s.endpoint === 'portal')?.total).toBe(3);
      expect(after.find(s => s.endpoint === 'pipelines')).toEqual({
        endpoint: 'pipelines',
        latest: undefined,
        total: 0,
        ok: 0,
        expectedDownFailures: 0,
      });
      expect(await store.endpointStats('prod', [], new Date(0))).toEqual([]);
    });

    it('keeps the ingestion cursor', async () => {
      const { store } = await createStore(databaseId);
      expect(await store.getCursor('prod')).toBeUndefined();
      const cursor = {
        environment: 'prod',
        projectSlug: 'gh/o/r',
        branch: 'main',
        newestPipelineNumber: 42,
        lastStartedAt: at(1),
        lastCompletedAt: at(2),
      };
      await store.saveCursor(cursor);
      await store.saveCursor({
        ...cursor,
        lastError: 'boom',
        lastErrorAt: at(3),
      });
      expect(await store.getCursor('prod')).toEqual({
        ...cursor,
        lastError: 'boom',
        lastErrorAt: at(3),
      });
    });
  });
});
