// An ElastiCache failover demotes the primary the API is connected to: it answers writes with READONLY. The API must
// answer 503 (never 500), drop that connection (so its next one goes through the TLS sidecar's fresh DNS lookup to
// the new primary: tests/helm/redis-failover.test.mjs) and heal by itself. Played here with the real Redis turned
// into a replica (REPLICAOF a closed port) and back.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { freePort } from '../lib/stack.mjs';
import { setup, teardown, waitFor } from './helpers.mjs';

let t;
before(async () => {
  t = await setup();
});
after(async () => {
  execFileSync('redis-cli', ['-u', t.stack.redis.url, 'REPLICAOF', 'NO', 'ONE']);
  await teardown(t);
});

const redis = (...args) => execFileSync('redis-cli', ['-u', t.stack.redis.url, ...args]).toString().trim();
/** Ids of the API's connections (every normal client but redis-cli's own, which is listing). */
const clientIds = () => new Set(redis('CLIENT', 'LIST', 'TYPE', 'normal').split('\n')
  .filter((l) => !/ cmd=client\|list /.test(l)).map((l) => /id=(\d+)/.exec(l)?.[1]).filter(Boolean));

test('a demoted primary (READONLY): 503 + Retry-After, notes unaffected, the connection is dropped, healing by itself', async () => {
  const u = await t.signup();
  const signin = () => t.post('/api/v1/auth/signin', { email: u.email, password: u.password });
  assert.equal((await signin()).status, 200);
  const before = clientIds(); // includes the API's pooled connections
  redis('REPLICAOF', '127.0.0.1', String(freePort()));
  const r = await signin();
  assert.equal(r.status, 503, r.text);
  assert.ok(Number(r.headers.get('retry-after')) >= 1);
  assert.match(r.headers.get('content-type'), /^application\/problem\+json/);
  assert.equal((await t.post('/api/v1/notes', { name: 'during failover', text: '' }, u.token)).status, 201);
  assert.equal((await t.get('/readyz')).status, 200);
  const after = clientIds();
  assert.ok([...before].some((id) => !after.has(id)), 'the connection that got READONLY was closed, not reused');
  redis('REPLICAOF', 'NO', 'ONE');
  await waitFor(async () => (await signin()).status === 200, { what: 'sign-in after the new primary took over' });
  assert.match((await t.get('/metrics')).text, /notejam_redis_errors_total\{kind="command"\} [1-9]/);
});
