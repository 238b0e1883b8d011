// Metric names against Prometheus' own translation (prometheus/otlptranslator, strategy
// UnderscoreEscapingWithSuffixes): every upstream test row, then rows for the rules PromptKit relies on.
// Every expected value is what Prometheus produces; none is read back from metricName().
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { metricName, unitName, type NamingType } from './metric-names.js';

// otlptranslator's metric types. Only monotonic counters (`_total`) and gauges (`_ratio`) change a
// name beyond its unit, so summaries and unknown metrics name like histograms.
const NAMING: Record<string, NamingType> = {
  monotonic_counter: 'counter',
  non_monotonic_counter: 'updowncounter',
  gauge: 'gauge',
  histogram: 'histogram',
  exponential_histogram: 'histogram',
  summary: 'histogram',
  unknown: 'histogram',
};

type Row = readonly [name: string, unit: string, type: string, expected: string];

// The 109 rows of otlptranslator's tests for this strategy without a namespace: TestByte,
// TestByteCounter, TestWhiteSpaces, TestNonStandardUnit*, TestBrokenUnit*, TestRatio, TestHertz,
// TestPer, TestPercent, TestEmpty, TestOTelReceivers, TestBuildCompliantMetricNameWithSuffixes
// (commit 2573485, pinned by Prometheus 3.5) and TestMetricNamer_Build (HEAD 51da773).
const UPSTREAM: readonly Row[] = [
  ["system.filesystem.usage", "By", "gauge", "system_filesystem_usage_bytes"],
  ["system.io", "By", "monotonic_counter", "system_io_bytes_total"],
  ["network_transmitted_bytes_total", "By", "monotonic_counter", "network_transmitted_bytes_total"],
  ["\t system.filesystem.usage       ", "  By\t", "gauge", "system_filesystem_usage_bytes"],
  ["system.network.dropped", "{packets}", "gauge", "system_network_dropped"],
  ["system.network.dropped", "nonstandard:_1", "gauge", "system_network_dropped_nonstandard:_1"],
  ["system.network.dropped", "{packets}", "monotonic_counter", "system_network_dropped_total"],
  ["system.network.dropped", "packets", "gauge", "system_network_dropped_packets"],
  ["system.network.packets.dropped", "packets", "gauge", "system_network_packets_dropped"],
  ["system.network.packets", "packets", "gauge", "system_network_packets"],
  ["system.network.dropped", "packets", "monotonic_counter", "system_network_dropped_packets_total"],
  ["system.network.packets.dropped", "packets", "monotonic_counter", "system_network_packets_dropped_total"],
  ["system.network.packets", "packets", "monotonic_counter", "system_network_packets_total"],
  ["hw.gpu.memory.utilization", "1", "gauge", "hw_gpu_memory_utilization_ratio"],
  ["hw.fan.speed_ratio", "1", "gauge", "hw_fan_speed_ratio"],
  ["objects", "1", "monotonic_counter", "objects_total"],
  ["hw.cpu.speed_limit", "Hz", "gauge", "hw_cpu_speed_limit_hertz"],
  ["broken.metric.speed", "km/h", "gauge", "broken_metric_speed_km_per_hour"],
  ["astro.light.speed_limit", "m/s", "gauge", "astro_light_speed_limit_meters_per_second"],
  ["system.network.dropped", "non/standard:_1", "gauge", "system_network_dropped_non_per_standard:_1"],
  ["broken.metric.speed", "km/°", "gauge", "broken_metric_speed_km"],
  ["broken.metric.success_ratio", "%", "gauge", "broken_metric_success_ratio_percent"],
  ["broken.metric.success_percent", "%", "gauge", "broken_metric_success_percent"],
  ["test.metric.no_unit", "", "gauge", "test_metric_no_unit"],
  ["test.metric.spaces", "   \t  ", "gauge", "test_metric_spaces"],
  ["active_directory.ds.replication.network.io", "By", "monotonic_counter", "active_directory_ds_replication_network_io_bytes_total"],
  ["active_directory.ds.replication.sync.object.pending", "{objects}", "monotonic_counter", "active_directory_ds_replication_sync_object_pending_total"],
  ["active_directory.ds.replication.object.rate", "{objects}/s", "gauge", "active_directory_ds_replication_object_rate_per_second"],
  ["active_directory.ds.name_cache.hit_rate", "%", "gauge", "active_directory_ds_name_cache_hit_rate_percent"],
  ["active_directory.ds.ldap.bind.last_successful.time", "ms", "gauge", "active_directory_ds_ldap_bind_last_successful_time_milliseconds"],
  ["apache.current_connections", "connections", "gauge", "apache_current_connections"],
  ["apache.workers", "connections", "gauge", "apache_workers_connections"],
  ["apache.requests", "1", "monotonic_counter", "apache_requests_total"],
  ["bigip.virtual_server.request.count", "{requests}", "monotonic_counter", "bigip_virtual_server_request_count_total"],
  ["system.cpu.utilization", "1", "gauge", "system_cpu_utilization_ratio"],
  ["system.disk.operation_time", "s", "monotonic_counter", "system_disk_operation_time_seconds_total"],
  ["system.cpu.load_average.15m", "1", "gauge", "system_cpu_load_average_15m_ratio"],
  ["memcached.operation_hit_ratio", "%", "gauge", "memcached_operation_hit_ratio_percent"],
  ["mongodbatlas.process.asserts", "{assertions}/s", "gauge", "mongodbatlas_process_asserts_per_second"],
  ["mongodbatlas.process.journaling.data_files", "MiBy", "gauge", "mongodbatlas_process_journaling_data_files_mebibytes"],
  ["mongodbatlas.process.network.io", "By/s", "gauge", "mongodbatlas_process_network_io_bytes_per_second"],
  ["mongodbatlas.process.oplog.rate", "GiBy/h", "gauge", "mongodbatlas_process_oplog_rate_gibibytes_per_hour"],
  ["mongodbatlas.process.db.query_targeting.scanned_per_returned", "{scanned}/{returned}", "gauge", "mongodbatlas_process_db_query_targeting_scanned_per_returned"],
  ["nginx.requests", "requests", "gauge", "nginx_requests"],
  ["nginx.connections_accepted", "connections", "gauge", "nginx_connections_accepted"],
  ["nsxt.node.memory.usage", "KBy", "gauge", "nsxt_node_memory_usage_kilobytes"],
  ["redis.latest_fork", "us", "gauge", "redis_latest_fork_microseconds"],
  ["3.14 digits", "", "gauge", "_3_14_digits"],
  ["envoy__rule_engine_zlib_buf_error", "", "gauge", "envoy_rule_engine_zlib_buf_error"],
  [":foo::bar", "", "gauge", ":foo::bar"],
  [":foo::bar", "", "monotonic_counter", ":foo::bar_total"],
  ["foo.bar", "1", "gauge", "foo_bar_ratio"],
  ["system.io", "foo/bar", "monotonic_counter", "system_io_foo_per_bar_total"],
  ["metric_with_字符_foreign_characters", "", "monotonic_counter", "metric_with_foreign_characters_total"],
  ["temperature", "%*()°:C", "gauge", "temperature_:C"],
  ["requests", "", "monotonic_counter", "requests_total"],
  ["cpu_usage", "1", "gauge", "cpu_usage_ratio"],
  ["items", "1", "monotonic_counter", "items_total"],
  ["response_time", "ms", "gauge", "response_time_milliseconds"],
  ["memory_usage", "By", "gauge", "memory_usage_bytes"],
  ["requests", "1/s", "gauge", "requests_per_second"],
  ["throughput", "By/s", "gauge", "throughput_bytes_per_second"],
  ["custom_metric", "custom_unit", "gauge", "custom_metric_custom_unit"],
  ["custom_metric", "{custom}", "gauge", "custom_metric"],
  ["custom_metric", "By/{custom}", "gauge", "custom_metric_bytes"],
  ["requests_total", "", "monotonic_counter", "requests_total"],
  ["cpu_usage_ratio", "1", "gauge", "cpu_usage_ratio"],
  ["response_time_seconds", "s", "gauge", "response_time_seconds"],
  ["metric__with__multiple__underscores", "unit__multiple__underscores", "gauge", "metric_with_multiple_underscores_unit_multiple_underscores"],
  ["custom_metric", "unit@with#special/chars", "gauge", "custom_metric_unit_with_special_per_chars"],
  ["request_duration", "s", "histogram", "request_duration_seconds"],
  ["request_size", "By", "exponential_histogram", "request_size_bytes"],
  ["response_time", "ms", "summary", "response_time_milliseconds"],
  ["active_connections", "", "non_monotonic_counter", "active_connections"],
  ["unknown_metric", "", "unknown", "unknown_metric"],
  ["uptime", "d", "gauge", "uptime_days"],
  ["duration", "h", "gauge", "duration_hours"],
  ["timeout", "min", "gauge", "timeout_minutes"],
  ["latency", "us", "gauge", "latency_microseconds"],
  ["precision_time", "ns", "gauge", "precision_time_nanoseconds"],
  ["cache_size", "KiBy", "gauge", "cache_size_kibibytes"],
  ["memory", "MiBy", "gauge", "memory_mebibytes"],
  ["storage", "GiBy", "gauge", "storage_gibibytes"],
  ["capacity", "TiBy", "gauge", "capacity_tibibytes"],
  ["transfer", "KBy", "gauge", "transfer_kilobytes"],
  ["download", "MBy", "gauge", "download_megabytes"],
  ["backup", "GBy", "gauge", "backup_gigabytes"],
  ["archive", "TBy", "gauge", "archive_terabytes"],
  ["distance", "m", "gauge", "distance_meters"],
  ["voltage", "V", "gauge", "voltage_volts"],
  ["current", "A", "gauge", "current_amperes"],
  ["energy", "J", "gauge", "energy_joules"],
  ["power", "W", "gauge", "power_watts"],
  ["weight", "g", "gauge", "weight_grams"],
  ["temperature", "Cel", "gauge", "temperature_celsius"],
  ["frequency", "Hz", "gauge", "frequency_hertz"],
  ["cpu_usage", "%", "gauge", "cpu_usage_percent"],
  ["requests", "1/m", "gauge", "requests_per_minute"],
  ["events", "1/h", "gauge", "events_per_hour"],
  ["transactions", "1/d", "gauge", "transactions_per_day"],
  ["reports", "1/w", "gauge", "reports_per_week"],
  ["invoices", "1/mo", "gauge", "invoices_per_month"],
  ["renewals", "1/y", "gauge", "renewals_per_year"],
  ["custom", "1/custom_unit", "gauge", "custom_per_custom_unit"],
  ["metric", "By/", "gauge", "metric_bytes"],
  ["metric", " By / s ", "gauge", "metric_bytes_per_second"],
  ["metric", "/", "gauge", "metric"],
  ["http.request.duration", "ms", "histogram", "http_request_duration_milliseconds"],
  ["http.requests", "1", "monotonic_counter", "http_requests_total"],
];

// Rows for the rules PromptKit relies on. Expected values follow otlptranslator's algorithm (the
// research notes' reference port of `normalizeName`, checked against every row above).
const RULES: readonly Row[] = [
  // Unit words: mapped through the UCUM table, appended unless already a whole word of the name.
  ['seconds.spent', 's', 'gauge', 'seconds_spent'],
  ['foo.bar', 'By', 'non_monotonic_counter', 'foo_bar_bytes'],
  ['ttft', 'ms', 'histogram', 'ttft_milliseconds'],
  ['t', 'us', 'monotonic_counter', 't_microseconds_total'],
  ['mem', 'MiBy', 'non_monotonic_counter', 'mem_mebibytes'],
  ['disk.io', 'KiBy/min', 'gauge', 'disk_io_kibibytes_per_min'],
  ['latency', 's/', 'histogram', 'latency_seconds'],
  ['q', '{a}/{b}', 'gauge', 'q'],
  ['tokens', '{token}', 'monotonic_counter', 'tokens_total'],
  ['x', 'per', 'gauge', 'x_per'],
  ['ratio', '%', 'gauge', 'ratio_percent'],
  ['gen_ai.client.token.usage', '{token}', 'histogram', 'gen_ai_client_token_usage'],
  ['gen_ai.client.operation.duration', 's', 'histogram', 'gen_ai_client_operation_duration_seconds'],
  // `per`: the per-unit's table is not the main unit's (`m` is meters, `/m` per minute); a per
  // suffix is compared with whole words only, so `per_second` spelled in the name is added again.
  ['speed', 'm/m', 'gauge', 'speed_meters_per_minute'],
  ['events', '/s', 'gauge', 'events_per_second'],
  ['foo', '{req}/s', 'monotonic_counter', 'foo_per_second_total'],
  ['requests', '1/s', 'monotonic_counter', 'requests_per_second_total'],
  ['bytes', 'By/s', 'gauge', 'bytes_per_second'],
  ['io', 'By/s', 'monotonic_counter', 'io_bytes_per_second_total'],
  ['x', '1/1', 'gauge', 'x_per_1'],
  ['rate.per_second', '1/s', 'gauge', 'rate_per_second_per_second'],
  // `_total`: only for monotonic counters, every `total` word moved to the very end.
  ['requests_total_count', '', 'monotonic_counter', 'requests_count_total'],
  ['foo.total.bar', '', 'monotonic_counter', 'foo_bar_total'],
  ['total_requests_total', '', 'monotonic_counter', 'requests_total'],
  ['Requests.Total', '', 'monotonic_counter', 'Requests_Total_total'],
  ['ratio_total', '1', 'monotonic_counter', 'ratio_total'],
  ['foo_total', '', 'gauge', 'foo_total'],
  ['x.total', '', 'gauge', 'x_total'],
  ['total', '', 'gauge', 'total'],
  ['promptkit_tool_calls', '', 'monotonic_counter', 'promptkit_tool_calls_total'],
  ['promptkit_tool_calls_total', '{call}', 'monotonic_counter', 'promptkit_tool_calls_total'],
  ['promptkit_pipelines_active', '{pipeline}', 'non_monotonic_counter', 'promptkit_pipelines_active'],
  ['promptkit_provider_request_duration_seconds', 's', 'histogram', 'promptkit_provider_request_duration_seconds'],
  // `_ratio`: only for gauges whose unit is exactly `1`, every `ratio` word moved to the end.
  ['ratio.foo', '1', 'gauge', 'foo_ratio'],
  ['cpu.ratio.used', '1', 'gauge', 'cpu_used_ratio'],
  ['ratio_total', '1', 'gauge', 'total_ratio'],
  ['ratio', '1', 'gauge', 'ratio'],
  ['x_ratio', '', 'gauge', 'x_ratio'],
  ['ratio', '1', 'non_monotonic_counter', 'ratio'],
  ['usage', '1', 'non_monotonic_counter', 'usage'],
  ['usage', '1', 'monotonic_counter', 'usage_total'],
  ['usage', '1', 'histogram', 'usage'],
  ['errors_ratio', '1', 'monotonic_counter', 'errors_ratio_total'],
  // Leading digits get `_` (after the words are joined, so a unit can never start a name).
  ['1foo', 's', 'monotonic_counter', '_1foo_seconds_total'],
  ['3xx', '', 'gauge', '_3xx'],
  ['2fa.logins', '', 'monotonic_counter', '_2fa_logins_total'],
  ['.5', '', 'gauge', '_5'],
  // Non-ASCII characters separate words, like `_` and `.`; a name of suffix words only is kept.
  ['métrique.temps', '', 'gauge', 'm_trique_temps'],
  ['naïve😀count', '{x}', 'monotonic_counter', 'na_ve_count_total'],
  ['日本語', 's', 'monotonic_counter', 'seconds_total'],
  ['日本語', '1', 'gauge', 'ratio'],
  ['', 's', 'gauge', 'seconds'],
  ['...', 'By', 'gauge', 'bytes'],
  ['a:b', '', 'monotonic_counter', 'a:b_total'],
];

// Where otlptranslator (HEAD) returns an error, metricName() returns '' and the metric is not served.
// PromptKit's one deviation: a counter Prometheus would name only `total` (no word of its own) is not
// served either; a counter family must be `<name>_total` for promtool and OpenMetrics.
const NO_NAME: readonly (readonly [name: string, unit: string, type: string])[] = [
  ['total', '', 'monotonic_counter'],
  ['total.total', '', 'monotonic_counter'],
  ['日本語', '', 'monotonic_counter'],
  ['_total_', '1', 'monotonic_counter'],
  ['@#$%', '', 'gauge'],
  ['@_#_$_%', '', 'gauge'],
  ['___', '', 'gauge'],
  ['日本語', '', 'gauge'],
  ['', '', 'gauge'],
  ['', '{x}', 'histogram'],
];

function check(rows: readonly Row[]): string[] {
  const wrong: string[] = [];
  for (const [name, unit, type, expected] of rows) {
    const naming = NAMING[type];
    assert.ok(naming !== undefined, `unknown type ${type}`);
    const got = metricName(name, unit, naming);
    if (got !== expected) wrong.push(`${JSON.stringify(name)} (${JSON.stringify(unit)}, ${type}): got ${JSON.stringify(got)}, Prometheus ${JSON.stringify(expected)}`);
  }
  return wrong;
}

test('every otlptranslator UnderscoreEscapingWithSuffixes row (109) gives Prometheus’ name', () => {
  assert.equal(UPSTREAM.length, 109);
  assert.deepEqual(check(UPSTREAM), []);
});

test('unit words, per, _total, _ratio, leading digits and non-ASCII names follow Prometheus', () => {
  assert.deepEqual(check(RULES), []);
});

test('a name Prometheus cannot build (otlptranslator errors) is empty: the metric is left out', () => {
  for (const [name, unit, type] of NO_NAME) assert.equal(metricName(name, unit, NAMING[type]!), '', `${JSON.stringify(name)} (${unit}, ${type})`);
});

test('the same name, unit and type always give the same result (the cache returns what it stored)', () => {
  for (const [name, unit, type, expected] of [...UPSTREAM, ...RULES]) assert.equal(metricName(name, unit, NAMING[type]!), expected);
});

test('the OpenMetrics UNIT of a unit: otlptranslator UnitNamer rows', () => {
  const rows: [string, string][] = [
    ['ms', 'milliseconds'],
    ['By/s', 'bytes_per_second'],
    ['1/s', 'per_second'],
    ['1', ''],
    ['{custom}', ''],
    ['By/{custom}', 'bytes'],
    ['unit@with#special/chars', 'unit_with_special_per_chars'],
    ['unit__multiple__underscores', 'unit_multiple_underscores'],
    [' By / s ', 'bytes_per_second'],
    ['/', ''],
    ['By/', 'bytes'],
    ['', ''],
  ];
  assert.deepEqual(rows.map(([unit]) => [unit, unitName(unit)]), rows);
});
