// PostgreSQL and Redis restarted under load, with three instances behind nginx (the one-request versions of these
// checks are in tests/api/resilience.test.mjs). While a dependency is down requests get a fast 503 from the API,
// never a hang, a crash or a proxy error; the instances recover by themselves; no acknowledged write is lost.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { waitFor } from '../lib/stack.mjs';
import { startCluster, PASSWORD } from './lib/cluster.mjs';
import { startLoad, loadProgress, holdUnderLoad } from './lib/load.mjs';

const DB_TIMEOUT_MS = 2000;
let c;
before(async () => {
  c = await startCluster({ n: 3, env: { NOTEJAM_DB_TIMEOUT_MS: String(DB_TIMEOUT_MS), NOTEJAM_REDIS_TIMEOUT_MS: '500' } });
});
after(async () => {
  await c?.stop();
});

const allReady = async () => (await Promise.all(c.instances.map(async (x) => (await fetch(`${x.url}/readyz`)).status))).every((s) => s === 200);
const summary = (rs) => rs.map((r) => `${r.method} ${r.status} ${r.end - r.start}ms ${r.error ?? r.text.slice(0, 60)}`);

async function post(path, json, token) {
  const headers = { 'content-type': 'application/json', connection: 'close' };
  if (token) headers.authorization = `Bearer ${token}`;
  const t0 = Date.now();
  const r = await fetch(c.lb.url + path, { method: 'POST', headers, body: JSON.stringify(json) });
  const text = await r.text();
  return { status: r.status, ms: Date.now() - t0, body: text ? JSON.parse(text) : null };
}

test('PostgreSQL restarted under load: fast 503s while down, recovery within seconds, no acknowledged write lost', async (t) => {
  const load = startLoad({ url: c.lb.url, tokens: c.tokens, workers: 6, tag: 'pg' });
  await loadProgress(load, 150);
  const downAt = Date.now();
  await c.stack.pg.stop();
  await holdUnderLoad(load, 3000, 60); // PostgreSQL stays down for 3 s of load
  const upAt = Date.now();
  await c.stack.pg.start();
  const firstOk = await waitFor(() => load.results.find((r) => r.start > upAt && r.status >= 200 && r.status < 300), { timeoutMs: 15000, what: 'a success after the restart' });
  await waitFor(allReady, { timeoutMs: 15000, what: 'every instance ready again' });
  const readyAt = Date.now();
  await loadProgress(load, 150);
  const { results, acked, failed, byStatus } = await load.stop();
  t.diagnostic(`${results.length} requests ${JSON.stringify(byStatus)}; down ${upAt - downAt} ms; first success ${firstOk.end - upAt} ms ` +
    `and all ready ${readyAt - upAt} ms after PostgreSQL was back`);

  assert.ok(failed.length > 0, 'the outage was seen');
  assert.deepEqual(summary(failed.filter((r) => r.status !== 503)), [], 'only 503s: no proxy errors (crash) and no client timeouts');
  assert.deepEqual(summary(failed.filter((r) => r.end - r.start > DB_TIMEOUT_MS + 1500)), [], 'no request waited much beyond the DB budget');
  assert.ok(failed.every((r) => r.end >= downAt && r.start <= readyAt), 'failures only during the outage');
  assert.ok(readyAt - upAt < 10000, 'recovered by itself within seconds');
  assert.ok(c.instances.every((x) => x.running), 'no instance crashed');
  const present = c.notesPresent(acked);
  assert.deepEqual(acked.filter((id) => !present.has(id)), [], 'every acknowledged note is in the database');
});

test('Redis restarted under load: notes keep working, sign-in and refresh 503 fast, sessions survive', async (t) => {
  const sessions = [];
  for (let i = 0; i < 3; i++) sessions.push((await post('/api/v1/auth/signin', { email: 'res-0@example.org', password: PASSWORD })).body.refresh_token);
  const load = startLoad({ url: c.lb.url, tokens: c.tokens, workers: 6, tag: 'redis' });
  await loadProgress(load, 100);
  const downAt = Date.now();
  await c.stack.redis.stop();
  const signin = await post('/api/v1/auth/signin', { email: 'res-0@example.org', password: PASSWORD });
  const refresh = await post('/api/v1/auth/refresh', { refresh_token: 'x'.repeat(43) });
  const readyWhileDown = await allReady(); // Redis is shared: failing readiness would drop every instance at once
  await holdUnderLoad(load, 3000, 100); // Redis stays down for 3 s of load
  const upAt = Date.now();
  await c.stack.redis.start();
  await waitFor(async () => (await post('/api/v1/auth/signin', { email: 'res-0@example.org', password: PASSWORD })).status === 200, { timeoutMs: 15000, what: 'sign-in after the restart' });
  const recovered = Date.now() - upAt;
  await waitFor(allReady, { timeoutMs: 15000, what: 'every instance ready again' });
  const { results, acked, failed, byStatus } = await load.stop();
  t.diagnostic(`${results.length} note requests ${JSON.stringify(byStatus)}; Redis down ${upAt - downAt} ms; sign-in ${signin.status} in ${signin.ms} ms, refresh ${refresh.status} in ${refresh.ms} ms while down; sign-in back ${recovered} ms after Redis`);

  assert.deepEqual(summary(failed), [], 'reading and writing notes does not need Redis');
  assert.equal(signin.status, 503);
  assert.equal(refresh.status, 503);
  assert.ok(readyWhileDown, 'every instance stays ready while Redis is down');
  assert.ok(signin.ms < 3000 && refresh.ms < 3000, 'fast failures, not hangs');
  assert.ok(recovered < 10000, 'recovered by itself within seconds');
  for (const s of sessions) assert.equal((await post('/api/v1/auth/refresh', { refresh_token: s })).status, 200, 'a session made before the restart still refreshes');
  const present = c.notesPresent(acked);
  assert.deepEqual(acked.filter((id) => !present.has(id)), [], 'every acknowledged note is in the database');
});
