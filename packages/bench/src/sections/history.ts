import type { DatabaseService } from '@backstage/backend-plugin-api';
import type { OperationKind } from '@rocket-club/plugin-environments-common';
import { DatabaseEnvironmentsStore } from '@rocket-club/plugin-environments-backend/testUtils';
import knexFactory, { Knex } from 'knex';
import { LatencySummary, summarize, timed, timeSequential } from '../stats';

/** Options of {@link historyBenchmark}. */
export interface HistoryOptions {
  /** Pipelines to seed (one workflow each). */
  pipelines: number;
  /** Timed queries of each kind. */
  queries: number;
  /** Page size as the REST API asks it: `limit + 1`. */
  pageSize: number;
  /** Run ANALYZE after seeding, as PostgreSQL's autovacuum would. */
  analyze: boolean;
}

/** What one database measured. */
export interface HistoryResult {
  database: string;
  pipelines: number;
  seedSeconds: number;
  /** With `analyze`: the newest page before it (no planner statistics). */
  newestPageBeforeAnalyze?: LatencySummary;
  firstPage: LatencySummary;
  deepPage: LatencySummary;
  filteredPage: LatencySummary;
  /** Every query above together. */
  all: LatencySummary;
}

const ENVIRONMENT = 'prod';
const KINDS: { kind: OperationKind; name: string; share: number }[] = [
  { kind: 'deploy', name: 'terraform-prod', share: 0.7 },
  { kind: 'park', name: 'park-infrastructure', share: 0.1 },
  { kind: 'unpark', name: 'unpark-infrastructure', share: 0.1 },
  { kind: 'rebuild', name: 'refresh-prefect-image', share: 0.05 },
  { kind: 'other', name: 'portal-ci', share: 0.05 },
];

/** The kind of the i-th pipeline, spread evenly by share. */
function kindOf(i: number) {
  let x = (i * 0.618034) % 1;
  for (const k of KINDS) {
    if (x < k.share) return k;
    x -= k.share;
  }
  return KINDS[0];
}

const uuid = (i: number, salt: string) => {
  const hex = (i.toString(16) + salt).padStart(32, '0').slice(-32);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(
    12,
    16,
  )}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};

/** Seeds `count` pipelines, one a minute back from 2026-11-01, newest last. */
async function seed(
  store: DatabaseEnvironmentsStore,
  count: number,
  concurrency: number,
) {
  const start = Date.parse('2026-11-01T00:00:00Z') - count * 60_000;
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < count; i = next++) {
      const createdAt = new Date(start + i * 60_000).toISOString();
      const stoppedAt = new Date(start + i * 60_000 + 45_000).toISOString();
      const { kind, name } = kindOf(i);
      const pipelineId = uuid(i, 'a');
      await store.savePipeline(
        {
          environment: ENVIRONMENT,
          id: pipelineId,
          number: i + 1,
          projectSlug: 'gh/rlhatcher/rocket-club',
          state: 'created',
          branch: 'main',
          revision: uuid(i, 'c').replace(/-/g, '').padEnd(40, '0'),
          commitSubject: `Change ${i + 1}`,
          actor: i % 3 ? 'rlhatcher' : 'alice',
          triggerType: kind === 'deploy' ? 'webhook' : 'api',
          createdAt,
          terminal: true,
        },
        [
          {
            environment: ENVIRONMENT,
            id: uuid(i, 'b'),
            pipelineId,
            pipelineNumber: i + 1,
            name,
            kind,
            status: i % 17 === 0 ? 'failed' : 'success',
            createdAt,
            stoppedAt,
            approvalWaitMs: kind === 'deploy' ? 600_000 : undefined,
          },
        ],
        [],
      );
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { start };
}

/**
 * Seeds the plugin's own store with `pipelines` pipelines on one database
 * and times `listWorkflows` keyset pages as the history endpoint asks them:
 * the newest page, pages deep in the history (from a cursor), and pages
 * filtered by kind (with `analyze`, after ANALYZE; the newest page also
 * before it).
 */
export async function historyBenchmark(
  database: string,
  knexConfig: Knex.Config,
  options: HistoryOptions,
): Promise<HistoryResult> {
  const knex = knexFactory(knexConfig);
  try {
    const service: DatabaseService = {
      getClient: async () => knex,
      migrations: { skip: false },
    };
    const store = await DatabaseEnvironmentsStore.create({ database: service });
    const concurrency = database === 'sqlite' ? 1 : 8;
    const seeded = await timed(() =>
      seed(store, options.pipelines, concurrency),
    );
    const { start } = seeded.value;
    const limit = options.pageSize;
    // Deterministic positions spread over the whole history.
    const position = (i: number) =>
      Math.floor(
        (((i * 7919) % options.queries) / options.queries) * options.pipelines,
      );
    const cursorAt = (i: number) => ({
      createdAt: new Date(start + position(i) * 60_000).toISOString(),
      id: uuid(position(i), 'b'),
    });

    // As each database runs in use: PostgreSQL's autovacuum gathers planner
    // statistics within a minute of a bulk load (timed here before and
    // after); nothing runs ANALYZE on the local SQLite database.
    let beforeAnalyze: number[] | undefined;
    if (options.analyze) {
      beforeAnalyze = await timeSequential(
        Math.max(1, Math.floor(options.queries / 4)),
        () => store.listWorkflows(ENVIRONMENT, { limit }),
      );
      await knex.raw('ANALYZE');
    }

    const check = (rows: unknown[]) => {
      if (rows.length !== limit) {
        throw new Error(`Expected a full page of ${limit}, got ${rows.length}`);
      }
    };
    // Warm the connection and the statement path once.
    await store.listWorkflows(ENVIRONMENT, { limit });
    const firstPage = await timeSequential(options.queries, async () =>
      check(await store.listWorkflows(ENVIRONMENT, { limit })),
    );
    const deepPage = await timeSequential(options.queries, async i => {
      const rows = await store.listWorkflows(ENVIRONMENT, {
        limit,
        before: cursorAt(i),
      });
      if (position(i) >= limit) check(rows);
    });
    const kinds: OperationKind[] = ['park', 'unpark', 'rebuild'];
    const filteredPage = await timeSequential(options.queries, async i => {
      const rows = await store.listWorkflows(ENVIRONMENT, {
        limit,
        kinds: [kinds[i % kinds.length]],
        before: i % 2 ? cursorAt(i) : undefined,
      });
      if (i % 2 === 0) check(rows);
    });
    return {
      database,
      pipelines: options.pipelines,
      seedSeconds: Math.round(seeded.ms / 100) / 10,
      newestPageBeforeAnalyze: beforeAnalyze && summarize(beforeAnalyze),
      firstPage: summarize(firstPage),
      deepPage: summarize(deepPage),
      filteredPage: summarize(filteredPage),
      all: summarize([...firstPage, ...deepPage, ...filteredPage]),
    };
  } finally {
    await knex.destroy();
  }
}
