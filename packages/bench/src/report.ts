import type { MachineInfo } from './machine';
import type { HistoryResult } from './sections/history';
import type { PortalResult } from './sections/portal';
import type { ScaleResult } from './sections/scale';
import { scaleSections, scaleTargets } from './scaleReport';
import { ms, ReportSection } from './table';

/** Everything one run measured, as written to bench-output/bench.json. */
export interface BenchReport {
  startedAt: string;
  durationSeconds: number;
  /** `loadAverage` is at the start; others may share the machine. */
  machine: MachineInfo & { loadAverageAtEnd?: number };
  portal?: PortalResult;
  scale?: ScaleResult;
  history: (HistoryResult | { database: string; skipped: string })[];
  targets: { name: string; target: string; actual: string; met: boolean }[];
}

const ratio = (naive: number, ours: number) =>
  ours === 0 ? `∞ (${naive} : 0)` : `${(naive / ours).toFixed(1)}×`;

/** The targets of issue 8, held against the figures. */
export function targets(
  portal: PortalResult | undefined,
  history: BenchReport['history'],
  scale?: ScaleResult,
): BenchReport['targets'] {
  const out: BenchReport['targets'] = scale ? scaleTargets(scale, portal) : [];
  if (portal) {
    out.push(
      {
        name: 'warm status p95',
        target: '< 25 ms',
        actual: ms(portal.warm.status.p95),
        met: portal.warm.status.p95 < 25,
      },
      {
        name: 'upstream calls per warm page view',
        target: '0',
        actual: String(portal.viewers.ours.warmCallsPerView),
        met: portal.viewers.ours.warmCalls === 0,
      },
      {
        name: 'ECR calls to resolve the newest tag, cold',
        target: `ceil(${portal.ecr.images}/1000) = ${portal.ecr.expectedCalls}`,
        actual: String(portal.ecr.coldCalls),
        met: portal.ecr.coldCalls === portal.ecr.expectedCalls,
      },
      {
        name: 'ECR calls, cached',
        target: '0',
        actual: String(portal.ecr.cachedCalls),
        met: portal.ecr.cachedCalls === 0,
      },
    );
  }
  for (const h of history) {
    if ('skipped' in h) continue;
    out.push({
      name: `history p95 at ${h.pipelines.toLocaleString('en-GB')} pipelines, ${
        h.database
      }`,
      target: '< 20 ms',
      actual: ms(h.all.p95),
      met: h.all.p95 < 20,
    });
  }
  return out;
}

const p = (s: { p50: number; p95: number; n: number }) =>
  `p50 ${ms(s.p50)}, p95 ${ms(s.p95)} (n=${s.n})`;

/** The printed table's sections. */
export function reportSections(report: BenchReport): ReportSection[] {
  const sections: ReportSection[] = [];
  const met = (name: string) => report.targets.find(t => t.name === name);
  const row = (measure: string, result: string, targetName?: string) => {
    const t = targetName ? met(targetName) : undefined;
    return { measure, result, target: t?.target, met: t?.met };
  };
  const portal = report.portal;
  if (portal) {
    sections.push({
      title: `Read latency over HTTP (upstream latency ${portal.upstreamLatencyMs} ms)`,
      rows: [
        row(
          'status, cold (first view of a fresh backend, after its warm-up)',
          p(portal.cold.status),
        ),
        row('history, cold', p(portal.cold.history)),
        row('status, warm', p(portal.warm.status), 'warm status p95'),
        row('history, warm', p(portal.warm.history)),
        row(
          'baseline: catalog entity read, warm',
          p(portal.warm.catalogEntityBaseline),
        ),
        row(
          'upstream calls during the warm series',
          String(portal.warm.upstreamCalls),
        ),
      ],
    });
    const v = portal.viewers;
    sections.push({
      title: `${v.count} simultaneous viewers of the environment page`,
      rows: [
        row(
          'ours, warm: upstream calls per view',
          String(v.ours.warmCallsPerView),
          'upstream calls per warm page view',
        ),
        row('ours, warm: page view time', p(v.ours.warmViewMs)),
        row(
          `ours, cold backend: upstream calls for all ${v.count}`,
          `${v.ours.coldCalls} (${JSON.stringify(v.ours.coldByUpstream)})`,
        ),
        row('ours, cold backend: page view time', p(v.ours.coldViewMs)),
        row(
          `naive: upstream calls (1 + ${v.naive.pipelinesPerPage} pipelines per view)`,
          `${v.naive.upstreamCalls} (${v.naive.callsPerView} per view)`,
        ),
        row('naive: page view time', p(v.naive.viewMs)),
        row(
          'naive : ours, warm',
          ratio(v.naive.upstreamCalls, v.ours.warmCalls),
        ),
        row(
          'naive : ours, cold backend',
          ratio(v.naive.upstreamCalls, v.ours.coldCalls),
        ),
      ],
    });
    const e = portal.ecr;
    sections.push({
      title: `Newest deployer tag over ${e.images.toLocaleString(
        'en-GB',
      )} ECR images`,
      rows: [
        row(
          'DescribeImages calls of the background refresh at start',
          String(e.coldCalls),
          'ECR calls to resolve the newest tag, cold',
        ),
        row(
          'DescribeImages calls of the first page view',
          String(e.coldViewCalls),
        ),
        row(
          'images endpoint, first view of a fresh backend (after its refresh and warm-up)',
          p(e.coldImagesEndpoint),
        ),
        row(
          'DescribeImages calls, cached',
          String(e.cachedCalls),
          'ECR calls, cached',
        ),
        row('images endpoint, cached', p(e.cachedImagesEndpoint)),
        row(
          'newest tag found / expected',
          `${e.newestTag} / ${e.expectedNewestTag}`,
        ),
      ],
    });
    sections.push({
      title: 'Upstream calls per image bump',
      rows: [
        row(
          'dry run: GitHub, ECR',
          `${portal.bump.dryRun.github}, ${portal.bump.dryRun.ecr}`,
        ),
        row(
          'real (opens the PR): GitHub, ECR',
          `${portal.bump.real.github}, ${portal.bump.real.ecr}`,
        ),
      ],
    });
  }
  if (report.scale) sections.push(...scaleSections(report.scale, met));
  sections.push({
    title: 'History query (listWorkflows keyset page of 21)',
    rows: report.history.flatMap(h =>
      'skipped' in h
        ? [row(h.database, `skipped: ${h.skipped}`)]
        : [
            row(
              `${h.database}: seeded ${h.pipelines.toLocaleString(
                'en-GB',
              )} pipelines`,
              `${h.seedSeconds} s`,
            ),
            ...(h.newestPageBeforeAnalyze
              ? [
                  row(
                    `${h.database}: newest page, before ANALYZE`,
                    p(h.newestPageBeforeAnalyze),
                  ),
                ]
              : []),
            row(`${h.database}: newest page`, p(h.firstPage)),
            row(`${h.database}: deep page (cursor)`, p(h.deepPage)),
            row(`${h.database}: filtered by kind`, p(h.filteredPage)),
            row(
              `${h.database}: all queries`,
              p(h.all),
              `history p95 at ${h.pipelines.toLocaleString(
                'en-GB',
              )} pipelines, ${h.database}`,
            ),
          ],
    ),
  });
  return sections;
}
