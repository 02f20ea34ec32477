// The chart's monitoring templates: nothing when disabled; when enabled, a ServiceMonitor that selects the API
// Service's http port, a PrometheusRule carrying the rule file verbatim, and a dashboard ConfigMap for the sidecar.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import YAML from 'yaml';

const root = resolve(import.meta.dirname, '../..');
const chart = join(root, 'charts/notejam');
const helm = process.env.HELM;

// The dev environment's values plus what the pipeline adds at deploy time: Terraform's helm_values output (images,
// target group, secrets, Redis endpoint: the fixture the Helm and Terraform suites share) and the web image.
const BASE = ['-f', join(chart, 'values-dev.yaml'), '-f', join(root, 'tests/helm/fixtures/terraform-helm-values.yaml'),
  '--set', 'web.image.repository=registry.example/notejam-web'];

function render(args) {
  assert.ok(helm, 'HELM must point at the helm binary (make test-monitoring sets it)');
  const out = execFileSync(helm, ['template', 'notejam', chart, '--namespace', 'notejam-dev', ...BASE, ...args],
    { encoding: 'utf8', env: { ...process.env, HELM_CACHE_HOME: '/tmp/helm-mon-cache', HELM_CONFIG_HOME: '/tmp/helm-mon-config' } });
  return YAML.parseAllDocuments(out).map((d) => d.toJS()).filter(Boolean);
}
const ofKind = (objs, kind) => objs.filter((o) => o.kind === kind);
const dashboardMaps = (objs) => ofKind(objs, 'ConfigMap').filter((c) => Object.keys(c.data ?? {}).some((k) => k.endsWith('.json')));

const ENABLED = ['--set', 'metrics.serviceMonitor.enabled=true', '--set', 'metrics.serviceMonitor.interval=15s',
  '--set', 'metrics.serviceMonitor.labels.release=kube-prometheus-stack',
  '--set', 'metrics.prometheusRule.enabled=true', '--set', 'metrics.prometheusRule.labels.release=kube-prometheus-stack',
  '--set', 'metrics.dashboard.enabled=true'];

test('with metrics.* disabled the chart renders no ServiceMonitor, PrometheusRule or dashboard', () => {
  const objs = render(['--set', 'metrics.serviceMonitor.enabled=false', '--set', 'metrics.prometheusRule.enabled=false',
    '--set', 'metrics.dashboard.enabled=false']);
  assert.ok(objs.length > 0);
  assert.deepEqual(ofKind(objs, 'ServiceMonitor'), []);
  assert.deepEqual(ofKind(objs, 'PrometheusRule'), []);
  assert.deepEqual(dashboardMaps(objs), []);
});

test('each template renders alone: one flag enables one object', () => {
  for (const [flag, check] of [['serviceMonitor', (o) => ofKind(o, 'ServiceMonitor')], ['prometheusRule', (o) => ofKind(o, 'PrometheusRule')],
    ['dashboard', dashboardMaps]]) {
    const sets = ['serviceMonitor', 'prometheusRule', 'dashboard'].flatMap((k) => ['--set', `metrics.${k}.enabled=${k === flag}`]);
    const objs = render(sets);
    assert.equal(check(objs).length, 1, flag);
    assert.equal(ofKind(objs, 'ServiceMonitor').length + ofKind(objs, 'PrometheusRule').length + dashboardMaps(objs).length, 1, flag);
  }
});

test('the ServiceMonitor scrapes the API Service /metrics on a port of that Service (the metrics port) as job notejam-api', () => {
  const objs = render(ENABLED);
  const [sm] = ofKind(objs, 'ServiceMonitor');
  assert.equal(sm.apiVersion, 'monitoring.coreos.com/v1');
  assert.equal(sm.metadata.labels.release, 'kube-prometheus-stack');
  assert.deepEqual(sm.spec.namespaceSelector.matchNames, ['notejam-dev']);
  const selected = ofKind(objs, 'Service').filter((s) =>
    Object.entries(sm.spec.selector.matchLabels).every(([k, v]) => s.metadata.labels?.[k] === v));
  assert.equal(selected.length, 1, 'the selector must match exactly the API Service');
  const [ep] = sm.spec.endpoints;
  assert.ok(selected[0].spec.ports.some((p) => p.name === ep.port), `Service has no port named ${ep.port}`);
  assert.equal(ep.path, '/metrics');
  assert.equal(ep.interval, '15s');
  assert.ok(ep.relabelings.some((r) => r.targetLabel === 'job' && r.replacement === 'notejam-api'));
});

test('the PrometheusRule carries the rule file verbatim (Prometheus templates untouched)', () => {
  const [pr] = ofKind(render(ENABLED), 'PrometheusRule');
  assert.equal(pr.apiVersion, 'monitoring.coreos.com/v1');
  assert.equal(pr.metadata.labels.release, 'kube-prometheus-stack');
  const file = YAML.parse(readFileSync(join(chart, 'files/prometheus-rules.yaml'), 'utf8'));
  assert.deepEqual(pr.spec, file);
  assert.match(JSON.stringify(pr.spec), /\{\{ \$labels\.namespace \}\}/);
});

test('the dashboard ConfigMap carries the sidecar label and every dashboard file unchanged', () => {
  const maps = dashboardMaps(render([...ENABLED, '--set', 'metrics.dashboard.labels.team=notejam']));
  assert.equal(maps.length, 1);
  const [cm] = maps;
  assert.equal(cm.metadata.labels.grafana_dashboard, '1');
  assert.equal(cm.metadata.labels.team, 'notejam');
  const dir = join(chart, 'files/dashboards');
  const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
  assert.deepEqual(Object.keys(cm.data).sort(), files.sort());
  for (const f of files) assert.deepEqual(JSON.parse(cm.data[f]), JSON.parse(readFileSync(join(dir, f), 'utf8')));
});
