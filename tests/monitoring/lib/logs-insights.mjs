// The saved CloudWatch Logs Insights queries (ops/monitoring/logs-insights/*.insights) and the log fields they use.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export const QUERIES = 'ops/monitoring/logs-insights';

const KEYWORDS = new Set(['fields', 'filter', 'stats', 'sort', 'limit', 'display', 'parse', 'dedup', 'by', 'as',
  'and', 'or', 'not', 'in', 'like', 'asc', 'desc']);

export function loadQueries(root) {
  return readdirSync(join(root, QUERIES))
    .filter((f) => f.endsWith('.insights'))
    .map((f) => ({ name: f.replace(/\.insights$/, ''), text: readFileSync(join(root, QUERIES, f), 'utf8') }));
}

// Field names a query reads: identifiers that are not keywords, functions, literals or aliases it defines.
export function fieldsOf(query) {
  const code = query.replace(/"[^"]*"|'[^']*'|\/[^/\n]*\//g, '""');
  const aliases = new Set([...code.matchAll(/\bas\s+([A-Za-z_]\w*)/g)].map((m) => m[1]));
  const fields = new Set();
  for (const m of code.matchAll(/[@A-Za-z_][\w.@]*/g)) {
    const next = code.slice(m.index + m[0].length).trimStart()[0];
    const prev = code[m.index - 1];
    if (next === '(' || KEYWORDS.has(m[0]) || aliases.has(m[0]) || /\d/.test(prev ?? '')) continue;
    fields.add(m[0]);
  }
  return fields;
}

// The CloudWatch Observability add-on's Fluent Bit parses a JSON log line into this key (Merge_Log_Key), so the
// API's own fields are log_processed.<field> in Logs Insights.
export const PARSED_KEY = 'log_processed';

// The API's fields a query reads (PARSED_KEY stripped), and the fields it reads outside PARSED_KEY.
export function logsInsightsFields(root) {
  return loadQueries(root).map((q) => {
    const all = [...fieldsOf(q.text)];
    return {
      name: q.name,
      fields: new Set(all.filter((f) => f.startsWith(`${PARSED_KEY}.`)).map((f) => f.slice(PARSED_KEY.length + 1))),
      outside: all.filter((f) => !f.startsWith(`${PARSED_KEY}.`)),
    };
  });
}
