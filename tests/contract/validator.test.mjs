// tests/lib/openapi-validator.mjs: the spec's own examples pass, mutated ones fail with a precise message, unknown
// paths/methods/statuses/content types fail, headers are checked when given, and coverage is recorded.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadValidator } from '../lib/openapi-validator.mjs';
import { SPEC, FIXTURES } from './paths.mjs';
import { responseExamples, concrete, mutations } from './examples.mjs';

const v = await loadValidator(SPEC);
const ex = (name) => structuredClone(v.spec.components.examples[name].value);
const json = 'application/json';
const problem = 'application/problem+json';
const rid = { 'X-Request-Id': 'req-1' };
const OPTIONAL = new Set(['errors', 'checks', 'instance']); // members the schemas allow to be absent

test('every response example in the spec validates against its own operation and status', () => {
  const all = responseExamples(v.spec);
  assert.ok(all.length >= 60, `found ${all.length} examples`);
  for (const e of all) {
    assert.doesNotThrow(() => v.validate({ method: e.method, path: concrete(e.path), status: e.status,
      contentType: e.type, body: e.body }), `${e.method} ${e.path} ${e.status} ${e.name}`);
  }
});

test('every mutated example fails, naming the operation and the offending field', () => {
  let count = 0;
  for (const e of responseExamples(v.spec).filter((x) => x.type !== 'text/plain')) {
    for (const m of mutations(e.body, OPTIONAL)) {
      count++;
      assert.throws(() => v.validate({ method: e.method, path: concrete(e.path), status: e.status, contentType: e.type,
        body: m.body }), (err) => err.message.includes(`${e.method.toUpperCase()} ${e.path} -> ${e.status}`) &&
        err.message.includes(m.expect), `${e.method} ${e.path} ${e.status} ${e.name}: ${m.what}`);
    }
  }
  assert.ok(count >= 200, `${count} mutations`);
});

test('hand-picked bad bodies fail', () => {
  const note = ex('Note');
  const bad = [
    [{ ...note, updated_at: '2024-05-02 08:30:15' }, '/updated_at'],
    [{ ...note, created_at: '2024-05-02T08:30:15+02:00' }, '/created_at'],
    [{ ...note, id: 0 }, '/id'],
    [{ ...note, id: '12' }, '/id'],
    [{ ...note, pad_id: '7' }, '/pad_id'],
    [{ ...note, name: '' }, '/name'],
    [{ ...note, text: 'x'.repeat(20001) }, '/text'],
    [{ ...note, pad: { id: 7, name: 'Recipes', notes_count: 1 } }, 'notes_count'],
  ];
  for (const [body, expect] of bad) {
    assert.throws(() => v.validate({ method: 'GET', path: '/api/v1/notes/12', status: 200, contentType: json, body }),
      new RegExp(expect.replace(/[/]/g, '\\/')), expect);
  }
  const tokens = ex('TokenResponse');
  for (const [field, value] of [['token_type', 'bearer'], ['expires_in', 0], ['refresh_token', 'short'],
    ['access_token', 'not-a-jwt']]) {
    assert.throws(() => v.validate({ method: 'POST', path: '/api/v1/auth/signin', status: 200, contentType: json,
      body: { ...tokens, [field]: value } }), new RegExp(`/${field}`), field);
  }
  assert.throws(() => v.validate({ method: 'GET', path: '/api/v1/pads', status: 200, contentType: json,
    body: { items: Array.from({ length: 101 }, () => ex('Pad')), next_cursor: null } }), /\/items must NOT have more than 100/);
  assert.throws(() => v.validate({ method: 'GET', path: '/api/v1/notes/12', status: 404, contentType: problem,
    body: { type: 'about:blank', title: 'Not Found', status: 400, detail: 'x' } }), /\/status must be equal to constant/);
  assert.throws(() => v.validate({ method: 'POST', path: '/api/v1/notes', status: 422, contentType: problem,
    body: { type: 'about:blank', title: 'Validation failed', status: 422, detail: 'x' } }), /\/type/);
  assert.throws(() => v.validate({ method: 'POST', path: '/api/v1/notes', status: 422, contentType: problem,
    body: { ...ex('ValidationProblem'), errors: { name: [] } } }), /\/errors\/name/);
  assert.throws(() => v.validate({ method: 'GET', path: '/metrics', status: 200, contentType: 'text/plain; version=0.0.4',
    body: 'up 1\n' }), /notejam_build_info/);
  assert.throws(() => v.validate({ method: 'GET', path: '/readyz', status: 503, contentType: json,
    body: { status: 'ready', checks: { postgres: 'ok', redis: 'ok' } } }), /\/status must be equal to one of/);
});

test('unknown paths, undocumented methods and undocumented statuses fail', () => {
  const note = ex('Note');
  const cases = [
    [{ method: 'GET', path: '/api/v1/nope', status: 200 }, /no path of the spec matches \/api\/v1\/nope/],
    [{ method: 'GET', path: '/api/v1/notes/12/extra', status: 200 }, /no path of the spec matches/],
    [{ method: 'GET', path: '/api/v1/notes/', status: 200 }, /no path of the spec matches/],
    [{ method: 'GET', path: '/api/v2/notes', status: 200 }, /no path of the spec matches/],
    [{ method: 'GET', path: '/notes/12', status: 200 }, /no path of the spec matches/],
    [{ method: 'PUT', path: '/api/v1/notes/12', status: 200 }, /PUT is not documented for \/api\/v1\/notes\/\{id\} \(documented: GET, DELETE, PATCH/],
    [{ method: 'POST', path: '/healthz', status: 200 }, /POST is not documented for \/healthz/],
    [{ method: 'BREW', path: '/api/v1/notes', status: 200 }, /unknown HTTP method/],
    [{ method: 'GET', path: '/api/v1/notes/12', status: 500 }, /status 500 is not documented \(documented: 200, 401, 404, 503\)/],
    [{ method: 'GET', path: '/api/v1/notes/12', status: 201 }, /status 201 is not documented/],
    [{ method: 'GET', path: '/api/v1/me', status: 404 }, /GET \/api\/v1\/me -> 404: status 404 is not documented/],
    [{ method: 'POST', path: '/api/v1/auth/refresh', status: 429 }, /status 429 is not documented/],
    [{ method: 'GET', path: '/api/v1/notes/12', status: 'abc' }, /bad HTTP status/],
  ];
  for (const [args, re] of cases) {
    assert.throws(() => v.validate({ contentType: json, body: note, ...args }), re, JSON.stringify(args));
  }
});

test('paths are matched as concrete paths, full URLs and with query strings; path ids must fit their schema', () => {
  const note = ex('Note');
  assert.equal(v.validate({ method: 'get', path: 'http://127.0.0.1:1234/api/v1/notes/12?x=1', status: '200',
    contentType: json, body: JSON.stringify(note) }).id, 12, 'returns the parsed body');
  assert.doesNotThrow(() => v.validate({ method: 'GET', path: '/api/v1/notes?pad_id=7&order=name', status: 200,
    contentType: json, body: ex('NotePage') }));
  const nf = { type: 'https://notejam.dev/problems/not-found', title: 'Not Found', status: 404, detail: 'No such resource.' };
  for (const path of ['/api/v1/pads/abc/notes', '/api/v1/notes/0', '/api/v1/notes/-1', '/api/v1/notes/1.5',
    '/api/v1/notes/9007199254740992', '/api/v1/pads/%20', '/api/v1/notes/%zz']) {
    assert.throws(() => v.validate({ method: 'GET', path, status: 404, contentType: problem, body: nf }), /no path of the spec/, path);
    assert.doesNotThrow(() => v.validateUnrouted({ method: 'GET', path, status: 404, contentType: problem, body: nf }), path);
  }
  assert.doesNotThrow(() => v.validate({ method: 'GET', path: '/api/v1/notes/9007199254740991', status: 404,
    contentType: problem, body: nf }), 'largest id');
});

test('content types and bodies: wrong type, missing body, body on 204, invalid JSON all fail', () => {
  const note = ex('Note');
  const base = { method: 'GET', path: '/api/v1/notes/12', status: 200 };
  assert.throws(() => v.validate({ ...base, contentType: 'text/html', body: note }), /Content-Type text\/html is not documented \(documented: application\/json\)/);
  assert.throws(() => v.validate({ ...base, contentType: problem, body: note }), /Content-Type application\/problem\+json is not documented/);
  assert.throws(() => v.validate({ ...base, body: note }), /no Content-Type/);
  assert.throws(() => v.validate({ ...base, contentType: json }), /body is documented, got none/);
  assert.throws(() => v.validate({ ...base, contentType: json, body: '{"id":12,' }), /body is not valid JSON/);
  assert.throws(() => v.validate({ method: 'GET', path: '/api/v1/notes/12', status: 404, contentType: json,
    body: { type: 'about:blank', title: 'Not Found', status: 404, detail: 'x' } }), /application\/json is not documented \(documented: application\/problem\+json\)/);
  assert.throws(() => v.validate({ method: 'DELETE', path: '/api/v1/notes/12', status: 204, body: '{}' }), /no body is documented/);
  assert.doesNotThrow(() => v.validate({ method: 'DELETE', path: '/api/v1/notes/12', status: 204, body: '' }));
  assert.doesNotThrow(() => v.validate({ method: 'DELETE', path: '/api/v1/notes/12', status: 204, body: Buffer.alloc(0) }));
  assert.doesNotThrow(() => v.validate({ ...base, body: Buffer.from(JSON.stringify(note)),
    headers: { 'Content-Type': 'Application/JSON; charset=utf-8', ...rid } }), 'content type taken from headers');
});

test('headers are checked when given: required ones present, values match their schema', () => {
  const pad = ex('NewPad');
  const created = { method: 'POST', path: '/api/v1/pads', status: 201, contentType: json, body: pad };
  assert.doesNotThrow(() => v.validate({ ...created, headers: { ...rid, Location: '/api/v1/pads/8' } }));
  assert.doesNotThrow(() => v.validate({ ...created, headers: { ...rid, location: 'http://127.0.0.1:8080/api/v1/pads/8' } }));
  assert.throws(() => v.validate({ ...created, headers: rid }), /required header Location is missing/);
  assert.throws(() => v.validate({ ...created, headers: { Location: '/api/v1/pads/8' } }), /required header X-Request-Id is missing/);
  assert.throws(() => v.validate({ ...created, headers: { ...rid, Location: '/api/v1/notes/8' } }), /header Location/);
  assert.throws(() => v.validate({ ...created, headers: { 'X-Request-Id': 'bad id!', Location: '/api/v1/pads/8' } }), /header X-Request-Id/);
  const limited = { method: 'POST', path: '/api/v1/auth/signin', status: 429, contentType: problem,
    body: { type: 'https://notejam.dev/problems/rate-limited', title: 'Too Many Requests', status: 429, detail: 'x' } };
  assert.doesNotThrow(() => v.validate({ ...limited, headers: new Headers({ ...rid, 'Retry-After': '42' }) }));
  assert.throws(() => v.validate({ ...limited, headers: rid }), /required header Retry-After is missing/);
  assert.throws(() => v.validate({ ...limited, headers: { ...rid, 'Retry-After': 'soon' } }), /header Retry-After/);
  assert.throws(() => v.validate({ ...limited, headers: { ...rid, 'Retry-After': '0' } }), /header Retry-After/);
  const signin = { method: 'POST', path: '/api/v1/auth/signin', status: 200, contentType: json, body: ex('TokenResponse') };
  const token = ex('TokenResponse').refresh_token;
  const good = `notejam_refresh=${token}; Path=/api/v1/auth; HttpOnly; SameSite=Strict; Max-Age=1209600; Secure`;
  assert.doesNotThrow(() => v.validate({ ...signin, headers: { ...rid, 'Set-Cookie': good } }));
  for (const bad of [good.replace('; HttpOnly', ''), good.replace('Strict', 'Lax'), good.replace('Path=/api/v1/auth', 'Path=/'),
    good.replace(token, 'x')]) {
    assert.throws(() => v.validate({ ...signin, headers: { ...rid, 'Set-Cookie': bad } }), /header Set-Cookie/, bad);
  }
  const signout = { method: 'POST', path: '/api/v1/auth/signout', status: 204 };
  assert.doesNotThrow(() => v.validate({ ...signout, headers: { ...rid,
    'set-cookie': 'notejam_refresh=; Path=/api/v1/auth; HttpOnly; SameSite=Strict; Max-Age=0' } }));
  assert.throws(() => v.validate({ ...signout, headers: rid }), /required header Set-Cookie is missing/);
});

test('validateFetch reads a fetch Response', async () => {
  const res = new Response(JSON.stringify(ex('User')), { status: 200, headers: { 'content-type': json, ...rid } });
  const body = await v.validateFetch('GET', 'http://127.0.0.1:9/api/v1/me', res);
  assert.equal(body.email, 'ada@example.org');
  assert.equal(await res.text(), JSON.stringify(ex('User')), 'the response body stays readable');
  const bad = new Response('{"id":1}', { status: 200, headers: { 'content-type': json, ...rid } });
  await assert.rejects(v.validateFetch('GET', 'http://127.0.0.1:9/api/v1/me', bad), /must have required property 'email'/);
});

test('router answers: 404 only for unknown paths, 405 only for undocumented methods with a matching Allow', () => {
  const p404 = { type: 'about:blank', title: 'Not Found', status: 404, detail: 'no route' };
  const p405 = { type: 'about:blank', title: 'Method Not Allowed', status: 405, detail: 'no' };
  assert.doesNotThrow(() => v.validateUnrouted({ method: 'GET', path: '/api/v1/nope', status: 404, contentType: problem, body: p404 }));
  assert.throws(() => v.validateUnrouted({ method: 'GET', path: '/api/v1/notes/1', status: 404, contentType: problem, body: p404 }),
    /matches \/api\/v1\/notes\/\{id\}; check its responses with validate/);
  assert.doesNotThrow(() => v.validateUnrouted({ method: 'PUT', path: '/api/v1/pads', status: 405, contentType: problem,
    body: p405, headers: { ...rid, Allow: 'GET, POST, OPTIONS' } }));
  assert.throws(() => v.validateUnrouted({ method: 'PUT', path: '/api/v1/pads', status: 405, contentType: problem,
    body: p405, headers: { ...rid, Allow: 'GET' } }), /Allow "GET" should list GET, POST \(missing: post/);
  assert.throws(() => v.validateUnrouted({ method: 'PUT', path: '/api/v1/pads', status: 405, contentType: problem,
    body: p405, headers: rid }), /required header Allow is missing/);
  assert.throws(() => v.validateUnrouted({ method: 'GET', path: '/api/v1/pads', status: 405, contentType: problem, body: p405 }),
    /GET is documented for \/api\/v1\/pads/);
  assert.throws(() => v.validateUnrouted({ method: 'PUT', path: '/nope', status: 405, contentType: problem, body: p405 }),
    /must be 404, not 405/);
  assert.throws(() => v.validateUnrouted({ method: 'GET', path: '/nope', status: 400, contentType: problem, body: p404 }),
    /only 404, 405 are documented/);
  assert.throws(() => v.validateUnrouted({ method: 'GET', path: '/nope', status: 404, contentType: 'text/plain', body: 'Not found' }),
    /Content-Type text\/plain is not documented/);
});

test('request bodies: the spec examples are valid requests; unknown fields and wrong types are not', () => {
  for (const [path, item] of Object.entries(v.spec.paths)) {
    for (const [method, op] of Object.entries(item)) {
      for (const [type, media] of Object.entries(op.requestBody?.content || {})) {
        for (const [name, e] of Object.entries(media.examples || {})) {
          const value = e.$ref ? v.spec.components.examples[e.$ref.split('/').pop()].value : e.value;
          assert.doesNotThrow(() => v.validateRequest({ method, path: concrete(path), contentType: type, body: value }), `${method} ${path} ${name}`);
          assert.throws(() => v.validateRequest({ method, path: concrete(path), contentType: type, body: { ...value, colour: 'red' } }),
            /additional properties 'colour'/, `${method} ${path} ${name} + unknown field`);
        }
      }
    }
  }
  const req = (body, path = '/api/v1/notes', method = 'POST') => () => v.validateRequest({ method, path, body });
  assert.throws(req({ name: 'x', text: 5 }), /\/text must be string/);
  assert.throws(req({ name: 'x', text: '', pad_id: 0 }), /\/pad_id/);
  assert.throws(req({}, '/api/v1/notes/1', 'PATCH'), /must NOT have fewer than 1 properties/);
  assert.throws(req({ email: 'no-at-sign', password: 'long enough' }, '/api/v1/auth/signup'), /\/email must match pattern/);
  assert.throws(req({ email: 'a@b.org', password: 'short' }, '/api/v1/auth/signup'), /\/password must NOT have fewer than 8/);
  assert.throws(req(undefined), /a body is required/);
  assert.doesNotThrow(req(undefined, '/api/v1/auth/refresh'), 'refresh may use the cookie and no body');
  assert.throws(req('{}', '/api/v1/notes/1', 'DELETE'), /takes no request body/);
});

test('routing rules: server base paths, path-level servers, literal before template, ranges and default', async () => {
  const r = await loadValidator(join(FIXTURES, 'routing.yaml'));
  assert.doesNotThrow(() => r.validate({ method: 'GET', path: '/base/v2/things/latest', status: 200, contentType: json, body: '"latest"' }));
  assert.throws(() => r.validate({ method: 'GET', path: '/base/v2/things/latest', status: 200, contentType: json, body: '"by-id"' }), /constant/);
  assert.doesNotThrow(() => r.validate({ method: 'GET', path: '/base/v2/things/7', status: 200, contentType: json, body: '"by-id"' }));
  assert.doesNotThrow(() => r.validate({ method: 'GET', path: '/base/v2/things/7', status: 418, contentType: problem, body: {} }), '4XX');
  assert.throws(() => r.validate({ method: 'GET', path: '/base/v2/things/7', status: 500, contentType: problem, body: {} }), /500 is not documented/);
  assert.doesNotThrow(() => r.validate({ method: 'GET', path: '/base/v2/things/latest', status: 500, contentType: json, body: {} }), 'default');
  assert.throws(() => r.validate({ method: 'GET', path: '/things/7', status: 200, contentType: json, body: '"by-id"' }), /no path/);
  assert.doesNotThrow(() => r.validate({ method: 'GET', path: '/ping', status: 204 }));
  assert.throws(() => r.validate({ method: 'GET', path: '/base/v2/ping', status: 204 }), /no path/);
  assert.deepEqual(r.coverage().operations.map((o) => `${o.path} ${o.validated.join(',')}`),
    ['/base/v2/things/{id} 200,4XX', '/base/v2/things/latest 200,default', '/ping 204']);
});

test('coverage: pairs validated so far, unexercised operations, missing responses, shared through a file', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'notejam-coverage-'));
  try {
    const file = join(dir, 'coverage.jsonl');
    const a = await loadValidator(SPEC, { coverageFile: file });
    const b = await loadValidator(SPEC, { coverageFile: file });
    const fresh = a.coverage();
    assert.deepEqual(fresh.validated, []);
    assert.equal(fresh.operations.length, 29);
    assert.equal(fresh.unexercised.length, 29);
    assert.ok(fresh.unexercised.includes('GET /api/v1/notes/{id} (getNote)'));
    a.validate({ method: 'GET', path: '/api/v1/notes/12', status: 200, contentType: json, body: ex('Note') });
    a.validate({ method: 'GET', path: '/api/v1/notes/13', status: 200, contentType: json, body: ex('NoteWithoutPad') });
    assert.throws(() => b.validate({ method: 'GET', path: '/api/v1/me', status: 200, contentType: json, body: {} }));
    b.validate({ method: 'DELETE', path: '/api/v1/notes/12', status: 204 });
    b.validateUnrouted({ method: 'GET', path: '/x', status: 404, contentType: problem,
      body: { type: 'about:blank', title: 'Not Found', status: 404, detail: 'x' } });
    const c = (await loadValidator(SPEC, { coverageFile: file })).coverage();
    assert.deepEqual(c.validated, ['DELETE /api/v1/notes/{id} 204', 'GET /api/v1/notes/{id} 200', 'UNROUTED * 404']);
    assert.equal(c.unexercised.length, 27, 'failed validations do not count');
    assert.ok(!c.unexercised.includes('GET /api/v1/notes/{id} (getNote)'));
    const getNote = c.operations.find((o) => o.operationId === 'getNote');
    assert.deepEqual([getNote.validated, getNote.statuses], [['200'], [200]]);
    assert.ok(c.missing.includes('GET /api/v1/notes/{id} 404') && !c.missing.includes('GET /api/v1/notes/{id} 200'));
    assert.deepEqual(a.coverage(), c, 'every instance sees the shared file');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
