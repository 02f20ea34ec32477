// The promtool unit tests cover every alert with a case where it fires and a case where it must stay quiet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import YAML from 'yaml';
import { loadRules, RULES } from './lib/sources.mjs';

const root = resolve(import.meta.dirname, '../..');
const dir = join(root, 'ops/monitoring/rules-tests');
const files = readdirSync(dir).filter((f) => f.endsWith('.test.yaml'));

test('every rules-test file loads the chart rule file', () => {
  assert.ok(files.length > 0);
  for (const f of files) {
    const doc = YAML.parse(readFileSync(join(dir, f), 'utf8'));
    assert.deepEqual(doc.rule_files.map((p) => resolve(dir, p)), [join(root, RULES)], f);
  }
});

test('every alert has a firing case and a quiet case', () => {
  const fires = new Set();
  const quiet = new Set();
  for (const f of files)
    for (const t of YAML.parse(readFileSync(join(dir, f), 'utf8')).tests)
      for (const a of t.alert_rule_test ?? []) ((a.exp_alerts ?? []).length ? fires : quiet).add(a.alertname);
  const missing = [];
  for (const { alert } of loadRules(root).filter((r) => r.alert)) {
    if (!fires.has(alert)) missing.push(`${alert}: no case where it fires`);
    if (!quiet.has(alert)) missing.push(`${alert}: no case where it stays quiet`);
  }
  assert.deepEqual(missing, []);
});
