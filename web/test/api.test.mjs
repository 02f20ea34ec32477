import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createApi, ApiError, AuthError, NetworkError } from '../src/lib/api.js';

// A scripted server: `routes` maps "METHOD /path" to a handler (call, state) -> Response; every call is recorded.
function fakeServer(routes) {
  const calls = [];
  const fetch = async (url, init) => {
    const key = `${init.method} ${url.split('?')[0]}`;
    const call = { key, url, init, body: init.body === undefined ? undefined : JSON.parse(init.body),
      auth: init.headers.Authorization };
    calls.push(call);
    const handler = routes[key];
    if (!handler) return json(404, { title: 'Not Found', status: 404 }, 'application/problem+json');
    return handler(call);
  };
  return { fetch, calls, count: (key) => calls.filter((c) => c.key === key).length };
}

function json(status, body, type = 'application/json') {
  return new Response(body === null ? null : JSON.stringify(body), { status, headers: { 'content-type': type } });
}
const problem = (status, extra = {}) => json(status, { title: 'x', status, ...extra }, 'application/problem+json');
const tokens = (n) => ({ access_token: `t${n}`, token_type: 'Bearer', expires_in: 3, refresh_token: `r${n}`,
  user: { id: 1, email: 'ann@example.com', created_at: '2024-01-01T00:00:00Z' } });
// Resolves after the other pending requests have been issued (lets concurrent calls pile up).
const tick = () => new Promise((r) => setTimeout(r, 5));

test('sign-in keeps the access token in memory and sends it as a Bearer token', async () => {
  const users = [];
  const srv = fakeServer({
    'POST /api/v1/auth/signin': () => json(200, tokens(1)),
    'GET /api/v1/notes': (c) => (c.auth === 'Bearer t1' ? json(200, { items: [], next_cursor: null }) : problem(401)),
  });
  const api = createApi({ fetch: srv.fetch, onSession: (u) => users.push(u) });
  const user = await api.signIn(' ann@example.com ', 'secret123');
  assert.equal(user.email, 'ann@example.com');
  assert.deepEqual(srv.calls[0].body, { email: 'ann@example.com', password: 'secret123' });
  assert.equal(srv.calls[0].init.credentials, 'same-origin');
  assert.deepEqual(await api.listNotes({ order: 'name', cursor: null }), { items: [], next_cursor: null });
  assert.equal(srv.calls[1].url, '/api/v1/notes?order=name');
  assert.deepEqual(users.map((u) => u && u.id), [1]);
});

test('a 401 refreshes through the cookie with an empty JSON body, then retries once', async () => {
  let current = 't1';
  const srv = fakeServer({
    'POST /api/v1/auth/signin': () => json(200, tokens(1)),
    'POST /api/v1/auth/refresh': () => { current = 't2'; return json(200, tokens(2)); },
    'GET /api/v1/me': (c) => (c.auth === `Bearer ${current}` && current === 't2'
      ? json(200, { id: 1, email: 'ann@example.com' }) : problem(401)),
  });
  const api = createApi({ fetch: srv.fetch });
  await api.signIn('ann@example.com', 'secret123');
  const me = await api.me();
  assert.equal(me.email, 'ann@example.com');
  const refresh = srv.calls.find((c) => c.key === 'POST /api/v1/auth/refresh');
  assert.deepEqual(refresh.body, {});
  assert.equal(refresh.auth, undefined, 'refresh relies on the cookie only');
  assert.equal(refresh.init.credentials, 'same-origin');
  assert.equal(refresh.init.headers['Content-Type'], 'application/json');
  assert.deepEqual(srv.calls.map((c) => c.key),
    ['POST /api/v1/auth/signin', 'GET /api/v1/me', 'POST /api/v1/auth/refresh', 'GET /api/v1/me']);
});

test('concurrent 401s share one refresh in flight', async () => {
  let release;
  const gate = new Promise((r) => { release = r; });
  const srv = fakeServer({
    'POST /api/v1/auth/signin': () => json(200, tokens(1)),
    'POST /api/v1/auth/refresh': async () => { await gate; return json(200, tokens(2)); },
    'GET /api/v1/pads': (c) => (c.auth === 'Bearer t2' ? json(200, { items: [], next_cursor: null }) : problem(401)),
    'GET /api/v1/notes': (c) => (c.auth === 'Bearer t2' ? json(200, { items: [], next_cursor: null }) : problem(401)),
    'GET /api/v1/me': (c) => (c.auth === 'Bearer t2' ? json(200, { id: 1 }) : problem(401)),
  });
  const api = createApi({ fetch: srv.fetch });
  await api.signIn('ann@example.com', 'secret123');
  const all = Promise.all([api.listPads(), api.listNotes(), api.me()]);
  await tick();
  release();
  const [pads, notes, me] = await all;
  assert.deepEqual(pads.items, []);
  assert.deepEqual(notes.items, []);
  assert.equal(me.id, 1);
  assert.equal(srv.count('POST /api/v1/auth/refresh'), 1);
});

test('a 401 that arrives after another request already refreshed retries without a second refresh', async () => {
  let slowRelease;
  const slow = new Promise((r) => { slowRelease = r; });
  const srv = fakeServer({
    'POST /api/v1/auth/signin': () => json(200, tokens(1)),
    'POST /api/v1/auth/refresh': () => json(200, tokens(2)),
    'GET /api/v1/pads': async (c) => { if (c.auth === 'Bearer t1') { await slow; return problem(401); }
      return json(200, { items: [{ id: 1 }], next_cursor: null }); },
    'GET /api/v1/notes': (c) => (c.auth === 'Bearer t2' ? json(200, { items: [], next_cursor: null }) : problem(401)),
  });
  const api = createApi({ fetch: srv.fetch });
  await api.signIn('ann@example.com', 'secret123');
  const pads = api.listPads(); // sent with t1, answers late
  await api.listNotes(); // 401 -> refresh -> t2
  slowRelease();
  assert.deepEqual((await pads).items, [{ id: 1 }]);
  assert.equal(srv.count('POST /api/v1/auth/refresh'), 1);
});

test('a failed refresh ends the session: one refresh, every waiting request gets AuthError', async () => {
  let lost = 0;
  const users = [];
  const srv = fakeServer({
    'POST /api/v1/auth/signin': () => json(200, tokens(1)),
    'POST /api/v1/auth/refresh': () => problem(401),
    'GET /api/v1/pads': () => problem(401),
    'GET /api/v1/notes': () => problem(401),
  });
  const api = createApi({ fetch: srv.fetch, onAuthLost: () => { lost += 1; }, onSession: (u) => users.push(u) });
  await api.signIn('ann@example.com', 'secret123');
  const results = await Promise.allSettled([api.listPads(), api.listNotes()]);
  for (const r of results) assert.ok(r.reason instanceof AuthError);
  assert.equal(srv.count('POST /api/v1/auth/refresh'), 1);
  assert.ok(lost >= 1);
  assert.equal(api.hasToken(), false);
  assert.equal(users.at(-1), null, 'the app is told the user is gone');
});

test('refresh on load: true with a cookie session, false without, throws while the server is down', async () => {
  let answer = json(200, tokens(5));
  const users = [];
  const srv = fakeServer({ 'POST /api/v1/auth/refresh': () => answer });
  const api = createApi({ fetch: srv.fetch, onSession: (u) => users.push(u) });
  assert.equal(await api.refresh(), true);
  assert.equal(users.at(-1).email, 'ann@example.com');
  answer = problem(401);
  assert.equal(await api.refresh(), false);
  assert.equal(users.at(-1), null);
  answer = problem(503);
  await assert.rejects(api.refresh(), (e) => e instanceof ApiError && e.status === 503);
  const offline = createApi({ fetch: async () => { throw new TypeError('Failed to fetch'); } });
  await assert.rejects(offline.refresh(), NetworkError);
});

test('two refreshes started together send one request', async () => {
  const srv = fakeServer({ 'POST /api/v1/auth/refresh': async () => { await tick(); return json(200, tokens(1)); } });
  const api = createApi({ fetch: srv.fetch });
  const [a, b] = await Promise.all([api.refresh(), api.refresh()]);
  assert.equal(a && b, true);
  assert.equal(srv.count('POST /api/v1/auth/refresh'), 1);
});

test('validation problems expose per-field errors; network failures are NetworkError', async () => {
  const srv = fakeServer({
    'POST /api/v1/auth/signup': () => problem(422, { detail: 'Validation failed', errors: { email: ['taken'] } }),
  });
  const api = createApi({ fetch: srv.fetch });
  await assert.rejects(api.signUp('ann@example.com', 'secret123'), (e) => {
    assert.ok(e instanceof ApiError);
    assert.equal(e.status, 422);
    assert.deepEqual(e.fields, { email: ['taken'] });
    return true;
  });
  const offline = createApi({ fetch: async () => { throw new TypeError('Failed to fetch'); } });
  await assert.rejects(offline.listNotes(), NetworkError);
});

test('requests send only the contract fields; deletes resolve to null on 204', async () => {
  const srv = fakeServer({
    'POST /api/v1/notes': (c) => json(201, { id: 9, ...c.body }),
    'DELETE /api/v1/notes/9': () => new Response(null, { status: 204 }),
    'PUT /api/v1/me/password': () => json(200, tokens(7)),
    'DELETE /api/v1/me': () => new Response(null, { status: 204 }),
    'GET /api/v1/me': (c) => (c.auth === 'Bearer t7' ? json(200, { id: 1 }) : problem(401)),
  });
  const api = createApi({ fetch: srv.fetch });
  const note = await api.createNote({ name: 'n', text: 't', pad_id: null });
  assert.equal(note.id, 9);
  assert.deepEqual(srv.calls[0].body, { name: 'n', text: 't', pad_id: null });
  assert.equal(await api.deleteNote(9), null);
  await api.changePassword('old-secret', 'new-secret');
  assert.deepEqual(srv.calls[2].body, { current_password: 'old-secret', new_password: 'new-secret' });
  assert.equal((await api.me()).id, 1, 'password change switches to the fresh token');
  await api.deleteAccount('new-secret');
  assert.deepEqual(srv.calls.at(-1).body, { password: 'new-secret' });
  assert.equal(api.hasToken(), false);
});

test('allPads follows next_cursor', async () => {
  const srv = fakeServer({
    'GET /api/v1/pads': (c) => (c.url.includes('cursor=c1')
      ? json(200, { items: [{ id: 2 }], next_cursor: null })
      : json(200, { items: [{ id: 1 }], next_cursor: 'c1' })),
  });
  const api = createApi({ fetch: srv.fetch });
  assert.deepEqual((await api.allPads()).map((p) => p.id), [1, 2]);
  assert.match(srv.calls[1].url, /order=name&limit=100&cursor=c1/);
});

test('sign-out clears the token even when the server cannot be reached', async () => {
  let up = true;
  const srv = fakeServer({
    'POST /api/v1/auth/signin': () => json(200, tokens(1)),
    'POST /api/v1/auth/signout': () => new Response(null, { status: 204 }),
  });
  const api = createApi({ fetch: (u, i) => (up ? srv.fetch(u, i) : Promise.reject(new TypeError('offline'))) });
  await api.signIn('ann@example.com', 'secret123');
  await api.signOut();
  assert.deepEqual(srv.calls.at(-1).body, {});
  assert.equal(api.hasToken(), false);
  await api.signIn('ann@example.com', 'secret123');
  up = false;
  await assert.rejects(api.signOut(), NetworkError);
  assert.equal(api.hasToken(), false);
});
