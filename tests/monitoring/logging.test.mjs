// Log shipping and log queries: the aws-for-fluent-bit values send container logs to CloudWatch Logs with a valid
// retention and parse JSON lines into fields; the saved Logs Insights queries are published in docs/.
// (Fluent Bit itself has no Debian 12 package, so its configuration is checked here, not run.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import YAML from 'yaml';
import { loadQueries, fieldsOf } from './lib/logs-insights.mjs';

const root = resolve(import.meta.dirname, '../..');
const values = (f) => YAML.parse(readFileSync(join(root, 'ops/monitoring/fluent-bit', f), 'utf8'));
// The retention values CloudWatch Logs accepts (PutRetentionPolicy).
const RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

test('Fluent Bit ships every container log to CloudWatch Logs, one group per namespace, and nowhere else', () => {
  const v = values('values.yaml');
  assert.equal(v.input.enabled, true);
  assert.equal(v.input.path, '/var/log/containers/*.log');
  assert.match(v.input.multilineParser, /\bcri\b/, 'EKS (containerd) writes CRI-format logs');
  assert.equal(v.cloudWatchLogs.enabled, true);
  assert.equal(v.cloudWatchLogs.match, v.filter.match, 'the output takes what the kubernetes filter enriched');
  assert.match(v.cloudWatchLogs.logGroupTemplate, /\$kubernetes\['namespace_name'\]/);
  assert.equal(v.cloudWatchLogs.autoCreateGroup, true);
  for (const other of ['cloudWatch', 'firehose', 'kinesis', 'kinesis_streams', 'elasticsearch', 's3', 'opensearch'])
    assert.equal(v[other].enabled, false, `${other} output must stay off`);
  assert.deepEqual(v.tolerations, [{ operator: 'Exists' }], 'the DaemonSet must run on every node');
});

test('log retention is set, valid for CloudWatch, and longer in production', () => {
  const base = values('values.yaml').cloudWatchLogs.logRetentionDays;
  const prod = values('values-prod.yaml').cloudWatchLogs.logRetentionDays;
  assert.ok(RETENTION_DAYS.includes(base), `retention ${base} is not a CloudWatch value`);
  assert.ok(RETENTION_DAYS.includes(prod), `prod retention ${prod} is not a CloudWatch value`);
  assert.ok(prod >= 365 && prod > base, 'production keeps logs at least a year');
});

test('JSON log lines become top-level fields (what the Logs Insights queries filter on)', () => {
  const f = values('values.yaml').filter;
  assert.equal(f.enabled, true);
  assert.equal(f.mergeLog, 'On');
  assert.equal(f.mergeLogKey, '', 'no nesting key: fields stay top-level (route, status, ...)');
  assert.equal(f.keepLog, 'Off');
});

test('every saved Logs Insights query is in docs/logs-insights-queries.md, verbatim', () => {
  const doc = readFileSync(join(root, 'docs/logs-insights-queries.md'), 'utf8');
  const queries = loadQueries(root);
  for (const required of ['errors-by-route', 'slow-requests', 'failed-signins-by-ip'])
    assert.ok(queries.some((q) => q.name === required), `no ${required} query`);
  for (const q of queries) {
    assert.ok(doc.includes('```\n' + q.text + '```'), `docs/logs-insights-queries.md does not show ${q.name} as it is`);
    assert.ok(fieldsOf(q.text).size > 0, `${q.name}: no field`);
  }
});
