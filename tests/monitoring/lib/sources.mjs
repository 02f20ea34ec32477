// Every PromQL expression of the rule file and the dashboards, with where it comes from.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import YAML from 'yaml';
import { ungrafana } from './promql.mjs';
import { dashboards } from '../../../ops/monitoring/dashboards/build.mjs';

export const RULES = 'charts/notejam/files/prometheus-rules.yaml';

export function loadRules(root) {
  const doc = YAML.parse(readFileSync(join(root, RULES), 'utf8'));
  return doc.groups.flatMap((g) => g.rules.map((r) => ({ ...r, group: g.name })));
}

// [{ file, json }]: the dashboards as `make dashboard` writes them, generated from ops/monitoring/dashboards/.
export const loadDashboards = dashboards;

// Panels, including those nested in collapsed rows.
export function panelsOf(dashboard) {
  return (dashboard.panels ?? []).flatMap((p) => [p, ...(p.panels ?? [])]);
}

// label_values(<selector>, label) -> <selector>; other variable queries are not PromQL.
function variableExpr(q) {
  const text = typeof q === 'string' ? q : q?.query ?? '';
  const m = /^label_values\((.*),\s*[a-zA-Z_]+\)$/.exec(text.trim());
  return m ? m[1] : null;
}

// [{ where, expr }] with Grafana variables replaced so each parses as PromQL.
export function allExpressions(root) {
  const out = loadRules(root).map((r) => ({ where: `rule ${r.record ?? r.alert}`, expr: r.expr }));
  for (const { file, json } of loadDashboards()) {
    for (const p of panelsOf(json))
      for (const t of p.targets ?? []) out.push({ where: `${file} panel "${p.title}"`, expr: ungrafana(t.expr) });
    for (const v of json.templating?.list ?? []) {
      const e = v.type === 'query' ? variableExpr(v.query) : null;
      if (e) out.push({ where: `${file} variable ${v.name}`, expr: ungrafana(e) });
    }
  }
  return out;
}
