/** One line of the printed report. */
export interface ReportRow {
  /** What was measured, e.g. "status warm p95". */
  measure: string;
  /** The figure, formatted. */
  result: string;
  /** The target it is held against, if any. */
  target?: string;
  /** Whether the target was met; undefined when there is none. */
  met?: boolean;
}

/** A titled group of rows. */
export interface ReportSection {
  title: string;
  rows: ReportRow[];
}

const HEADERS = ['measure', 'result', 'target', 'met'];

function cells(row: ReportRow): string[] {
  let verdict = '';
  if (row.met !== undefined) verdict = row.met ? 'yes' : 'NO';
  return [row.measure, row.result, row.target ?? '', verdict];
}

/**
 * A plain-text table: a header, then each section's title and rows, with
 * columns padded to their widest cell.
 */
export function renderTable(sections: ReportSection[]): string {
  const all = sections.flatMap(s => s.rows.map(cells));
  const widths = HEADERS.map((h, i) =>
    Math.max(h.length, ...all.map(c => c[i].length)),
  );
  const line = (c: string[]) =>
    c
      .map((v, i) => v.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  const rule = widths.map(w => '-'.repeat(w)).join('  ');
  const out = [line(HEADERS), rule];
  for (const section of sections) {
    out.push('', `${section.title}`);
    out.push(...section.rows.map(r => line(cells(r))));
  }
  return out.join('\n');
}

/** Milliseconds with two decimals below 10, one below 100, else none. */
export function ms(value: number): string {
  if (value < 10) return `${value.toFixed(2)} ms`;
  if (value < 100) return `${value.toFixed(1)} ms`;
  return `${Math.round(value)} ms`;
}
