// The rule file: every alert is documented and linked to its runbook; every metric name it uses is in the contract.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadRules, allExpressions } from './lib/sources.mjs';
import { selectors, groupingLabels } from './lib/promql.mjs';
import { resolver, TARGET_LABELS } from './lib/contract.mjs';

const root = resolve(import.meta.dirname, '../..');
const rules = loadRules(root);
const alerts = rules.filter((r) => r.alert);
const recorded = new Set(rules.filter((r) => r.record).map((r) => r.record));
const lookup = resolver(root);

test('the rule file has alerts and recording rules', () => {
  assert.ok(alerts.length >= 15, `only ${alerts.length} alerts`);
  assert.ok(recorded.size >= 10, `only ${recorded.size} recording rules`);
  assert.equal(new Set(alerts.map((a) => a.alert)).size, alerts.length, 'duplicate alert names');
});

test('every alert has a severity, a summary, a description and a runbook_url to its own runbook', () => {
  for (const a of alerts) {
    assert.match(a.labels?.severity ?? '', /^(critical|warning)$/, `${a.alert}: severity`);
    for (const k of ['summary', 'description', 'runbook_url'])
      assert.ok((a.annotations?.[k] ?? '').trim().length > 10, `${a.alert}: annotation ${k} missing or empty`);
    assert.ok(a.annotations.runbook_url.endsWith(`/docs/runbooks/${a.alert}.md`), `${a.alert}: runbook_url ${a.annotations.runbook_url}`);
    const runbook = join(root, 'docs/runbooks', `${a.alert}.md`);
    assert.ok(existsSync(runbook), `${a.alert}: docs/runbooks/${a.alert}.md missing`);
    assert.match(readFileSync(runbook, 'utf8'), new RegExp(`^# ${a.alert}\\b`), `${a.alert}: runbook title`);
  }
});

test('every runbook belongs to an alert, and docs/observability.md explains every alert', () => {
  const names = new Set(alerts.map((a) => a.alert));
  for (const f of readdirSync(join(root, 'docs/runbooks')))
    assert.ok(names.has(f.replace(/\.md$/, '')), `docs/runbooks/${f} has no alert`);
  const doc = readFileSync(join(root, 'docs/observability.md'), 'utf8');
  for (const n of names) assert.ok(doc.includes(n), `docs/observability.md does not mention ${n}`);
});

test('every metric in the rules and dashboards is recorded here, in docs/metrics.md, or from a listed exporter', () => {
  const unknown = [];
  for (const { where, expr } of allExpressions(root))
    for (const s of selectors(expr))
      if (!recorded.has(s.name) && !lookup(s.name).kind) unknown.push(`${where}: ${s.name}`);
  assert.deepEqual(unknown, []);
});

test('labels used on API metrics are documented, and matched values are documented values', () => {
  const problems = [];
  for (const { where, expr } of allExpressions(root)) {
    for (const s of selectors(expr)) {
      const r = lookup(s.name);
      if (r.kind !== 'api') continue;
      for (const m of s.matchers) {
        const ok = TARGET_LABELS.has(m.label) || r.def.labels.has(m.label) || (m.label === 'le' && r.suffix === 'bucket');
        if (!ok) problems.push(`${where}: ${s.name} has no label ${m.label}`);
        const values = r.def.labels.get(m.label) ?? [];
        if (values.length && m.op === '=' && !values.includes(m.value))
          problems.push(`${where}: ${s.name}{${m.label}="${m.value}"} is not a documented value`);
        if (values.length && m.op === '=~')
          for (const v of m.value.split('|'))
            if (/^[a-z_]+$/.test(v) && !values.includes(v)) problems.push(`${where}: ${s.name} ${m.label} value ${v} is not documented`);
      }
    }
  }
  assert.deepEqual(problems, []);
});

test('recording rules aggregate only by labels that exist', () => {
  const known = new Set([...TARGET_LABELS, 'le', 'route', 'method', 'status', 'kind', 'state', 'event', 'query',
    'command', 'version', 'commit', 'env', 'horizontalpodautoscaler', 'datname']);
  for (const r of rules)
    for (const l of groupingLabels(r.expr)) assert.ok(known.has(l), `${r.record ?? r.alert}: groups by unknown label ${l}`);
});

test('every recording rule is used by an alert or a dashboard panel', () => {
  const used = new Set(allExpressions(root).flatMap(({ expr }) => selectors(expr).map((s) => s.name)));
  for (const name of recorded) assert.ok(used.has(name), `${name} is recorded but never used`);
});

test('an alert reads only recording rules defined before it in its own group (evaluation order is defined there)', () => {
  const seen = new Map(); // group -> recorded so far
  for (const r of rules) {
    const before = seen.get(r.group) ?? new Set();
    if (r.alert)
      for (const s of selectors(r.expr))
        if (recorded.has(s.name)) assert.ok(before.has(s.name), `${r.alert} reads ${s.name} from another group or later`);
    if (r.record) before.add(r.record);
    seen.set(r.group, before);
  }
});
