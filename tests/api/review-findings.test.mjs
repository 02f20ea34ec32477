// The security review's findings (issue 13), each as the request a reviewer sent: every one failed before its fix.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setup, teardown, email, PASSWORD, waitFor } from './helpers.mjs';

let t;
before(async () => {
  t = await setup();
});
after(async () => {
  await teardown(t);
});

/** Sends raw bytes on one connection; resolves with everything the server wrote and whether it closed. */
function rawExchange(bytes, { timeoutMs = 5000 } = {}) {
  return new Promise((resolve, reject) => {
    const s = connect(t.stack.api.port, '127.0.0.1');
    let data = '';
    const timer = setTimeout(() => {
      s.destroy();
      resolve({ data, closed: false });
    }, timeoutMs);
    s.on('data', (d) => (data += d));
    s.on('end', () => {
      clearTimeout(timer);
      s.destroy();
      resolve({ data, closed: true });
    });
    s.on('error', reject);
    s.write(bytes);
  });
}

test('ambiguous framing is 400 and the connection is closed (nothing is read as a second request)', async () => {
  const smuggled = 'GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n';
  const body = '{"email":"a@b.cd","password":"x"}';
  const cases = {
    'two Content-Length': `POST /api/v1/auth/signin HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nContent-Length: ${body.length + smuggled.length}\r\n\r\n${body}${smuggled}`,
    'Content-Length with Transfer-Encoding': `POST /api/v1/auth/signin HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n${smuggled}`,
    'non-numeric Content-Length': `POST /api/v1/auth/signin HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}abc\r\n\r\n${body}${smuggled}`,
    'HTTP/1.1 without Host': `GET /healthz HTTP/1.1\r\nAccept: */*\r\n\r\n${smuggled}`,
  };
  for (const [name, bytes] of Object.entries(cases)) {
    const r = await rawExchange(bytes);
    assert.match(r.data, /^HTTP\/1\.1 400 /, `${name}: ${r.data.slice(0, 80)}`);
    assert.match(r.data, /application\/problem\+json/, name);
    assert.equal(r.data.match(/HTTP\/1\.1 \d{3}/g).length, 1, `${name}: exactly one response`);
    assert.ok(r.closed, `${name}: the server closed the connection`);
  }
  const fine = await rawExchange(`GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
  assert.match(fine.data, /^HTTP\/1\.1 200 /, 'a well-framed request still works');
});

test('the documented maximum note (20 000 characters) is accepted whatever the characters', async () => {
  const u = await t.signup(email('bignote'));
  const emoji = '\u{1F600}'.repeat(20000); // 4 bytes each in UTF-8
  const r1 = await t.post('/api/v1/notes', { name: 'four-byte', text: emoji }, u.token);
  assert.equal(r1.status, 201, r1.text.slice(0, 200));
  assert.equal([...r1.body.text].length, 20000);
  // the same note with every character as a JSON escape (12 bytes each)
  const escaped = `{"name":"escaped","text":"${'\\ud83d\\ude00'.repeat(20000)}"}`;
  const r2 = await t.req('POST', '/api/v1/notes', { token: u.token, body: escaped, headers: { 'content-type': 'application/json' } });
  assert.equal(r2.status, 201, r2.text.slice(0, 200));
  const over = await t.post('/api/v1/notes', { name: 'too long', text: 'x'.repeat(20001) }, u.token);
  assert.equal(over.status, 422, 'one character more is still refused');
});

test('a body with more keys than any endpoint takes is refused before keys are compared', async () => {
  const keys = Array.from({ length: 6000 }, (_, i) => `"k${i}":0`).join(',');
  const started = performance.now();
  const r = await t.req('POST', '/api/v1/auth/signin', { body: `{${keys}}`, headers: { 'content-type': 'application/json' } });
  const took = performance.now() - started;
  assert.equal(r.status, 400, r.text.slice(0, 200));
  assert.match(r.body.detail, /more fields than any endpoint takes/);
  assert.ok(took < 1000, `answered in ${took.toFixed(0)} ms`);
});

test("a deleted account's still-valid access token is 401 everywhere", async () => {
  const u = await t.signup(email('deleted'));
  const pad = await t.post('/api/v1/pads', { name: 'p' }, u.token);
  const note = await t.post('/api/v1/notes', { name: 'n', text: 'x' }, u.token);
  assert.equal((await t.del('/api/v1/me', u.token, { password: u.password })).status, 204);
  const calls = [
    ['POST', '/api/v1/pads', { name: 'again' }],
    ['POST', '/api/v1/notes', { name: 'again', text: 'x' }],
    ['POST', '/api/v1/notes', { name: 'again', text: 'x', pad_id: pad.body.id }],
    ['GET', '/api/v1/pads'],
    ['GET', '/api/v1/notes'],
    ['GET', `/api/v1/pads/${pad.body.id}`],
    ['GET', `/api/v1/pads/${pad.body.id}/notes`],
    ['GET', `/api/v1/notes/${note.body.id}`],
    ['PATCH', `/api/v1/pads/${pad.body.id}`, { name: 'x' }],
    ['PATCH', `/api/v1/notes/${note.body.id}`, { text: 'y' }],
    ['DELETE', `/api/v1/pads/${pad.body.id}`],
    ['DELETE', `/api/v1/notes/${note.body.id}`],
    ['GET', '/api/v1/me'],
  ];
  for (const [method, path, json] of calls) {
    const r = await t.req(method, path, { token: u.token, json });
    assert.equal(r.status, 401, `${method} ${path}: ${r.status} ${r.text}`);
    assert.match(r.headers.get('www-authenticate') ?? '', /Bearer/, `${method} ${path}`);
  }
});

/** The reset token mailed to addr (waits for the mail). */
function resetTokenFor(addr) {
  return waitFor(() => {
    for (const f of readdirSync(t.stack.mailDir)) {
      const text = readFileSync(join(t.stack.mailDir, f), 'utf8');
      if (text.includes(`To: ${addr}`)) return text.match(/reset-password\?token=([A-Za-z0-9_-]+)/)?.[1] ?? null;
    }
    return null;
  }, { what: `reset mail to ${addr}` });
}

test('a reset link mailed before a password change no longer works after it', async () => {
  const u = await t.signup(email('stale-reset'));
  assert.equal((await t.post('/api/v1/auth/forgot-password', { email: u.email })).status, 202);
  const token = await resetTokenFor(u.email);
  const ch = await t.req('PUT', '/api/v1/me/password', { token: u.token, json: { current_password: PASSWORD, new_password: 'a brand new one' } });
  assert.equal(ch.status, 200);
  const r = await t.post('/api/v1/auth/reset-password', { token, password: 'attacker chosen' });
  assert.equal(r.status, 422, r.text);
  assert.ok(r.body.errors.token);
  assert.equal((await t.post('/api/v1/auth/signin', { email: u.email, password: 'a brand new one' })).status, 200);
});

test('a bogus reset token is refused before the new password is hashed', async () => {
  const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const time = async (token) => {
    const s = performance.now();
    const r = await t.post('/api/v1/auth/reset-password', { token, password: 'a long enough password' });
    assert.equal(r.status, 422);
    return performance.now() - s;
  };
  const bogus = [], shortTok = [];
  for (let i = 0; i < 15; i++) {
    bogus.push(await time('A'.repeat(43))); // the right length: reaches the service
    shortTok.push(await time('A')); // refused by validation, never hashed
  }
  // Argon2id is ~25 ms (more under ASan): a bogus token must cost about what validation costs
  assert.ok(median(bogus) < median(shortTok) + 8, `bogus ${median(bogus).toFixed(1)} ms vs invalid ${median(shortTok).toFixed(1)} ms`);
});

test('cookie refresh does not put the refresh token in the body; a body refresh still gets it', async () => {
  const u = await t.signup(email('cookie-body'));
  const r = await t.req('POST', '/api/v1/auth/refresh', { headers: { cookie: `notejam_refresh=${u.refresh}` } });
  assert.equal(r.status, 200);
  assert.equal(r.body.refresh_token, undefined, 'no refresh_token in the JSON');
  assert.ok(!r.text.includes((r.headers.get('set-cookie') ?? '').match(/notejam_refresh=([^;]*)/)[1]));
  assert.ok(r.body.access_token);
  const newCookie = r.headers.get('set-cookie').match(/notejam_refresh=([^;]*)/)[1];
  const b = await t.post('/api/v1/auth/refresh', { refresh_token: newCookie });
  assert.equal(b.status, 200);
  assert.ok(b.body.refresh_token, 'API clients that send the token in the body get the next one there');
});

test('two tabs refreshing with the same cookie at once both stay signed in (concurrent refresh grace)', async () => {
  const u = await t.signup(email('two-tabs'));
  const cookie = { cookie: `notejam_refresh=${u.refresh}` };
  const [a, b] = await Promise.all([
    t.req('POST', '/api/v1/auth/refresh', { headers: cookie }),
    t.req('POST', '/api/v1/auth/refresh', { headers: cookie }),
  ]);
  assert.deepEqual([a.status, b.status], [200, 200]);
  for (const r of [a, b]) {
    const next = r.headers.get('set-cookie').match(/notejam_refresh=([^;]*)/)[1];
    const again = await t.req('POST', '/api/v1/auth/refresh', { headers: { cookie: `notejam_refresh=${next}` } });
    assert.equal(again.status, 200, 'each tab keeps a working session');
  }
});

/** Per-query and per-command round-trip counts from /metrics. */
async function workCounts() {
  const text = (await t.get('/metrics')).text;
  const out = {};
  for (const m of text.matchAll(/^notejam_(db_query|redis_command)_duration_seconds_count\{(?:query|command)="([^"]+)"\} (\d+)/gm))
    out[`${m[1]}:${m[2]}`] = Number(m[3]);
  return out;
}
const delta = (a, b) => Object.fromEntries(Object.keys(b).filter((k) => b[k] !== (a[k] ?? 0)).map((k) => [k, b[k] - (a[k] ?? 0)]));

test('forgot-password does the same work (queries and Redis commands) for known and unknown emails', async () => {
  const u = await t.signup(email('known'));
  const c0 = await workCounts();
  assert.equal((await t.post('/api/v1/auth/forgot-password', { email: u.email })).status, 202);
  const c1 = await workCounts();
  assert.equal((await t.post('/api/v1/auth/forgot-password', { email: email('unknown') })).status, 202);
  const c2 = await workCounts();
  assert.deepEqual(delta(c1, c2), delta(c0, c1));
});
