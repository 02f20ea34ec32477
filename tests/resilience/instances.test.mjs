// Scale-out: any instance serves any request (sessions live in Redis, tokens are signed with the shared key ring),
// and losing one instance abruptly (kill -9) costs only the requests that were in flight on it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startCluster, PASSWORD } from './lib/cluster.mjs';
import { startLoad, loadProgress } from './lib/load.mjs';

let c;
before(async () => {
  c = await startCluster({ n: 3 });
});
after(async () => {
  await c?.stop();
});

async function call(inst, method, path, { token, json } = {}) {
  const headers = { connection: 'close' };
  if (token) headers.authorization = `Bearer ${token}`;
  if (json) headers['content-type'] = 'application/json';
  const r = await fetch(inst.url + path, { method, headers, body: json ? JSON.stringify(json) : undefined });
  const text = await r.text();
  return { status: r.status, body: text && r.headers.get('content-type')?.includes('json') ? JSON.parse(text) : null };
}

test('statelessness: sign in via A, refresh via B, sign out via C; the revoked session is rejected by all three', async () => {
  const [a, b, cc] = c.instances;
  const signin = await call(a, 'POST', '/api/v1/auth/signin', { json: { email: 'res-0@example.org', password: PASSWORD } });
  assert.equal(signin.status, 200);
  for (const inst of [a, b, cc]) assert.equal((await call(inst, 'GET', '/api/v1/me', { token: signin.body.access_token })).status, 200, `access token accepted by ${inst.name}`);
  const refreshed = await call(b, 'POST', '/api/v1/auth/refresh', { json: { refresh_token: signin.body.refresh_token } });
  assert.equal(refreshed.status, 200);
  assert.notEqual(refreshed.body.refresh_token, signin.body.refresh_token, 'rotated');
  assert.equal((await call(cc, 'GET', '/api/v1/me', { token: refreshed.body.access_token })).status, 200);
  assert.equal((await call(cc, 'POST', '/api/v1/auth/signout', { json: { refresh_token: refreshed.body.refresh_token } })).status, 204);
  for (const inst of [a, b, cc])
    for (const t of [refreshed.body.refresh_token, signin.body.refresh_token])
      assert.equal((await call(inst, 'POST', '/api/v1/auth/refresh', { json: { refresh_token: t } })).status, 401, `${inst.name} rejects a token of the revoked session`);
});

test('kill -9 of one instance under load: the others keep serving, only requests in flight on it fail', async (t) => {
  const load = startLoad({ url: c.lb.url, tokens: c.tokens, workers: 6, tag: 'kill9' });
  await loadProgress(load, 150);
  const victim = c.instances[1];
  const killedAt = Date.now();
  const code = await victim.stop('SIGKILL');
  const killedDone = Date.now();
  await loadProgress(load, 600);
  const { results, acked, failed, byStatus } = await load.stop();

  t.diagnostic(`${results.length} requests, ${failed.length} failed (in flight on the killed instance), ${acked.length} writes acknowledged`);
  assert.equal(code, 'SIGKILL');
  const inFlight = (r) => r.start <= killedDone && r.end >= killedAt;
  assert.deepEqual(failed.filter((r) => !inFlight(r)).map((r) => `${r.method} ${r.status} ${r.start - killedAt}ms`), [],
    `only requests in flight at the kill may fail; statuses ${JSON.stringify(byStatus)}`);
  assert.ok(failed.length <= 6, `at most one request per load worker was in flight: ${failed.length}`);
  for (const r of failed) assert.equal(r.status, 502, 'the proxy answers for the lost request; nothing hangs');
  const after = results.filter((r) => r.start > killedDone);
  assert.ok(after.length >= 500 && after.every((r) => r.status >= 200 && r.status < 300), 'everything after the kill succeeds');
  const survivors = new Set(c.lb.accessLog().filter((l) => l.t > killedDone && l.status < 300).map((l) => l.upstream));
  assert.deepEqual([...survivors].sort(), [c.instances[0], c.instances[2]].map((x) => `127.0.0.1:${x.port}`).sort(), 'the two others serve');
  assert.ok(c.instances[0].running && c.instances[2].running);
  const present = c.notesPresent(acked);
  assert.deepEqual(acked.filter((id) => !present.has(id)), [], 'every acknowledged note is in the database');
  await c.replacement(1).start(); // so that after() stops three healthy instances
});
