// The Grafana dashboard: committed JSON equals a fresh build, the Go SDK's panels are all there with
// sensible units, variables and import metadata are in place, every query only names catalog
// metrics, filters by the template variables, and is valid PromQL according to promtool.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { stringify } from 'yaml';
import { catalog, metricDefinitions } from '@promptkit/metrics';
import {
  DASHBOARD_PATH,
  VICTORIAMETRICS_DASHBOARD_PATH,
  allPanels,
  buildDashboard,
  concreteQuery,
  dashboardQueries,
  metricNamesIn,
} from '../grafana/dashboard.js';
import { README_PATH, generatedFiles } from '../scripts/generate-dashboard.js';
import { repoRoot, requireBackend } from './support/backends.js';

// The tests read the JSON as Grafana reads it, not through the SDK's types: only the fields below.
interface DatasourceRef {
  type: string;
  uid: string;
}

interface TargetJson {
  expr: string;
  datasource?: DatasourceRef;
  format?: string;
  legendFormat?: string;
  instant?: boolean;
  exemplar?: boolean;
}

interface PanelJson {
  id: number;
  type: string;
  title: string;
  gridPos: { x: number; y: number; w: number; h: number };
  datasource?: DatasourceRef;
  targets?: TargetJson[];
  repeat?: string;
  fieldConfig?: { defaults?: { unit?: string; thresholds?: { steps?: unknown[] } } };
  options?: { calculate?: boolean; reduceOptions?: { calcs?: string[] } };
  /** A row's collapsed panels. */
  panels?: PanelJson[];
}

interface VariableJson {
  name: string;
  type: string;
  query?: string;
  multi?: boolean;
  includeAll?: boolean;
  allValue?: string;
  datasource?: DatasourceRef;
  current?: { value?: unknown };
}

interface DashboardFile {
  panels: PanelJson[];
  templating: { list: VariableJson[] };
  __inputs: { name: string; type: string; pluginId: string }[];
  __requires: { type: string; id: string }[];
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** The top of the shape; the tests below check the rest field by field. */
function isDashboardFile(value: unknown): value is DashboardFile {
  return (
    isObject(value) &&
    Array.isArray(value.panels) &&
    value.panels.every(isObject) &&
    isObject(value.templating) &&
    Array.isArray(value.templating.list) &&
    Array.isArray(value.__inputs) &&
    Array.isArray(value.__requires)
  );
}

function readDashboardFile(): DashboardFile {
  const parsed = JSON.parse(readFileSync(join(repoRoot, DASHBOARD_PATH), 'utf8')) as unknown;
  assert.ok(isDashboardFile(parsed), `${DASHBOARD_PATH} is not a dashboard with panels, templating.list, __inputs and __requires`);
  return parsed;
}

const committed = readDashboardFile();
const built = buildDashboard();

/** Every series name Prometheus can hold for the catalog's instruments; a histogram's own name is its native series. */
const catalogSeries = new Set(
  metricDefinitions.flatMap((m) =>
    m.kind === 'histogram' ? [m.name, `${m.name}_bucket`, `${m.name}_count`, `${m.name}_sum`] : [m.name],
  ),
);
const histograms = metricDefinitions.filter((m) => m.kind === 'histogram').map((m) => m.name);
/** Series name -> its catalog definition (histogram suffixes stripped). */
const definitionOf = (series: string) =>
  metricDefinitions.find((m) => series === m.name || series.replace(/_(bucket|count|sum)$/, '') === m.name);

/** Panels grouped under the row above them, in layout order. */
function panelsByRow(d: DashboardFile): Map<string, PanelJson[]> {
  const rows = new Map<string, PanelJson[]>();
  let current: PanelJson[] | undefined;
  for (const p of allPanels(d)) {
    if (p.type === 'row') rows.set(p.title ?? '', (current = []));
    else {
      assert.ok(current, `panel "${p.title}" is above the first row`);
      current.push(p);
    }
  }
  return rows;
}

describe('generated files', () => {
  for (const path of [DASHBOARD_PATH, VICTORIAMETRICS_DASHBOARD_PATH, README_PATH]) {
    test(`${path} is up to date (npm run dashboard)`, () => {
      const file = generatedFiles().find((f) => f.path === path);
      assert.ok(file);
      assert.equal(readFileSync(join(repoRoot, path), 'utf8'), file.content, `${path} is stale: run npm run dashboard`);
    });
  }

  test('the build is deterministic', () => {
    assert.equal(JSON.stringify(buildDashboard()), JSON.stringify(buildDashboard()));
    assert.doesNotMatch(JSON.stringify(built), /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/, 'no timestamps');
  });
});

describe('panels', () => {
  // The "Dashboard Panels" list of PromptKit's original Go SDK: [row, panel title, panel type, unit].
  const expected: [string, string, string, string][] = [
    ['Pipeline Overview', 'Active pipelines', 'stat', 'short'],
    ['Pipeline Overview', 'Completion rate', 'stat', 'reqps'],
    ['Pipeline Overview', 'Error rate', 'stat', 'percentunit'],
    ['Pipeline Overview', 'p95 pipeline duration', 'stat', 's'],
    ['Pipeline Overview', 'Total cost', 'stat', 'currencyUSD'],
    ['Pipeline Overview', 'Total tokens', 'stat', 'short'],
    ['Stage Performance', 'Stage latency: $stage', 'heatmap', 's'],
    ['Stage Performance', 'Stage throughput by status', 'timeseries', 'reqps'],
    ['Provider Metrics', 'Provider latency percentiles', 'timeseries', 's'],
    ['Provider Metrics', 'Provider request rate', 'timeseries', 'reqps'],
    ['Provider Metrics', 'Token consumption by type', 'timeseries', 'short'],
    ['Provider Metrics', 'Cost rate by provider/model (USD/hour)', 'timeseries', 'currencyUSD'],
    ['Provider Metrics', 'Cost breakdown over range', 'stat', 'currencyUSD'],
    ['Provider Metrics', 'Time to first token (streaming)', 'timeseries', 's'],
    ['Provider Metrics', 'Provider errors by type', 'timeseries', 'reqps'],
    ['Provider Metrics', 'Truncated generations (finish reason length)', 'timeseries', 'percentunit'],
    ['Provider Metrics', 'Unpriced provider calls', 'timeseries', 'reqps'],
    ['Tool & Validation', 'Tool call duration (p95)', 'timeseries', 's'],
    ['Tool & Validation', 'Tool calls by status', 'timeseries', 'reqps'],
    ['Tool & Validation', 'Validation pass/fail rate', 'timeseries', 'reqps'],
  ];
  const rows = panelsByRow(committed);

  test("the four rows of the Go SDK's dashboard, in order", () => {
    assert.deepEqual([...rows.keys()], ['Pipeline Overview', 'Stage Performance', 'Provider Metrics', 'Tool & Validation']);
  });

  for (const [row, title, type, unit] of expected) {
    test(`${row} / ${title}: ${type}, unit ${unit}`, () => {
      const panel = rows.get(row)?.find((p) => p.title === title);
      assert.ok(panel, `no panel "${title}" in row "${row}"`);
      assert.equal(panel.type, type);
      assert.equal(panel.fieldConfig?.defaults?.unit, unit);
      assert.ok((panel.targets ?? []).length > 0, 'has queries');
    });
  }

  test('no panels beyond the expected ones', () => {
    const titles = allPanels(committed).filter((p) => p.type !== 'row').map((p) => p.title);
    assert.deepEqual(titles.sort(), expected.map((e) => e[1]).sort());
  });

  test('panel ids are unique and panels do not overlap', () => {
    const panels = allPanels(committed);
    const ids = panels.map((p) => p.id);
    assert.equal(new Set(ids).size, ids.length);
    const cells = new Set<string>();
    for (const p of panels) {
      const { x, y, w, h } = p.gridPos;
      assert.ok(x + w <= 24, `${p.title} fits the 24-column grid`);
      for (let i = x; i < x + w; i++)
        for (let j = y; j < y + h; j++) {
          assert.ok(!cells.has(`${i},${j}`), `${p.title} overlaps another panel`);
          cells.add(`${i},${j}`);
        }
    }
  });

  test('the latency percentiles panel has p50, p95 and p99', () => {
    const panel = rows.get('Provider Metrics')?.find((p) => p.title === 'Provider latency percentiles');
    assert.ok(panel, 'no latency percentiles panel');
    const quantiles = (panel.targets ?? []).map((t) => /histogram_quantile\(([\d.]+),/.exec(t.expr)?.[1]);
    assert.deepEqual(quantiles, ['0.5', '0.95', '0.99']);
  });

  test('the stage heatmap reads the native series, or else the _bucket series, in heatmap format, per stage', () => {
    const panel = rows.get('Stage Performance')?.find((p) => p.type === 'heatmap');
    assert.ok(panel, 'no heatmap in Stage Performance');
    assert.equal(panel.options?.calculate, false, 'buckets come pre-computed from Prometheus');
    assert.equal(panel.repeat, 'stage');
    const [t] = panel.targets ?? [];
    assert.ok(t, 'the heatmap has a query');
    assert.equal(t.format, 'heatmap');
    assert.equal(t.legendFormat, '{{le}}');
    assert.deepEqual(metricNamesIn(t.expr), [catalog.stageDuration.name, `${catalog.stageDuration.name}_bucket`]);
    assert.match(t.expr, /by \(le\)/);
    // Never both: the classic buckets only when there is no native histogram.
    assert.match(t.expr, /\bunless on \(\) /);
  });

  test('latency panels ask for exemplars', () => {
    const latency = allPanels(committed).filter((p) => p.type !== 'row' && p.type !== 'stat' && (p.targets ?? []).some((t) => /histogram_quantile|_bucket/.test(t.expr)));
    assert.deepEqual(latency.map((p) => p.title).sort(), [
      'Provider latency percentiles',
      'Stage latency: $stage',
      'Time to first token (streaming)',
      'Tool call duration (p95)',
    ]);
    for (const p of latency) for (const t of p.targets ?? []) assert.equal(t.exemplar, true, `${p.title} ${t.expr}`);
    // Only they do: exemplars on a rate or a ratio panel would be noise.
    for (const p of allPanels(committed)) if (!latency.includes(p)) for (const t of p.targets ?? []) assert.equal(t.exemplar, undefined, p.title);
  });

  test('stat panels set explicit thresholds (Grafana would paint 80 and above red)', () => {
    for (const p of allPanels(committed)) {
      if (p.type !== 'stat') continue;
      assert.ok((p.fieldConfig?.defaults?.thresholds?.steps ?? []).length >= 1, p.title);
      assert.deepEqual(p.options?.reduceOptions?.calcs, ['lastNotNull'], p.title);
    }
  });
});

describe('variables and import metadata', () => {
  const variables = committed.templating.list;
  const byName = (name: string) => variables.find((v) => v.name === name);

  test('datasource variable of type prometheus, defaulting to the imported datasource', () => {
    const ds = byName('datasource');
    assert.ok(ds, 'no datasource variable');
    assert.equal(ds.type, 'datasource');
    assert.equal(ds.query, 'prometheus');
    assert.equal(ds.current?.value, '${DS_PROMETHEUS}');
  });

  for (const name of ['job', 'provider', 'model']) {
    test(`${name}: label_values query variable, multi, All = .*`, () => {
      const v = byName(name);
      assert.ok(v, `no ${name} variable`);
      assert.equal(v.type, 'query');
      assert.equal(v.multi, true);
      assert.equal(v.includeAll, true);
      assert.equal(v.allValue, '.*');
      assert.deepEqual(v.datasource, { type: 'prometheus', uid: '${datasource}' });
      const m = /^label_values\((\w+)(\{[^}]*\})?, (\w+)\)$/.exec(v.query ?? '');
      assert.ok(m, `label_values query: ${v.query}`);
      assert.equal(m[3], name);
      const def = definitionOf(m[1]!);
      assert.ok(def && catalogSeries.has(m[1]!), `${m[1]} is a catalog series`);
      if (name !== 'job') {
        assert.ok(def.labels.includes(name), `${m[1]} has a ${name} label`);
        assert.match(m[2] ?? '', /job=~"\$job"/, 'narrowed by $job');
      }
    });
  }

  test('__inputs asks for a Prometheus datasource as DS_PROMETHEUS', () => {
    assert.deepEqual(
      committed.__inputs.map((i) => [i.name, i.type, i.pluginId]),
      [['DS_PROMETHEUS', 'datasource', 'prometheus']],
    );
  });

  test('__requires lists Grafana, the Prometheus datasource and every panel type used', () => {
    const requires = new Set(committed.__requires.map((r) => `${r.type}:${r.id}`));
    assert.ok(requires.has('grafana:grafana'));
    assert.ok(requires.has('datasource:prometheus'));
    const types = new Set(allPanels(committed).map((p) => p.type).filter((t) => t !== 'row'));
    for (const t of types) assert.ok(requires.has(`panel:${t}`), `__requires has panel ${t}`);
    assert.equal([...requires].filter((r) => r.startsWith('panel:')).length, types.size);
  });

  test('every panel and query goes through the $datasource variable', () => {
    for (const p of allPanels(committed)) {
      if (p.type === 'row') continue;
      assert.deepEqual(p.datasource, { type: 'prometheus', uid: '${datasource}' }, p.title);
      assert.ok(p.targets, `${p.title} has queries`);
      for (const t of p.targets) assert.deepEqual(t.datasource, p.datasource, p.title);
    }
    // ${DS_PROMETHEUS} appears only where import substitutes it: the input and the variable default.
    const text = JSON.stringify(committed);
    assert.equal(text.split('${DS_PROMETHEUS}').length - 1, 1);
  });
});

describe('queries', () => {
  const queries = dashboardQueries(committed);

  test('dashboardQueries() lists every target of the built dashboard', () => {
    const targets = allPanels(built).flatMap((p) => ('targets' in p ? (p.targets ?? []) : []));
    assert.equal(queries.length, targets.length);
    assert.ok(queries.length >= 16);
    assert.deepEqual(dashboardQueries(), queries, 'default argument builds the same dashboard');
  });

  test('every histogram query reads the native series and the classic ones', () => {
    let count = 0;
    for (const { panel, expr } of queries) {
      const names = metricNamesIn(expr);
      for (const h of histograms) {
        const classic = names.filter((n) => n.startsWith(`${h}_`));
        if (classic.length === 0 && !names.includes(h)) continue;
        count++;
        assert.ok(names.includes(h) && classic.length > 0, `${panel}: ${expr}`);
        // Counts come from `_count` or histogram_count, chosen per series; quantiles native first.
        if (classic.some((n) => n.endsWith('_count'))) assert.match(expr, /rate\(\w+_count\{[^}]*\}\[[^\]]+\]\) or histogram_count\(rate\(/, panel);
        if (expr.includes('histogram_quantile')) assert.match(expr, /^histogram_quantile\([\d.]+, sum(?: by \([^)]*\) )?\(rate\(\w+_seconds\{/, panel);
      }
    }
    assert.ok(count >= 9, `${count} histogram queries`);
  });

  test('every metric name in every query is in the catalog', () => {
    for (const { panel, expr } of queries) {
      const names = metricNamesIn(expr);
      assert.ok(names.length > 0, `${panel}: no metric found in ${expr}`);
      for (const name of names) assert.ok(catalogSeries.has(name), `${panel}: ${name} is not a catalog series`);
    }
  });

  test('every selector filters by $job, and by $provider/$model/$stage where the metric has the label', () => {
    for (const { panel, expr } of queries) {
      const selectors = [...expr.matchAll(/([a-zA-Z_:][\w:]*)\{([^}]*)\}/g)];
      for (const [, series, matchers] of selectors) {
        const def = definitionOf(series!);
        assert.ok(def, series);
        assert.match(matchers!, /job=~"\$job"/, `${panel}: ${series} filters by job`);
        for (const label of ['provider', 'model', 'stage']) {
          const filtered = matchers!.includes(`${label}=~"$${label}"`);
          assert.equal(filtered, def.labels.includes(label), `${panel}: ${series} ${label} filter`);
        }
      }
      // No bare selectors: every catalog name in the expression is followed by its matchers.
      for (const name of metricNamesIn(expr)) {
        assert.ok(selectors.some((s) => s[1] === name), `${panel}: ${name} has a selector with matchers`);
      }
    }
  });

  test('rates use $__rate_interval; totals use increase over $__range in instant queries', () => {
    const totals = new Set(['Total cost', 'Total tokens', 'Cost breakdown over range']);
    for (const p of allPanels(committed)) {
      for (const t of p.targets ?? []) {
        const windows = [...t.expr.matchAll(/\[([^\]]+)\]/g)].map((m) => m[1]);
        if (windows.length === 0) {
          // Only a gauge can be read without a range selector.
          const kinds = metricNamesIn(t.expr).map((n) => definitionOf(n)?.kind);
          assert.deepEqual(kinds, ['updowncounter'], `${p.title}: no range selector`);
          continue;
        }
        if (totals.has(p.title)) {
          assert.deepEqual([...new Set(windows)], ['$__range'], `${p.title} totals the whole range`);
          assert.match(t.expr, /increase\(/);
          assert.equal(t.instant, true, `${p.title} is an instant query`);
        } else {
          assert.deepEqual([...new Set(windows)], ['$__rate_interval'], `${p.title} uses $__rate_interval`);
          assert.doesNotMatch(t.expr, /increase\(/, p.title);
        }
      }
    }
  });

  test('concreteQuery substitutes Grafana macros and variables', () => {
    const expr = 'sum(increase(m{job=~"$job", provider=~"${provider}", model=~"$model"}[$__range])) / rate(m[$__rate_interval]) + rate(m[$__interval])';
    assert.equal(
      concreteQuery(expr, { range: '5m', rateInterval: '1m' }),
      'sum(increase(m{job=~".*", provider=~".*", model=~".*"}[5m])) / rate(m[1m]) + rate(m[1m])',
    );
    assert.equal(concreteQuery('rate(m[$__interval])', { range: '1h', rateInterval: '2m', interval: '30s' }), 'rate(m[30s])');
    for (const { expr: e } of queries) assert.doesNotMatch(concreteQuery(e, { range: '5m', rateInterval: '1m' }), /\$/);
  });

  test('every query is valid PromQL (promtool check rules)', (t) => {
    const promtool = requireBackend(t, 'promtool');
    if (!promtool) return;
    const dir = mkdtempSync(join(tmpdir(), 'promptkit-dashboard-'));
    try {
      const file = join(dir, 'dashboard-queries.yml');
      const rules = queries.map((q, i) => ({
        record: `dashboard:query_${i}`,
        expr: concreteQuery(q.expr, { range: '5m', rateInterval: '1m' }),
      }));
      writeFileSync(file, stringify({ groups: [{ name: 'dashboard', rules }] }, { lineWidth: 0 }));
      const r = spawnSync(promtool, ['check', 'rules', file], { encoding: 'utf8' });
      assert.equal(r.status, 0, `promtool check rules failed:\n${r.stdout}\n${r.stderr}`);
      assert.match(r.stdout, new RegExp(`SUCCESS: ${rules.length} rules found`));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the VictoriaMetrics flavour', () => {
  const vm = buildDashboard('victoriametrics');
  const strip = (d: { panels?: readonly unknown[] }) => JSON.stringify(d.panels).replace(/"expr":"(?:[^"\\]|\\.)*"|"exemplar":true,?|"description":"(?:[^"\\]|\\.)*"/g, '');

  test('has the same panels, layout and variables, under its own uid', () => {
    assert.equal(strip(vm), strip(built));
    assert.deepEqual(vm.templating, built.templating);
    assert.notEqual(vm.uid, built.uid);
  });

  test('reads only classic series, with no native-histogram functions and no exemplars', () => {
    const queries = dashboardQueries(vm);
    assert.equal(queries.length, dashboardQueries(built).length);
    for (const { panel, expr } of queries) {
      assert.doesNotMatch(expr, /histogram_count|histogram_sum|unless/, panel);
      for (const name of metricNamesIn(expr)) assert.ok(!histograms.includes(name), `${panel} reads the native series ${name}`);
    }
    assert.doesNotMatch(JSON.stringify(vm), /"exemplar"/);
  });

  test('counter and gauge queries are the same text as in the Prometheus flavour', () => {
    const prom = dashboardQueries(built);
    for (const [i, { panel, expr }] of dashboardQueries(vm).entries()) {
      if (!histograms.some((h) => expr.includes(h))) assert.equal(expr, prom[i]!.expr, panel);
    }
  });
});
