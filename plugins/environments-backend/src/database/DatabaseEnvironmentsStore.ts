import type { DatabaseService } from '@backstage/backend-plugin-api';
import type {
  OperationKind,
  WorkflowStatus,
} from '@rocket-club/plugin-environments-common';
import { Knex } from 'knex';
import { migratedClient } from './client';
import {
  EndpointStats,
  EnvironmentsStore,
  HistoryCursor,
  IngestionCursor,
  JobRecord,
  PipelineRecord,
  ProbeSample,
  WorkflowRecord,
  WorkflowRun,
} from './EnvironmentsStore';
import {
  cursorToRow,
  jobFromRow,
  jobToRow,
  pipelineToRow,
  PIPELINE_COLUMNS,
  runFromRow,
  sampleFromRow,
  sampleToRow,
  cursorFromRow,
  WORKFLOW_COLUMNS,
  workflowToRow,
} from './rows';

const UNFINISHED: WorkflowStatus[] = ['running', 'on_hold', 'failing'];

/** Rows per insert statement (SQLite limits bound parameters). */
const CHUNK = 50;

/**
 * {@link EnvironmentsStore} on the plugin's database (SQLite or
 * PostgreSQL). Writes are upserts, so concurrent ingestion runs and
 * webhook refreshes of the same pipeline converge on the same rows.
 *
 * @public
 */
export class DatabaseEnvironmentsStore implements EnvironmentsStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseEnvironmentsStore> {
    return new DatabaseEnvironmentsStore(
      await migratedClient(options.database),
    );
  }

  private constructor(private readonly db: Knex) {}

  async terminalPipelineIds(environment: string, ids: string[]) {
    if (ids.length === 0) return new Set<string>();
    const rows = await this.db('pipelines')
      .where({ environment, terminal: true })
      .whereIn('id', ids)
      .select('id');
    return new Set(rows.map(r => r.id as string));
  }

  async nonTerminalPipelineIds(environment: string) {
    const rows = await this.db('pipelines')
      .where({ environment, terminal: false })
      .orderBy('created_at', 'asc')
      .select('id');
    return rows.map(r => r.id as string);
  }

  async savePipeline(
    pipeline: PipelineRecord,
    workflows: WorkflowRecord[],
    jobs: JobRecord[],
  ) {
    const byId = <T extends { id: string }>(a: T, b: T) =>
      a.id.localeCompare(b.id);
    await this.db.transaction(async tx => {
      await tx('pipelines')
        .insert(pipelineToRow(pipeline, new Date()))
        .onConflict(['environment', 'id'])
        .merge();
      // A fixed order keeps concurrent upserts from deadlocking on PostgreSQL.
      const wf = [...workflows].sort(byId).map(workflowToRow);
      for (let i = 0; i < wf.length; i += CHUNK) {
        await tx('workflows')
          .insert(wf.slice(i, i + CHUNK))
          .onConflict(['environment', 'id'])
          .merge();
      }
      const jb = [...jobs].sort(byId).map(jobToRow);
      for (let i = 0; i < jb.length; i += CHUNK) {
        await tx('jobs')
          .insert(jb.slice(i, i + CHUNK))
          .onConflict(['environment', 'id'])
          .merge();
      }
    });
  }

  async getCursor(environment: string) {
    const row = await this.db('ingestion_cursors')
      .where({ environment })
      .first();
    return row ? cursorFromRow(row) : undefined;
  }

  async saveCursor(cursor: IngestionCursor) {
    await this.db('ingestion_cursors')
      .insert(cursorToRow(cursor))
      .onConflict('environment')
      .merge();
  }

  #runs(environment: string) {
    return this.db('workflows as w')
      .join('pipelines as p', function on() {
        this.on('p.environment', '=', 'w.environment').andOn(
          'p.id',
          '=',
          'w.pipeline_id',
        );
      })
      .where('w.environment', environment)
      .select([...WORKFLOW_COLUMNS, ...PIPELINE_COLUMNS]);
  }

  async listWorkflows(
    environment: string,
    options: { kinds?: OperationKind[]; limit: number; before?: HistoryCursor },
  ): Promise<WorkflowRun[]> {
    const query = this.#runs(environment);
    if (options.kinds?.length) query.whereIn('w.kind', options.kinds);
    const { before } = options;
    if (before) {
      // A row-value comparison is one range on the (created_at, id) index;
      // the equivalent OR is not, and scans every newer row first.
      query.whereRaw('(w.created_at, w.id) < (?, ?)', [
        new Date(before.createdAt),
        before.id,
      ]);
    }
    const rows = await query
      .orderBy([
        { column: 'w.created_at', order: 'desc' },
        { column: 'w.id', order: 'desc' },
      ])
      .limit(options.limit);
    return rows.map(runFromRow);
  }

  async listUnfinishedWorkflows(environment: string) {
    const rows = await this.#runs(environment)
      .whereIn('w.status', UNFINISHED)
      .orderBy([
        { column: 'w.created_at', order: 'desc' },
        { column: 'w.id', order: 'desc' },
      ]);
    return rows.map(runFromRow);
  }

  async newestWorkflow(
    environment: string,
    kind: OperationKind,
    statuses?: WorkflowStatus[],
  ) {
    const query = this.#runs(environment).where('w.kind', kind);
    if (statuses) query.whereIn('w.status', statuses);
    const row = await query
      .orderBy([
        { column: 'w.created_at', order: 'desc' },
        { column: 'w.id', order: 'desc' },
      ])
      .first();
    return row ? runFromRow(row) : undefined;
  }

  async listJobs(environment: string, workflowIds: string[]) {
    if (workflowIds.length === 0) return [];
    const rows = await this.db('jobs')
      .where({ environment })
      .whereIn('workflow_id', workflowIds)
      .orderBy(['workflow_id', 'id']);
    return rows.map(jobFromRow);
  }

  async addProbeSamples(samples: ProbeSample[]) {
    if (samples.length === 0) return;
    await this.db('probe_samples').insert(samples.map(sampleToRow));
  }

  async endpointStats(environment: string, endpoints: string[], since: Date) {
    if (endpoints.length === 0) return [];
    const counts = await this.db('probe_samples')
      .where({ environment })
      .whereIn('endpoint', endpoints)
      .andWhere('checked_at', '>=', since)
      .groupBy('endpoint')
      .select(
        'endpoint',
        this.db.raw('count(*) as total'),
        this.db.raw('sum(case when ok then 1 else 0 end) as ok_count'),
        this.db.raw(
          'sum(case when expected_down and not ok then 1 else 0 end) as expected_down_failures',
        ),
      );
    const stats: EndpointStats[] = [];
    for (const endpoint of endpoints) {
      const latest = await this.db('probe_samples')
        .where({ environment, endpoint })
        .orderBy([
          { column: 'checked_at', order: 'desc' },
          { column: 'id', order: 'desc' },
        ])
        .first();
      const count = counts.find(c => c.endpoint === endpoint);
      stats.push({
        endpoint,
        latest: latest ? sampleFromRow(latest) : undefined,
        total: Number(count?.total ?? 0),
        ok: Number(count?.ok_count ?? 0),
        expectedDownFailures: Number(count?.expected_down_failures ?? 0),
      });
    }
    return stats;
  }

  async deleteProbeSamplesBefore(before: Date) {
    return this.db('probe_samples').where('checked_at', '<', before).delete();
  }
}
