// The hostile-input catalogue: every bad request gets a clear problem+json answer and loses nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, teardown } from './helpers.mjs';

let t, u;
before(async () => {
  t = await setup();
  u = await t.signup();
});
after(async () => {
  await teardown(t);
});

const raw = (body, headers = {}, path = '/api/v1/notes', method = 'POST') =>
  t.req(method, path, { token: u.token, body, headers: { 'content-type': 'application/json', ...headers } });

test('malformed, truncated and trailing-garbage JSON is 400', async () => {
  for (const body of ['{', '{"name":', '{"name":"x",}', 'nul', '{"name":"x"} {"b":1}', "{'name':'x'}", '{"a":1}x']) {
    const r = await raw(body);
    assert.equal(r.status, 400, body);
    assert.equal(r.headers.get('content-type'), 'application/problem+json');
    assert.equal(r.body.status, 400);
  }
});

test('deeply nested JSON is 400 (no stack exhaustion)', async () => {
  const r = await raw('['.repeat(30000) + ']'.repeat(30000));
  assert.equal(r.status, 400);
  const r2 = await raw('{"a":' + '['.repeat(50) + ']'.repeat(50) + '}');
  assert.equal(r2.status, 400);
});

test('non-object JSON bodies are 422', async () => {
  for (const body of ['[]', '"text"', '42', 'null', 'true']) {
    const r = await raw(body);
    assert.equal(r.status, 422, body);
  }
});

test('wrong types, nulls and unknown fields are 422 naming the field', async () => {
  const cases = [
    [{ name: 5, text: 'x' }, 'name'],
    [{ name: 'x', text: ['a'] }, 'text'],
    [{ name: null, text: 'x' }, 'name'],
    [{ name: 'x', text: 'x', pad_id: 'one' }, 'pad_id'],
    [{ name: 'x', text: 'x', pad_id: 1.5 }, 'pad_id'],
    [{ name: 'x', text: 'x', pad_id: -3 }, 'pad_id'],
    [{ name: 'x', text: 'x', pad_id: { id: 1 } }, 'pad_id'],
    [{ name: 'x', text: 'x', colour: 'red' }, 'colour'],
    [{ name: 'x', text: 'x', user_id: 1 }, 'user_id'],
  ];
  for (const [json, field] of cases) {
    const r = await t.post('/api/v1/notes', json, u.token);
    assert.equal(r.status, 422, JSON.stringify(json));
    assert.ok(r.body.errors[field], `${field} in ${r.text}`);
  }
  const dup = await raw('{"name":"a","name":"b","text":""}');
  assert.equal(dup.status, 400, 'duplicate keys');
  assert.equal((await t.get('/api/v1/notes', u.token)).body.items.length, 0, 'nothing was stored');
});

test('huge strings and bodies: 422 over the field limit, 413 over the body cap (1 MiB refused unread)', async () => {
  const long = await t.post('/api/v1/notes', { name: 'x'.repeat(5000), text: '' }, u.token);
  assert.equal(long.status, 422);
  const mib = await raw(JSON.stringify({ name: 'x', text: 'y'.repeat(1 << 20) }));
  assert.equal(mib.status, 413);
  assert.equal(mib.body.status, 413);
  const justOver = await raw(JSON.stringify({ name: 'x', text: 'y'.repeat(262144) })); // NOTEJAM_MAX_BODY's default
  assert.equal(justOver.status, 413);
  const signup = await t.req('POST', '/api/v1/auth/signup', { body: 'x'.repeat(270000), headers: { 'content-type': 'application/json' } });
  assert.equal(signup.status, 413, 'cap applies before authentication too');
});

test('invalid UTF-8 and escaped NUL are 400; emoji and escapes are fine', async () => {
  const bad = Buffer.concat([Buffer.from('{"name":"'), Buffer.from([0xff, 0xfe]), Buffer.from('","text":""}')]);
  assert.equal((await raw(bad)).status, 400);
  const overlong = Buffer.concat([Buffer.from('{"name":"'), Buffer.from([0xc0, 0xaf]), Buffer.from('","text":""}')]);
  assert.equal((await raw(overlong)).status, 400);
  assert.equal((await raw('{"name":"a\\u0000b","text":""}')).status, 400);
  assert.equal((await raw('{"name":"\\ud800","text":""}')).status, 400, 'lone surrogate escape');
  const ok = await raw('{"name":"\\u00e9\\ud83d\\ude00","text":"\\n"}');
  assert.equal(ok.status, 201);
  assert.equal(ok.body.name, 'é😀');
});

test('wrong or missing content type is 415', async () => {
  for (const ct of ['text/plain', 'application/x-www-form-urlencoded', 'application/jsonx', '']) {
    const r = await t.req('POST', '/api/v1/pads', { token: u.token, body: '{"name":"x"}', headers: { 'content-type': ct } });
    assert.equal(r.status, 415, ct);
  }
  const charset = await t.req('POST', '/api/v1/pads', { token: u.token, body: '{"name":"x"}',
    headers: { 'content-type': 'application/json; charset=utf-8' } });
  assert.equal(charset.status, 201);
});

test('hostile tokens are 401 with WWW-Authenticate', async () => {
  const [h, p] = u.token.split('.');
  const noneHeader = Buffer.from('{"alg":"none","typ":"JWT","kid":"test1"}').toString('base64url');
  const tokens = ['', 'garbage', 'a.b.c', `${noneHeader}.${p}.`, `${h}.${p}.AAAA`, `${h}.${p}`, u.token + 'x',
    'x'.repeat(5000), `${h}.${Buffer.from('{"sub":"1"}').toString('base64url')}.${u.token.split('.')[2]}`];
  for (const tok of tokens) {
    const r = await t.req('GET', '/api/v1/notes', { headers: { authorization: `Bearer ${tok}` } });
    assert.equal(r.status, 401, tok.slice(0, 40));
    assert.match(r.headers.get('www-authenticate'), /^Bearer/);
  }
  assert.equal((await t.req('GET', '/api/v1/notes', { headers: { authorization: `Basic ${u.token}` } })).status, 401);
  assert.equal((await t.req('GET', '/api/v1/notes', {})).status, 401);
});

test('query strings with SQL metacharacters are validated, not executed', async () => {
  for (const q of ["order=name;DROP TABLE notes", "limit=1%20OR%201=1", "pad_id=1%27--", "cursor=%27%3B--"]) {
    const r = await t.get(`/api/v1/notes?${q}`, u.token);
    assert.ok([400, 422].includes(r.status), `${q}: ${r.status}`);
  }
  assert.equal((await t.get('/api/v1/notes', u.token)).status, 200);
});
