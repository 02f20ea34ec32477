// The Grafana dashboards, as generated from ops/monitoring/dashboards/: every panel has a query, and the layout is sane.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadDashboards, panelsOf } from './lib/sources.mjs';
import { selectors, ungrafana } from './lib/promql.mjs';
import { grafana } from '../../ops/monitoring/dashboards/grafana.mjs';

const root = resolve(import.meta.dirname, '../..');
const dashboards = loadDashboards();

// Duplicate panel ids, panels outside the 24-column grid, and pairs of panels covering the same grid cell.
function layoutProblems(panels) {
  const problems = new Set();
  const ids = new Set();
  const cells = new Map();
  for (const p of panels) {
    if (ids.has(p.id)) problems.add(`panel "${p.title}": duplicate id ${p.id}`);
    ids.add(p.id);
    const { x, y, w, h } = p.gridPos;
    if (!(x >= 0 && y >= 0 && w > 0 && h > 0 && x + w <= 24)) problems.add(`panel "${p.title}" outside the 24-column grid`);
    for (let i = x; i < x + w; i++)
      for (let j = y; j < y + h; j++) {
        const other = cells.get(`${i},${j}`);
        if (other) problems.add(`panel "${p.title}" overlaps "${other}"`);
        cells.set(`${i},${j}`, p.title);
      }
  }
  return [...problems];
}

test('the layout check sees a duplicate id and an overlap', () => {
  const at = (id, title, x, y, w, h) => ({ id, title, gridPos: { x, y, w, h } });
  assert.deepEqual(layoutProblems([at(1, 'a', 0, 0, 12, 8), at(2, 'b', 12, 0, 12, 8)]), []);
  assert.deepEqual(layoutProblems([at(1, 'a', 0, 0, 12, 8), at(1, 'b', 12, 0, 12, 8)]), ['panel "b": duplicate id 1']);
  assert.deepEqual(layoutProblems([at(1, 'a', 0, 0, 12, 8), at(2, 'b', 8, 4, 8, 8)]), ['panel "b" overlaps "a"']);
  assert.deepEqual(layoutProblems([at(1, 'a', 20, 0, 8, 8)]), ['panel "a" outside the 24-column grid']);
});

test('the generator lays out panels of mixed widths and heights without overlap, wrapping at 24 columns', () => {
  const q = 'up';
  const json = grafana({ uid: 'u', title: 't', variables: [], rows: [
    { title: 'r1', panels: [{ type: 'stat', w: 4, title: 's1', queries: q }, { title: 'g1', queries: q },
      { type: 'stat', w: 8, h: 6, title: 's2', queries: q }, { w: 24, title: 'wide', queries: q }, { w: 8, title: 'g2', queries: q }] },
    { title: 'r2', panels: [{ type: 'heatmap', title: 'h', queries: q }, { type: 'stat', title: 's3', queries: q }] },
  ] });
  const panels = panelsOf(json);
  assert.deepEqual(layoutProblems(panels), []);
  assert.deepEqual(panels.map((p) => p.id), panels.map((_, i) => i + 1));
  const pos = Object.fromEntries(panels.map((p) => [p.title, p.gridPos]));
  assert.deepEqual(pos.s2, { x: 16, y: 1, w: 8, h: 6 }); // beside the 8-high graph on the row's first line
  assert.deepEqual(pos.wide, { x: 0, y: 9, w: 24, h: 8 }); // below the tallest panel of the line before
  assert.deepEqual(pos.r2, { x: 0, y: 25, w: 24, h: 1 });
  assert.throws(() => grafana({ variables: [], rows: [{ title: 'r', panels: [{ type: 'graph', title: 'old', queries: q }] }] }), /unknown type/);
});

test('node build.mjs OUTDIR (make dashboard) writes each dashboard as the tests see it', () => {
  const out = mkdtempSync(join(tmpdir(), 'dashboards-'));
  try {
    execFileSync(process.execPath, [join(root, 'ops/monitoring/dashboards/build.mjs'), out]);
    for (const { file, json } of dashboards) assert.deepEqual(JSON.parse(readFileSync(join(out, file), 'utf8')), json);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test('there is a dashboard and each has a unique uid and a title', () => {
  assert.ok(dashboards.length > 0);
  const uids = dashboards.map((d) => d.json.uid);
  assert.equal(new Set(uids).size, uids.length);
  for (const { file, json } of dashboards) assert.ok(json.uid && json.title, file);
});

for (const { file, json } of dashboards) {
  const panels = panelsOf(json).filter((p) => p.type !== 'row');

  test(`${file}: every panel has a non-empty, parseable query on the datasource variable`, () => {
    assert.ok(panels.length >= 20, `only ${panels.length} panels`);
    for (const p of panels) {
      assert.ok((p.targets ?? []).length > 0, `panel "${p.title}" has no query`);
      for (const t of p.targets) {
        assert.ok((t.expr ?? '').trim(), `panel "${p.title}" ${t.refId}: empty expr`);
        assert.ok(selectors(ungrafana(t.expr)).length > 0, `panel "${p.title}": no metric`);
        assert.equal((t.datasource ?? p.datasource)?.uid, '${datasource}', `panel "${p.title}": fixed datasource`);
      }
    }
  });

  test(`${file}: panel ids are unique and panels do not overlap`, () => {
    assert.deepEqual(layoutProblems(panelsOf(json)), []);
  });

  test(`${file}: covers traffic, errors, latency heatmap, saturation, pods/HPA, auth events and backups`, () => {
    const exprs = panels.flatMap((p) => p.targets.map((t) => t.expr)).join('\n');
    assert.ok(panels.some((p) => p.type === 'heatmap'), 'no latency heatmap');
    for (const needle of ['notejam_http_requests_total', 'status=~"5..', 'histogram_quantile(0.99',
      'notejam_db_pool_connections', 'notejam_http_requests_in_flight', 'kube_horizontalpodautoscaler_spec_max_replicas',
      'kube_pod_container_status_restarts_total', 'notejam_auth_events_total', 'notejam_backup_last_success_timestamp_seconds',
      'notejam_restore_drill_last_success_timestamp_seconds', 'notejam:http_requests:rate1h_offset1w'])
      assert.ok(exprs.includes(needle), `no panel queries ${needle}`);
  });
}
