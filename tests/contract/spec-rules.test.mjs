// The contract's own rules: every endpoint of the design base (docs/design.md) with its parameters, errors, headers and closed schemas.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import YAML from 'yaml';
import { SPEC } from './paths.mjs';

const spec = YAML.parse(readFileSync(SPEC, 'utf8'));
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];
const deref = (node) => {
  while (node && node.$ref) node = node.$ref.slice(2).split('/').map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((n, k) => n[k], spec);
  return node;
};
const operations = Object.entries(spec.paths).flatMap(([path, item]) =>
  METHODS.filter((m) => item[m]).map((m) => ({ path, method: m, op: item[m], item })));
const api = operations.filter((o) => o.path.startsWith('/api/v1/'));
// The description and its reference page (tag "reference") are public and touch no dependency.
const isReference = (o) => o.op.tags?.includes('reference');
const isPublic = (o) => Array.isArray(o.op.security) &&
  !o.op.security.some((s) => Object.keys(s).includes('bearerAuth'));

// Every operation with its success status (the route tables serve exactly these: routes.test.mjs).
const OPERATIONS = {
  'POST /api/v1/auth/signup': '201', 'POST /api/v1/auth/signin': '200', 'POST /api/v1/auth/refresh': '200',
  'POST /api/v1/auth/signout': '204', 'POST /api/v1/auth/forgot-password': '202', 'POST /api/v1/auth/reset-password': '204',
  'GET /api/v1/me': '200', 'PUT /api/v1/me/password': '200', 'DELETE /api/v1/me': '204',
  'GET /api/v1/pads': '200', 'POST /api/v1/pads': '201', 'GET /api/v1/pads/{id}': '200', 'PATCH /api/v1/pads/{id}': '200',
  'DELETE /api/v1/pads/{id}': '204', 'GET /api/v1/pads/{id}/notes': '200',
  'GET /api/v1/notes': '200', 'POST /api/v1/notes': '201', 'GET /api/v1/notes/{id}': '200',
  'PATCH /api/v1/notes/{id}': '200', 'DELETE /api/v1/notes/{id}': '204', 'GET /api/v1/me/export': '200',
  'GET /healthz': '200', 'GET /readyz': '200', 'GET /version': '200', 'GET /metrics': '200',
  'GET /api/v1/openapi.json': '200', 'GET /api/v1/openapi.yaml': '200', 'GET /api/docs': '200',
  'GET /api/docs/docs.js': '200', 'GET /api/docs/docs.css': '200',
};

test('exactly these operations, each with its success status, operationId, summary and tag', () => {
  const have = operations.map((o) => `${o.method.toUpperCase()} ${o.path}`).sort();
  assert.deepEqual(have, Object.keys(OPERATIONS).sort());
  for (const o of operations) {
    const name = `${o.method.toUpperCase()} ${o.path}`;
    assert.ok(o.op.responses[OPERATIONS[name]], `${name} documents ${OPERATIONS[name]}`);
    assert.equal(Object.keys(o.op.responses).filter((s) => /^2/.test(s)).length, 1, `${name}: one success status`);
    assert.match(o.op.operationId, /^[a-z][A-Za-z]+$/, name);
    assert.ok(o.op.summary && o.op.tags?.length === 1, name);
  }
});

test('operations endpoints: no /api/v1 prefix, no auth; the API: bearer by default, auth endpoints public', () => {
  assert.deepEqual(spec.security, [{ bearerAuth: [] }]);
  assert.ok(spec.servers.every((s) => !/\/api\/v1/.test(s.url)), 'servers carry no base path: paths are full');
  for (const p of ['/healthz', '/readyz', '/version', '/metrics']) assert.deepEqual(spec.paths[p].get.security, [], p);
  for (const o of api) {
    const auth = o.path.startsWith('/api/v1/auth/') || isReference(o);
    assert.equal(isPublic(o), auth, `${o.method} ${o.path} public=${auth}`);
  }
  for (const p of ['/api/v1/auth/refresh', '/api/v1/auth/signout']) {
    assert.deepEqual(spec.paths[p].post.security, [{ refreshCookie: [] }, {}], `${p}: cookie or body`);
  }
  assert.deepEqual(spec.components.securitySchemes.bearerAuth, { ...spec.components.securitySchemes.bearerAuth,
    type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
  const cookie = spec.components.securitySchemes.refreshCookie;
  assert.deepEqual([cookie.type, cookie.in, cookie.name], ['apiKey', 'cookie', 'notejam_refresh']);
});

test('error responses: 401/503 on every protected operation, body errors on every operation with a body', () => {
  for (const o of api) {
    const name = `${o.method.toUpperCase()} ${o.path}`;
    const codes = Object.keys(o.op.responses);
    if (!isReference(o)) assert.ok(codes.includes('503'), `${name} documents 503`);
    if (!isPublic(o)) assert.ok(codes.includes('401'), `${name} documents 401`);
    if (o.op.requestBody) for (const c of ['400', '413', '415', '422']) assert.ok(codes.includes(c), `${name} documents ${c}`);
    if (o.path.includes('{id}')) assert.ok(codes.includes('404'), `${name} documents 404`);
    if (o.method === 'get' && deref(o.op.responses['200']).content['application/json']?.schema.$ref?.endsWith('List')) {
      for (const c of ['400', '422']) assert.ok(codes.includes(c), `${name} (list) documents ${c}`);
    }
  }
  for (const p of ['signup', 'signin', 'forgot-password']) {
    assert.ok(spec.paths[`/api/v1/auth/${p}`].post.responses['429'], `${p} is rate-limited: 429`);
  }
  assert.ok(spec.paths['/api/v1/notes'].get.responses['404'], 'pad_id filter of another user: 404');
  assert.ok(spec.paths['/readyz'].get.responses['503'], 'readyz 503 while draining');
  for (const code of ['404', '405']) assert.ok(spec['x-unrouted-responses'][code], `router ${code} documented`);
});

test('every error is application/problem+json with status pinned to the HTTP status (readyz 503 excepted)', () => {
  const all = operations.flatMap((o) => Object.entries(o.op.responses).map(([c, r]) => [`${o.method} ${o.path} ${c}`, c, r]))
    .concat(Object.entries(spec['x-unrouted-responses']).map(([c, r]) => [`unrouted ${c}`, c, r]));
  for (const [name, code, raw] of all.filter(([, c]) => /^[45]/.test(c))) {
    if (name === 'get /readyz 503') continue;
    const r = deref(raw);
    assert.deepEqual(Object.keys(r.content), ['application/problem+json'], name);
    const schema = deref(r.content['application/problem+json'].schema);
    const pinned = JSON.stringify(schema).includes(`"const":${code}`) ||
      (schema.allOf || []).some((s) => JSON.stringify(deref(s)).includes(`"const":${code}`));
    assert.ok(pinned, `${name}: problem status pinned to ${code}`);
  }
  assert.equal(deref(spec.components.responses.ValidationFailed).content['application/problem+json'].schema.$ref,
    '#/components/schemas/ValidationProblem');
  assert.ok(spec.components.schemas.ValidationProblem.properties.errors.additionalProperties.items, 'per-field errors');
});

test('headers: X-Request-Id on every response, Location on 201, Retry-After on 429, cookies on auth', () => {
  const all = operations.flatMap((o) => Object.entries(o.op.responses).map(([c, r]) => [o, c, deref(r)]));
  for (const [o, code, r] of all) {
    const name = `${o.method} ${o.path} ${code}`;
    assert.ok(r.headers?.['X-Request-Id'], `${name}: X-Request-Id`);
    if (code === '201') assert.ok(deref(r.headers.Location)?.required, `${name}: Location`);
    if (code === '429') assert.ok(deref(r.headers['Retry-After'])?.required, `${name}: Retry-After`);
  }
  assert.ok(spec['x-unrouted-responses']['405'].headers.Allow.required);
  const cookie = (p, c) => spec.paths[p].post.responses[c].headers['Set-Cookie'].$ref.split('/').pop();
  for (const p of ['signup', 'signin', 'refresh']) {
    assert.equal(cookie(`/api/v1/auth/${p}`, p === 'signup' ? '201' : '200'), 'SetRefreshCookie', p);
  }
  assert.equal(cookie('/api/v1/auth/signout', '204'), 'ClearRefreshCookie');
  assert.equal(cookie('/api/v1/auth/refresh', '401'), 'ClearRefreshCookie');
});

test('list parameters: order enum with default, limit 1..100 default 50, opaque cursor', () => {
  const p = spec.components.parameters;
  assert.deepEqual(p.Order.schema.enum, ['name', '-name', 'updated_at', '-updated_at']);
  assert.equal(p.Order.schema.default, '-updated_at');
  assert.deepEqual([p.Limit.schema.minimum, p.Limit.schema.maximum, p.Limit.schema.default], [1, 100, 50]);
  for (const [path, item] of [['/api/v1/pads', spec.paths['/api/v1/pads']], ['/api/v1/notes', spec.paths['/api/v1/notes']],
    ['/api/v1/pads/{id}/notes', spec.paths['/api/v1/pads/{id}/notes']]]) {
    const names = item.get.parameters.map((x) => deref(x).name);
    for (const n of ['order', 'limit', 'cursor']) assert.ok(names.includes(n), `${path} takes ${n}`);
  }
  assert.ok(spec.paths['/api/v1/notes'].get.parameters.some((x) => x.name === 'pad_id' && x.in === 'query'));
});

test('the design base field names are present and required', () => {
  const s = spec.components.schemas;
  const req = (name, fields) => assert.deepEqual([...s[name].required].sort(), [...fields].sort(), name);
  req('TokenResponse', ['access_token', 'token_type', 'expires_in', 'refresh_token', 'user']);
  req('RefreshResponse', ['access_token', 'token_type', 'expires_in', 'user']); // cookie refresh: no refresh_token
  req('User', ['id', 'email', 'created_at']);
  req('Pad', ['id', 'name', 'notes_count', 'created_at', 'updated_at']);
  req('Note', ['id', 'name', 'text', 'pad_id', 'pad', 'created_at', 'updated_at']);
  req('PadRef', ['id', 'name']);
  req('PadList', ['items', 'next_cursor']);
  req('NoteList', ['items', 'next_cursor']);
  req('Credentials', ['email', 'password']);
  req('RefreshTokenRequest', ['refresh_token']);
  req('ForgotPasswordRequest', ['email']);
  req('ResetPasswordRequest', ['token', 'password']);
  req('ChangePasswordRequest', ['current_password', 'new_password']);
  req('DeleteAccountRequest', ['password']);
  req('PadWrite', ['name']);
  req('Version', ['version', 'commit', 'build_time']);
  assert.deepEqual(Object.keys(s.NoteCreate.properties).sort(), ['name', 'pad_id', 'text']);
  assert.deepEqual(Object.keys(s.NoteUpdate.properties).sort(), ['name', 'pad_id', 'text']);
  assert.equal(s.TokenResponse.properties.token_type.const, 'Bearer');
});

test('every object schema is closed (additionalProperties: false) unless it only pins a problem status', () => {
  const open = [];
  const walk = (node, where) => {
    if (Array.isArray(node)) return node.forEach((n, i) => walk(n, `${where}/${i}`));
    if (!node || typeof node !== 'object') return;
    const pinsStatus = node.properties && Object.keys(node.properties).join() === 'status' && !node.required;
    if (node.type === 'object' && node.additionalProperties !== false && !pinsStatus &&
        !(node.additionalProperties && typeof node.additionalProperties === 'object')) open.push(where);
    for (const [k, v] of Object.entries(node)) if (k !== 'examples' && k !== 'example') walk(v, `${where}/${k}`);
  };
  walk(spec.components.schemas, '#/components/schemas');
  walk(spec.paths, '#/paths');
  assert.deepEqual(open, []);
});

test('every JSON success response and every request body carries an example', () => {
  for (const o of operations) {
    const name = `${o.method} ${o.path}`;
    for (const [code, raw] of Object.entries(o.op.responses)) {
      for (const [type, media] of Object.entries(deref(raw).content || {})) {
        assert.ok(Object.keys(media.examples || {}).length > 0, `${name} ${code} ${type} has examples`);
      }
    }
    for (const media of Object.values(o.op.requestBody?.content || {})) {
      assert.ok(Object.keys(media.examples || {}).length > 0, `${name} request has examples`);
    }
  }
});
