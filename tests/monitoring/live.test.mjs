// Against a running API (real PostgreSQL and Redis) with generated traffic, scraped by a real Prometheus that runs
// the chart's rule file: the scrape passes promtool's lint, every API metric the rules and dashboards use is
// exported, the recording rules and dashboard queries work on the real series, and the log lines are JSON with the
// required fields and no secret in them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { startStack } from '../lib/stack.mjs';
import { generateTraffic } from './lib/traffic.mjs';
import { parseExposition } from './lib/exposition.mjs';
import { allExpressions, loadRules, loadDashboards, panelsOf, RULES } from './lib/sources.mjs';
import { selectors, ungrafana } from './lib/promql.mjs';
import { startPrometheus } from './lib/prometheus.mjs';
import { waitFor } from '../lib/stack.mjs';
import { resolver, loadMetricsDoc } from './lib/contract.mjs';
import { logsInsightsFields } from './lib/logs-insights.mjs';

const root = resolve(import.meta.dirname, '../..');
const NS = 'monitoring-test';
let stack, prom, traffic, scrape, samples, logLines;

before(async () => {
  stack = await startStack({});
  // As AMP's collector does (terraform/modules/prometheus/scrape.yaml.tftpl): job notejam-api, namespace and pod labels.
  prom = await startPrometheus({ target: `127.0.0.1:${stack.api.port}`, job: 'notejam-api',
    labels: { namespace: NS, pod: 'notejam-0' }, rulesFile: join(root, RULES) });
  const shows = (expr) => waitFor(async () => (await prom.query(expr)).length > 0, { what: `Prometheus: ${expr}`, timeoutMs: 30000 });
  await shows('up{job="notejam-api"} == 1'); // a scrape before the traffic, so rates see all of it
  traffic = await generateTraffic(stack, { scraped: shows });
  // The second batch of 503s has been scraped and the rules have run on it.
  await shows('notejam_http_requests_total{route="/api/v1/notes",status="503"} >= 6');
  await shows('notejam:sli_error_ratio:rate5m > 0 < 1');
  const res = await fetch(`${stack.baseUrl}/metrics`);
  assert.equal(res.status, 200);
  scrape = await res.text();
  samples = parseExposition(scrape);
  // The last request's log line is written after its response: wait until it is there.
  const lastId = traffic.expected.at(-1).requestId;
  await waitFor(() => stack.api.logs().includes(lastId), { timeoutMs: 5000, intervalMs: 20, what: 'the last log line' });
  logLines = stack.api.logs().split('\n').filter((l) => l.trim());
});
after(async () => {
  await prom?.stop();
  await stack?.stop();
});

test('promtool check metrics finds no problem in the scrape', () => {
  const r = spawnSync('promtool', ['check', 'metrics'], { input: scrape, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.equal((r.stdout + r.stderr).trim(), '', 'promtool lint findings');
});

test('every API metric documented in docs/metrics.md is exported', () => {
  const names = new Set(samples.map((s) => s.name));
  for (const [name, def] of loadMetricsDoc(root)) {
    if (def.section !== 'api') continue;
    const expected = def.type === 'histogram' ? [`${name}_bucket`, `${name}_sum`, `${name}_count`] : [name];
    for (const e of expected) assert.ok(names.has(e), `${e} is not in the scrape`);
  }
});

test('every API series the rules and dashboards select exists in the scrape, label values included', () => {
  const lookup = resolver(root);
  const recorded = new Set(loadRules(root).filter((r) => r.record).map((r) => r.record));
  const missing = [];
  let checked = 0;
  for (const { where, expr } of allExpressions(root)) {
    for (const sel of selectors(expr)) {
      const r = lookup(sel.name);
      if (recorded.has(sel.name) || r.kind !== 'api' || r.def.section !== 'api') continue;
      checked++;
      // Equality matchers on the API's own labels must match a real series; target labels (namespace, pod) and
      // regex matchers are left to Prometheus.
      const eq = sel.matchers.filter((m) => m.op === '=' && r.def.labels.has(m.label));
      const hit = samples.some((s) => s.name === sel.name && eq.every((m) => s.labels[m.label] === m.value));
      if (!hit) missing.push(`${where}: ${sel.name}{${eq.map((m) => `${m.label}="${m.value}"`).join(',')}}`);
    }
  }
  assert.ok(checked > 30, `only ${checked} selectors checked`);
  assert.deepEqual(missing, []);
});

test('the traffic shows up in the counters the alerts watch', () => {
  const value = (name, labels) =>
    samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))
      .reduce((a, s) => a + s.value, 0);
  assert.ok(value('notejam_auth_events_total', { event: 'signin_failure' }) >= 1);
  assert.ok(value('notejam_auth_events_total', { event: 'signin_success' }) >= 1);
  assert.ok(value('notejam_auth_events_total', { event: 'refresh_reuse' }) >= 1);
  assert.ok(value('notejam_http_requests_total', { route: '/api/v1/notes/{id}', status: '404' }) >= 1);
  assert.ok(value('notejam_http_requests_total', { route: 'unmatched' }) >= 1);
  assert.ok(value('notejam_http_request_duration_seconds_count', { route: '/api/v1/notes', method: 'POST' }) >= 5);
  assert.equal(value('notejam_ready', {}), 1);
});

// Recordings that need a week of history (the baseline) or the wall clock (business hours) can be empty here.
const NEEDS_HISTORY = new Set(['notejam:http_requests:rate1h_offset1w', 'notejam:http_requests:wow_ratio1h', 'notejam:business_hours']);

test('Prometheus runs the rule file on the real series: every recording over API metrics has data', async () => {
  const recordings = loadRules(root).filter((r) => r.record && !NEEDS_HISTORY.has(r.record));
  for (const r of recordings) {
    // rule groups are evaluated on their own interval: wait for the next evaluation rather than one look
    const result = await waitFor(async () => {
      const res = await prom.query(`${r.record}{namespace="${NS}"}`);
      return res.length > 0 && res;
    }, { timeoutMs: 30000, what: `${r.record} to have data` });
    for (const s of result) assert.ok(Number.isFinite(Number(s.value[1])), `${r.record} = ${s.value[1]}`);
  }
  // The outage's 503s are in the SLI; probes are not (its /readyz 503 would not count anyway).
  const [ratio] = await prom.query(`notejam:sli_error_ratio:rate5m{namespace="${NS}"}`);
  assert.ok(Number(ratio.value[1]) > 0 && Number(ratio.value[1]) < 1, `error ratio ${ratio.value[1]}`);
  const [db] = await prom.query(`sum(notejam_db_errors_total{namespace="${NS}"})`);
  assert.ok(Number(db.value[1]) > 0, 'the outage shows in notejam_db_errors_total');
  assert.ok((await prom.query('notejam:business_hours or vector(0)')).length > 0);
});

test('every dashboard query runs in Prometheus, and every panel on API metrics shows data', async () => {
  const recorded = new Set(loadRules(root).filter((r) => r.record).map((r) => r.record));
  const lookup = resolver(root);
  const vars = { namespace: NS, route: '.*', env: '.*' };
  const empty = [];
  for (const { file, json } of loadDashboards()) {
    for (const p of panelsOf(json).filter((x) => x.targets)) {
      let rows = 0;
      let apiOnly = true;
      for (const t of p.targets) {
        const expr = ungrafana(t.expr, vars, '1m');
        rows += (await prom.query(expr)).length; // throws on a query Prometheus rejects
        for (const sel of selectors(expr)) {
          const r = lookup(sel.name);
          if (NEEDS_HISTORY.has(sel.name) || !(recorded.has(sel.name) || (r.kind === 'api' && r.def.section === 'api'))) apiOnly = false;
        }
      }
      if (apiOnly && rows === 0) empty.push(`${file}: "${p.title}"`);
    }
  }
  assert.deepEqual(empty, []);
});

test('every log line is a JSON object with time, level and msg', () => {
  assert.ok(logLines.length >= traffic.expected.length);
  for (const line of logLines) {
    let o;
    assert.doesNotThrow(() => (o = JSON.parse(line)), `not JSON: ${line}`);
    assert.match(o.time, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/, `time not RFC 3339 UTC: ${line}`);
    assert.match(o.level, /^(debug|info|warn|error)$/, line);
    assert.ok(typeof o.msg === 'string' && o.msg, line);
  }
});

test('each request has one access-log line with id, method, route template, status, duration and user id', () => {
  const byId = new Map();
  for (const o of logLines.map((l) => JSON.parse(l)).filter((o) => typeof o.status === 'number'))
    byId.set(o.request_id, [...(byId.get(o.request_id) ?? []), o]);
  for (const e of traffic.expected) {
    const lines = byId.get(e.requestId) ?? [];
    assert.equal(lines.length, 1, `${e.method} ${e.route}: ${lines.length} access-log lines for ${e.requestId}`);
    const o = lines[0];
    assert.equal(o.method, e.method);
    assert.equal(o.route, e.route);
    assert.equal(o.status, e.status);
    assert.ok(typeof o.duration_ms === 'number' && o.duration_ms >= 0, `duration_ms ${o.duration_ms}`);
    if (e.userId !== undefined) assert.equal(Number(o.user_id ?? 0), e.userId, `${e.method} ${e.route}: user_id`);
  }
});

test('security events are logged as their own lines with the client IP', () => {
  const events = logLines.map((l) => JSON.parse(l)).filter((o) => o.security_event);
  for (const kind of ['signin_failure', 'refresh_reuse']) {
    const e = events.find((o) => o.security_event === kind);
    assert.ok(e, `no ${kind} security event`);
    assert.ok(e.remote_ip && e.request_id, `${kind}: remote_ip and request_id`);
  }
});

test('no password, token, reset token or signing key appears in the log', () => {
  const log = stack.api.logs();
  assert.ok(traffic.secrets.length >= 8);
  for (const secret of traffic.secrets) assert.ok(!log.includes(secret), `a secret (${secret.slice(0, 4)}...) is in the log`);
});

test('the saved Logs Insights queries use only fields the API logs (under log_processed) or Fluent Bit adds', () => {
  const seen = new Set(logLines.flatMap((l) => Object.keys(JSON.parse(l))));
  for (const { name, fields, outside } of logsInsightsFields(root)) {
    for (const f of fields) assert.ok(seen.has(f), `query "${name}" uses field ${f} that no log line has`);
    for (const f of outside)
      assert.ok(f.startsWith('@') || f.startsWith('kubernetes.'), `query "${name}" reads ${f} outside log_processed, where the add-on puts the API's fields`);
  }
});
