// The Grafana dashboards parse, every panel has a query, and the layout is sane.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { loadDashboards, panelsOf } from './lib/sources.mjs';
import { selectors, ungrafana } from './lib/promql.mjs';

const root = resolve(import.meta.dirname, '../..');
const dashboards = loadDashboards(root);

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
    const all = panelsOf(json);
    assert.equal(new Set(all.map((p) => p.id)).size, all.length);
    const cells = new Set();
    for (const p of all) {
      const { x, y, w, h } = p.gridPos;
      assert.ok(x >= 0 && w > 0 && x + w <= 24, `panel "${p.title}" outside the 24-column grid`);
      for (let i = x; i < x + w; i++)
        for (let j = y; j < y + h; j++) {
          assert.ok(!cells.has(`${i},${j}`), `panel "${p.title}" overlaps another at ${i},${j}`);
          cells.add(`${i},${j}`);
        }
    }
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
