// The metric-name contract: docs/metrics.md (API and backup jobs) plus tests/monitoring/known-metrics.txt
// (exporters). resolve() tells where a name used by a rule or a panel comes from.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// Labels every scraped series carries besides its own (Prometheus Operator target labels).
export const TARGET_LABELS = new Set(['namespace', 'job', 'pod', 'instance', 'service', 'container', 'endpoint']);

// Map name -> { type, labels: Map(label -> [documented values]), section: 'api' | 'backup' } from the tables of docs/metrics.md.
export function loadMetricsDoc(root) {
  const doc = readFileSync(join(root, 'docs/metrics.md'), 'utf8');
  const metrics = new Map();
  let section = 'api';
  for (const line of doc.split('\n')) {
    // The backup jobs' metrics have their own section: they are pushed to a Pushgateway, not scraped from the API.
    if (line.startsWith('#')) section = /backup/i.test(line) ? 'backup' : 'api';
    const cells = line.split('|').map((c) => c.trim());
    const m = /^`([a-zA-Z_:][a-zA-Z0-9_:]*)`$/.exec(cells[1] ?? '');
    if (!m) continue;
    const labels = new Map();
    for (const l of (cells[3] ?? '').matchAll(/`([a-z_]+)`(?:\s*\(([^)]*)\))?/g))
      labels.set(l[1], l[2] ? [...l[2].matchAll(/`([^`]+)`/g)].map((v) => v[1]) : []);
    metrics.set(m[1], { type: cells[2].split(/\s/)[0], labels, section });
  }
  if (metrics.size === 0) throw new Error('no metric rows found in docs/metrics.md');
  return metrics;
}

export function loadKnownMetrics(root) {
  const known = new Map();
  for (const line of readFileSync(join(root, 'tests/monitoring/known-metrics.txt'), 'utf8').split('\n')) {
    if (!line.trim() || line.startsWith('#')) continue;
    const [name, ...source] = line.trim().split(/\s+/);
    known.set(name, source.join(' '));
  }
  return known;
}

// { kind: 'api' | 'exporter' | null, base } for a name as used in a query: histogram series resolve to their family.
export function resolver(root) {
  const doc = loadMetricsDoc(root);
  const known = loadKnownMetrics(root);
  return (name) => {
    if (doc.has(name)) return { kind: 'api', base: name, def: doc.get(name) };
    const h = /^(.*)_(bucket|sum|count)$/.exec(name);
    if (h && doc.get(h[1])?.type === 'histogram') return { kind: 'api', base: h[1], def: doc.get(h[1]), suffix: h[2] };
    if (known.has(name)) return { kind: 'exporter', base: name };
    return { kind: null, base: name };
  };
}
