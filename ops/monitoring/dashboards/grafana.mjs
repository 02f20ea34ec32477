// Expands a short dashboard description (see notejam.mjs) into the JSON Grafana imports: panel ids, the gridPos
// layout, the data source variable on every query, the query variables, and each panel type's display defaults.
//
// Description: { uid, title, description, variables: [{ name, label, query, multi }], rows: [{ title, panels }] }.
// Panel: { title, type ('timeseries' by default, 'stat', 'heatmap'), unit, queries, description, thresholds,
//          decimals, max, stacked, w, h }
//   queries: a PromQL string, or { legend: PromQL, ... } in display order
//   thresholds: [baseColour, value, colour, value, colour ...], e.g. ['green', 0.25, 'yellow', 0.5, 'red']
// Layout: each row is a full-width header; its panels fill 24 columns left to right (12 wide and 8 high for a
// graph, 6 wide and 4 high for a stat unless w/h say otherwise) and wrap to a new line when the next one does not fit.

const GRID = 24;
const DATASOURCE = { type: 'prometheus', uid: '${datasource}' };
const SIZE = { timeseries: { w: 12, h: 8 }, heatmap: { w: 12, h: 8 }, stat: { w: 6, h: 4 } };

function thresholds(steps = ['green']) {
  const [base, ...rest] = steps;
  const out = [{ color: base, value: null }];
  for (let i = 0; i < rest.length; i += 2) out.push({ color: rest[i + 1], value: rest[i] });
  return { mode: 'absolute', steps: out };
}

function targets(queries, extra = {}) {
  const list = typeof queries === 'string' ? [['', queries]] : Object.entries(queries);
  return list.map(([legend, expr], i) => ({
    datasource: DATASOURCE, expr, refId: String.fromCharCode(65 + i), ...(legend && { legendFormat: legend }), ...extra,
  }));
}

const TYPES = {
  stat: (p) => ({
    targets: targets(p.queries),
    fieldConfig: {
      defaults: { unit: p.unit, thresholds: thresholds(p.thresholds), ...(p.decimals !== undefined && { decimals: p.decimals }) },
      overrides: [],
    },
    options: {
      reduceOptions: { calcs: ['lastNotNull'], fields: '', values: false },
      colorMode: 'background', graphMode: 'none', textMode: 'auto',
    },
  }),
  timeseries: (p) => ({
    targets: targets(p.queries),
    fieldConfig: {
      defaults: {
        unit: p.unit,
        custom: {
          fillOpacity: 10, showPoints: 'never', stacking: { mode: p.stacked ? 'normal' : 'none' },
          ...(p.thresholds && { thresholdsStyle: { mode: 'dashed' } }),
        },
        ...(p.thresholds && { thresholds: thresholds(p.thresholds) }),
        ...(p.max !== undefined && { max: p.max }),
      },
      overrides: [],
    },
    options: {
      legend: { displayMode: 'table', placement: 'bottom', calcs: ['lastNotNull', 'max'] },
      tooltip: { mode: 'multi', sort: 'desc' },
    },
  }),
  // Prometheus buckets as they are (no recalculation); the y axis reads the le labels.
  heatmap: (p) => ({
    targets: targets(p.queries, { format: 'heatmap' }),
    fieldConfig: { defaults: {}, overrides: [] },
    options: { calculate: false, yAxis: { unit: p.unit }, cellGap: 1, color: { scheme: 'Oranges', mode: 'scheme' } },
  }),
};

function variable({ name, label, query, multi = false }) {
  return {
    name, label, type: 'query', datasource: DATASOURCE, refresh: 2, sort: 1,
    query: { query, refId: `${name}-var` }, definition: query,
    multi, includeAll: multi, hide: 0, current: {}, options: [],
    ...(multi && { allValue: '.*' }),
  };
}

// Places rows and panels on the grid, numbering them from 1 in order.
function layout(rows) {
  const panels = [];
  let y = 0;
  for (const row of rows) {
    panels.push({ id: panels.length + 1, type: 'row', title: row.title, collapsed: false, gridPos: { h: 1, w: GRID, x: 0, y }, panels: [] });
    y += 1;
    let x = 0;
    let lineHeight = 0;
    for (const p of row.panels) {
      const type = p.type ?? 'timeseries';
      if (!TYPES[type]) throw new Error(`panel "${p.title}": unknown type ${type}`);
      const { w, h } = { ...SIZE[type], ...(p.w && { w: p.w }), ...(p.h && { h: p.h }) };
      if (w > GRID) throw new Error(`panel "${p.title}" is wider than the grid`);
      if (x + w > GRID) [x, y, lineHeight] = [0, y + lineHeight, 0];
      panels.push({
        id: panels.length + 1, type, title: p.title, gridPos: { h, w, x, y },
        description: p.description ?? '', datasource: DATASOURCE, ...TYPES[type](p),
      });
      x += w;
      lineHeight = Math.max(lineHeight, h);
    }
    y += lineHeight;
  }
  return panels;
}

export function grafana(d) {
  return {
    uid: d.uid,
    title: d.title,
    description: d.description,
    tags: d.tags ?? [],
    timezone: 'utc',
    editable: true,
    graphTooltip: 1, // shared crosshair
    refresh: '1m',
    schemaVersion: 39,
    version: 1,
    time: { from: 'now-6h', to: 'now' },
    links: [],
    annotations: {
      list: [{
        builtIn: 1, datasource: { type: 'grafana', uid: '-- Grafana --' }, enable: true, hide: true,
        iconColor: 'rgba(0, 211, 255, 1)', name: 'Annotations & Alerts', type: 'dashboard',
      }],
    },
    templating: {
      list: [
        { name: 'datasource', label: 'Data source', type: 'datasource', query: 'prometheus', current: {}, hide: 0, refresh: 1, options: [] },
        ...d.variables.map(variable),
      ],
    },
    panels: layout(d.rows),
  };
}
