// PromQL parsing with Prometheus' own Lezer grammar: which series selectors an expression uses.
import { parser } from '@prometheus-io/lezer-promql';

// Grafana template variables become plain values so the expression parses (and runs) as PromQL:
// vars maps a variable name to its value (others become "x"); interval replaces $__rate_interval & co.
export function ungrafana(expr, vars = {}, interval = '5m') {
  return expr
    .replace(/\$__(rate_interval|interval|range)\b/g, interval)
    .replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*)(:[a-z]+)?\}?/g, (_, name) => vars[name] ?? 'x');
}

function unquote(s) {
  if (s.startsWith('`')) return s.slice(1, -1);
  return JSON.parse(s.startsWith("'") ? `"${s.slice(1, -1).replace(/"/g, '\\"')}"` : s);
}

// [{ name, matchers: [{ label, op, value }] }] for every vector selector in expr; throws on a syntax error.
export function selectors(expr) {
  const tree = parser.parse(expr);
  const found = [];
  const cur = tree.cursor();
  do {
    if (cur.type.isError) throw new Error(`PromQL syntax error at ${cur.from} in: ${expr}`);
    if (cur.name !== 'VectorSelector') continue;
    const node = cur.node;
    const sel = { name: null, matchers: [] };
    const id = node.getChild('Identifier');
    if (id) sel.name = expr.slice(id.from, id.to);
    const lm = node.getChild('LabelMatchers');
    for (const m of lm ? lm.getChildren('UnquotedLabelMatcher') : []) {
      const label = expr.slice(m.getChild('LabelName').from, m.getChild('LabelName').to);
      const op = expr.slice(m.getChild('MatchOp').from, m.getChild('MatchOp').to);
      const lit = m.getChild('StringLiteral');
      const value = unquote(expr.slice(lit.from, lit.to));
      if (label === '__name__' && op === '=') sel.name = value;
      else sel.matchers.push({ label, op, value });
    }
    if (!sel.name) throw new Error(`selector without a metric name in: ${expr}`);
    found.push(sel);
  } while (cur.next());
  return found;
}

// Label names used by by()/without()/on()/ignoring()/group_x() clauses.
export function groupingLabels(expr) {
  const tree = parser.parse(expr);
  const labels = new Set();
  const cur = tree.cursor();
  do {
    if (cur.name === 'GroupingLabels')
      for (const l of cur.node.getChildren('LabelName')) labels.add(expr.slice(l.from, l.to));
  } while (cur.next());
  return labels;
}
