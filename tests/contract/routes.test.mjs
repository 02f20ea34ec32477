// The API's route tables (declared beside the handlers in api/src/handlers/*.c) and openapi.yaml describe the same
// operations: every route is an operation of the contract with the same auth, and every operation is served.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { SPEC, ROOT } from './paths.mjs';

const HANDLERS = path.join(ROOT, 'api/src/handlers');
const sources = readdirSync(HANDLERS).filter((f) => f.endsWith('.c'))
  .map((f) => ({ file: f, text: readFileSync(path.join(HANDLERS, f), 'utf8') }));
const ROUTE = /\{\s*M_(GET|HEAD|POST|PUT|PATCH|DELETE),\s*"([^"]+)",\s*(\w+),\s*ROUTE_(AUTH|PUBLIC),\s*(\w+)(?:,\s*LISTEN_\w+)?\s*\}/g;
const routes = sources.flatMap(({ file, text }) => [...text.matchAll(ROUTE)]
  .map(([, method, p, fn, auth]) => ({ file, method: method.toLowerCase(), path: p, fn, auth })));

const spec = YAML.parse(readFileSync(SPEC, 'utf8'));
const METHODS = ['get', 'put', 'post', 'delete', 'patch'];
const operations = Object.entries(spec.paths).flatMap(([p, item]) =>
  METHODS.filter((m) => item[m]).map((m) => ({ method: m, path: p, op: item[m] })));
// An operation needs the bearer token unless its security (or the document's) lists no bearerAuth.
const needsBearer = (op) => (op.security ?? spec.security).some((s) => Object.keys(s).includes('bearerAuth'));
const key = (o) => `${o.method.toUpperCase()} ${o.path}`;

test('the route tables are found and every table is compiled (listed in handlers/routes.c)', () => {
  assert.ok(routes.length >= 20, `only ${routes.length} routes found`);
  const tables = sources.flatMap(({ text }) => [...text.matchAll(/^const route_def_t (\w+)\[\]/gm)].map((m) => m[1]));
  const listed = readFileSync(path.join(HANDLERS, 'routes.c'), 'utf8');
  for (const t of tables) assert.match(listed, new RegExp(`\\b${t}\\b`), `${t} is not in HANDLER_ROUTES`);
});

test('every API route is an operation of openapi.yaml, and every operation has a route', () => {
  const served = routes.filter((r) => r.method !== 'head' && r.path !== '*').map(key).sort();
  assert.deepEqual(served, operations.map(key).sort());
});

test('a route requires an access token exactly when its operation requires bearerAuth', () => {
  for (const r of routes.filter((x) => x.method !== 'head' && x.path !== '*')) {
    const o = operations.find((x) => key(x) === key(r));
    assert.equal(r.auth === 'AUTH', needsBearer(o.op), `${key(r)} (${r.file}: ${r.fn})`);
  }
});
