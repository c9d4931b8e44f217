import { reportSections, targets } from './report';
import type { HistoryResult } from './sections/history';

const summary = (p95: number) => ({
  n: 10,
  p50: p95 / 2,
  p95,
  mean: p95 / 2,
  max: p95,
});

const history = (database: string, p95: number): HistoryResult => ({
  database,
  pipelines: 100_000,
  seedSeconds: 1,
  newestPageBeforeAnalyze: summary(p95),
  firstPage: summary(p95),
  deepPage: summary(p95),
  filteredPage: summary(p95),
  all: summary(p95),
});

describe('targets', () => {
  it('holds each database against 20 ms and names skipped ones nowhere', () => {
    const t = targets(undefined, [
      history('sqlite', 3),
      history('postgresql', 31),
      { database: 'mysql', skipped: 'not here' },
    ]);
    expect(t).toEqual([
      expect.objectContaining({
        name: 'history p95 at 100,000 pipelines, sqlite',
        met: true,
      }),
      expect.objectContaining({
        name: 'history p95 at 100,000 pipelines, postgresql',
        met: false,
        actual: '31.0 ms',
      }),
    ]);
  });
});

describe('reportSections', () => {
  it('says why a database was skipped', () => {
    const rows = reportSections({
      startedAt: '',
      durationSeconds: 0,
      machine: {
        cores: 2,
        model: 'x',
        memoryGb: 1,
        node: 'v22',
        os: 'linux',
        loadAverage: 0,
      },
      history: [{ database: 'postgresql', skipped: 'no binaries' }],
      targets: [],
    }).flatMap(s => s.rows);
    expect(rows).toEqual([
      {
        measure: 'postgresql',
        result: 'skipped: no binaries',
        target: undefined,
        met: undefined,
      },
    ]);
  });
});
