/**
 * Regenerates the observability assets from the instrument catalog:
 *   grafana/pipeline-dashboard.json   (grafana/dashboard.ts; Prometheus, any histogram mode)
 *   alerts/promptkit-alerts.yml       (alerts/rules.ts)
 *   grafana/pipeline-dashboard-victoriametrics.json, alerts/promptkit-alerts-victoriametrics.yml
 *                                     (the same for VictoriaMetrics: no native-histogram functions)
 *   alerts/promptkit-alerts-victoriametrics.test.yml  (the cases of promptkit-alerts.test.yml for it)
 *   grafana/README.md                 (only the panel list and alert table between its markers)
 *   README.md                         (the metric table, panel list and alert table between its markers)
 *
 *   npm run dashboard              write the files
 *   npm run dashboard -- --check   exit 1 if any committed file differs from what would be written
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DASHBOARD_PATHS, renderDashboard, renderPanelList } from '../grafana/dashboard.js';
import { QUERY_BACKENDS } from '../grafana/histogram-queries.js';
import {
  ALERTS_PATHS,
  ALERTS_TEST_PATH,
  VICTORIAMETRICS_ALERTS_TEST_PATH,
  renderAlertTable,
  renderAlertsYaml,
  renderVictoriaMetricsRuleTests,
} from '../alerts/rules.js';
import { metricDefinitions, type MetricDefinition } from '@promptkit/metrics';

export const README_PATH = 'grafana/README.md';
export const ROOT_README_PATH = 'README.md';

const TYPE_NAMES: Record<MetricDefinition['kind'], string> = { counter: 'Counter', updowncounter: 'Gauge', histogram: 'Histogram' };

/** The README's metric table, straight from the catalog. */
export function renderMetricTable(): string {
  const rows = metricDefinitions.map((d) => {
    const labels = d.labels.length > 0 ? d.labels.map((l) => `\`${l}\``).join(', ') : '-';
    return `| \`${d.name}\` | ${TYPE_NAMES[d.kind]} | ${labels} | \`${d.unit}\` | ${d.help} |`;
  });
  return ['| Metric | Type | Labels | Unit | Description |', '|--------|------|--------|------|-------------|', ...rows].join('\n');
}
const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * Replaces the body of each `<!-- generated:NAME -->` ... `<!-- /generated:NAME -->` block, so the
 * README's prose stays hand-written while its lists cannot drift from the dashboard and the rules.
 */
export function fillGeneratedSections(markdown: string, sections: Record<string, string>): string {
  let out = markdown;
  for (const [name, body] of Object.entries(sections)) {
    const block = new RegExp(`(<!-- generated:${name}\\b[^>]*-->\\n)[\\s\\S]*?(<!-- /generated:${name} -->)`);
    if (!block.test(out)) throw new Error(`${README_PATH} lacks the <!-- generated:${name} --> markers`);
    // A replacer function, not a string: the bodies contain `$` (PromQL variables, `$__range`).
    out = out.replace(block, (_match, open: string, close: string) => `${open}${body}\n${close}`);
  }
  return out;
}

/** Every generated file: repo-relative path and the exact text it should have. */
export function generatedFiles(): { path: string; content: string }[] {
  const readme = readFileSync(join(root, README_PATH), 'utf8');
  const rootReadme = readFileSync(join(root, ROOT_README_PATH), 'utf8');
  return [
    ...QUERY_BACKENDS.flatMap((backend) => [
      { path: DASHBOARD_PATHS[backend], content: renderDashboard(backend) },
      { path: ALERTS_PATHS[backend], content: renderAlertsYaml(backend) },
    ]),
    { path: VICTORIAMETRICS_ALERTS_TEST_PATH, content: renderVictoriaMetricsRuleTests(readFileSync(join(root, ALERTS_TEST_PATH), 'utf8')) },
    {
      path: README_PATH,
      content: fillGeneratedSections(readme, { panels: renderPanelList(), alerts: renderAlertTable() }),
    },
    {
      path: ROOT_README_PATH,
      content: fillGeneratedSections(rootReadme, {
        metrics: renderMetricTable(),
        panels: renderPanelList(),
        alerts: renderAlertTable(),
      }),
    },
  ];
}

function readOrEmpty(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

function main(argv: string[]): number {
  const check = argv.includes('--check');
  let stale = 0;
  for (const file of generatedFiles()) {
    const path = join(root, file.path);
    if (readOrEmpty(path) === file.content) {
      console.log(`up to date: ${file.path}`);
    } else if (check) {
      console.error(`out of date: ${file.path} (run: npm run dashboard)`);
      stale++;
    } else {
      writeFileSync(path, file.content);
      console.log(`wrote: ${file.path}`);
    }
  }
  return stale > 0 ? 1 : 0;
}

// Run only when executed, not when a test imports generatedFiles().
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}
