/**
 * The portal's benchmark (`yarn bench`, not a test): prints a table and
 * writes bench-output/bench.json. See docs/performance.md.
 *
 * @packageDocumentation
 */
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { assertPortFree } from './processes';
import { describeMachine, machineInfo } from './machine';
import { benchOptions, USAGE } from './options';
import { startPostgres } from './postgres';
import { BenchReport, reportSections, targets } from './report';
import { historyBenchmark } from './sections/history';
import { portalBenchmark } from './sections/portal';
import { scaleOnSandbox } from './sections/scale';
import { renderTable } from './table';

const REPO_ROOT = resolvePackagePath('@rocket-club/bench', '../..');
const OUTPUT = resolve(REPO_ROOT, 'bench-output');

const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);

async function historyOnAll(pipelines: number, queries: number) {
  const options = { pipelines, queries, pageSize: 21, analyze: false };
  const results: BenchReport['history'] = [];
  log(`history: seeding ${pipelines} pipelines on SQLite (in memory)`);
  results.push(
    await historyBenchmark(
      'sqlite',
      {
        client: 'better-sqlite3',
        connection: ':memory:',
        useNullAsDefault: true,
      },
      options,
    ),
  );
  const pg = await startPostgres();
  if ('skipped' in pg) {
    log(`SKIPPING PostgreSQL: ${pg.skipped}`);
    results.push({ database: 'postgresql', skipped: pg.skipped });
    return results;
  }
  try {
    log(`history: seeding ${pipelines} pipelines on PostgreSQL (${pg.source})`);
    const database = `bench_${Date.now().toString(16)}`;
    const admin = (await import('knex')).default({
      client: 'pg',
      connection: pg.connectionString,
    });
    await admin.raw('CREATE DATABASE ??', [database]);
    try {
      results.push(
        await historyBenchmark(
          'postgresql',
          {
            client: 'pg',
            connection: `${pg.connectionString}/${database}`,
            pool: { min: 1, max: 8 },
          },
          { ...options, analyze: true },
        ),
      );
    } finally {
      await admin.raw('DROP DATABASE IF EXISTS ??', [database]);
      await admin.destroy();
    }
  } finally {
    pg.stop();
  }
  return results;
}

async function main() {
  const options = benchOptions(process.argv.slice(2));
  if (!options) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  mkdirSync(OUTPUT, { recursive: true });
  const started = Date.now();
  const machine = machineInfo();
  log(`machine: ${describeMachine(machine)}`);

  let portal: BenchReport['portal'];
  if (options.portal || options.scale) {
    await assertPortFree(options.backendPort, 'benchmark backend');
    for (let i = 0; i < 4; i++) {
      await assertPortFree(options.sandboxPortBase + i, 'benchmark sandbox');
    }
  }
  if (options.portal) {
    portal = await portalBenchmark({
      repoRoot: REPO_ROOT,
      outputDir: OUTPUT,
      ports: {
        backend: options.backendPort,
        sandboxBase: options.sandboxPortBase,
      },
      upstreamLatencyMs: options.latencyMs,
      coldRuns: options.coldRuns,
      warmRequests: options.warmRequests,
      viewers: options.viewers,
      images: options.images,
      log,
    });
  }
  let scale: BenchReport['scale'];
  if (options.scale) {
    await assertPortFree(options.backendPort + 1, 'second benchmark backend');
    scale = await scaleOnSandbox({
      repoRoot: REPO_ROOT,
      outputDir: OUTPUT,
      ports: {
        backend: options.backendPort,
        sandboxBase: options.sandboxPortBase,
      },
      upstreamLatencyMs: options.latencyMs,
      coldRuns: options.coldRuns,
      warmRequests: options.warmRequests,
      viewers: options.viewers,
      images: options.images,
      crowd: options.crowd,
      perViewer: options.perViewer,
      profile: options.profile,
      instances: options.instances,
      log,
    });
  }
  const history = options.history
    ? await historyOnAll(options.pipelines, options.queries)
    : [];

  const report: BenchReport = {
    startedAt: new Date(started).toISOString(),
    durationSeconds: Math.round((Date.now() - started) / 1000),
    machine: { ...machine, loadAverageAtEnd: machineInfo().loadAverage },
    portal,
    scale,
    history,
    targets: targets(portal, history, scale),
  };
  const file = resolve(OUTPUT, 'bench.json');
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(
    `\nrocket-club portal benchmark — ${describeMachine(
      machine,
    )}\n\n${renderTable(reportSections(report))}\n\nWritten ${file} (${
      report.durationSeconds
    } s)\n`,
  );
}

main().catch(error => {
  process.stderr.write(`[bench] failed: ${error?.stack ?? error}\n`);
  process.exit(1);
});
