/** The rows every section returns, the table they make and the `--json` line. */
import { cpus } from 'node:os';
import { formatDuration, pairedRatio, type Timing } from './harness.js';

export const RATIO_KEYS = ['P1', 'P2', 'P3_counters', 'P3_histograms', 'P4', 'P5', 'P6', 'pricing', 'EX_idle', 'EX_span', 'cluster'] as const;
export type RatioKey = (typeof RATIO_KEYS)[number];

export interface Row {
  /** Set on the rows that carry one of the ratios; context rows have none. */
  key?: RatioKey;
  name: string;
  /** Nanoseconds per operation, or bytes for heap rows. */
  candidate: number;
  baseline?: number;
  unit: 'ns' | 'bytes';
  /** Candidate ÷ baseline when it is not simply the quotient of the two medians (see pairedRatio). */
  ratio?: number;
  /** Upper bound on candidate ÷ baseline. */
  target?: number;
  /** Set when the comparison is not valid as measured (e.g. the two sides rendered different series). */
  invalid?: string;
}

/** A row comparing two timings of one interleaved run. */
export function timedRow(row: Pick<Row, 'key' | 'name' | 'target'>, candidate: Timing, baseline: Timing): Row {
  return { ...row, candidate: candidate.nsPerOp, baseline: baseline.nsPerOp, unit: 'ns', ratio: pairedRatio(candidate, baseline) };
}

export function ratio(row: Row): number | undefined {
  if (row.ratio !== undefined) return row.ratio;
  return row.baseline === undefined ? undefined : row.candidate / row.baseline;
}

function verdict(row: Row): string {
  if (row.invalid !== undefined) return 'INVALID';
  const r = ratio(row);
  if (row.target === undefined || r === undefined) return 'info';
  return r <= row.target ? 'pass' : 'FAIL';
}

function format(value: number | undefined, unit: Row['unit']): string {
  if (value === undefined) return '—';
  return unit === 'ns' ? formatDuration(value) : `${value.toFixed(0)} B`;
}

export function machine(): { node: string; cpu: string; cores: number } {
  const list = cpus();
  return { node: process.version, cpu: list[0]?.model.trim() ?? 'unknown', cores: list.length };
}

/** A Markdown table (pasteable into BENCHMARKS.md), with the invalid rows explained below it. */
export function table(rows: readonly Row[]): string {
  const lines = [
    ['name', 'candidate', 'baseline', 'ratio', 'target', 'result'],
    ['---', '---:', '---:', '---:', '---:', '---'],
    ...rows.map((row) => {
      const r = ratio(row);
      return [
        row.key ? `**${row.key}** ${row.name}` : row.name,
        format(row.candidate, row.unit),
        format(row.baseline, row.unit),
        r === undefined ? '—' : r.toFixed(3),
        row.target === undefined ? '—' : `≤ ${row.target}`,
        verdict(row),
      ];
    }),
  ];
  const notes = rows.filter((row) => row.invalid !== undefined).map((row) => `INVALID ${row.key ?? row.name}: ${row.invalid}`);
  return [...lines.map((cells) => `| ${cells.join(' | ')} |`), ...notes].join('\n');
}

/** The `--json` object: each ratio rounded to 4 digits (null when it could not be measured validly), and the machine. */
export function summary(rows: readonly Row[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of RATIO_KEYS) {
    const row = rows.find((r) => r.key === key);
    const r = row && row.invalid === undefined ? ratio(row) : undefined;
    out[key] = r === undefined ? null : Math.round(r * 1e4) / 1e4;
  }
  out.machine = machine();
  return out;
}
