// Slowloris-style clients: connections that trickle a request header and never finish it. civetweb holds one worker
// thread per connection (NOTEJAM_THREADS) and cuts an unfinished header after NOTEJAM_HEADER_TIMEOUT_MS (5 s).
// Shown here on one instance with 16 threads so the limit is reachable (all from one address, but fewer than the
// per-client connection cap: slowloris.test.mjs shows the cap):
//  - fewer slow clients than threads: everybody else is answered at once;
//  - more slow clients than threads: new requests queue until the server cuts the slow ones (<= 5 s), none fail;
//  - behind nginx (as behind the ALB) slow clients never reach the API: the proxy buffers whole requests.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { waitFor } from '../lib/stack.mjs';
import { openSlowClient, slowClientSet } from './lib/slow-client.mjs';
import { startCluster } from './lib/cluster.mjs';

const THREADS = 16;
let c, api;
before(async () => {
  c = await startCluster({ n: 1, users: 2, env: { NOTEJAM_THREADS: String(THREADS) } });
  api = c.instances[0];
});
after(async () => {
  await c?.stop();
});

/** Opens n connections that send a request line and then one header line per second, never the blank line. */
async function slowClients(port, n) {
  const clients = [];
  for (let i = 0; i < n; i++) clients.push(await openSlowClient(port));
  return slowClientSet(clients);
}

async function timedGet(base, token) {
  const t0 = Date.now();
  const r = await fetch(`${base}/api/v1/notes`, { headers: { authorization: `Bearer ${token}`, connection: 'close' } });
  await r.text();
  return { status: r.status, ms: Date.now() - t0 };
}

test(`${THREADS - 4} slow clients on ${THREADS} threads: other requests are answered at once`, async () => {
  const slow = await slowClients(api.port, THREADS - 4);
  try {
    for (let i = 0; i < 20; i++) {
      const r = await timedGet(api.url, c.tokens[0]);
      assert.equal(r.status, 200);
      assert.ok(r.ms < 1000, `answered in ${r.ms} ms`);
    }
    assert.ok(slow.clients.every((cl) => cl.closedAt === null), 'the slow clients are still connected');
  } finally {
    slow.close();
  }
});

test(`${THREADS + 4} slow clients (more than threads): new requests wait for the 5 s header timeout, none fail`, async (t) => {
  const slow = await slowClients(api.port, THREADS + 4);
  try {
    const r = await timedGet(api.url, c.tokens[0]);
    assert.equal(r.status, 200, 'queued, then served');
    assert.ok(r.ms > 1000 && r.ms < 10000, `waited ${r.ms} ms for a thread (limit: NOTEJAM_HEADER_TIMEOUT_MS = 5000)`);
    await waitFor(() => slow.clients.some((cl) => cl.closedAt !== null), { timeoutMs: 5000, what: 'the server closing slow connections' });
    const cut = slow.clients.filter((cl) => cl.closedAt !== null);
    const held = cut.map((cl) => cl.closedAt - cl.openedAt);
    t.diagnostic(`a new request waited ${r.ms} ms; ${cut.length} slow connections cut after ${Math.min(...held)}-${Math.max(...held)} ms`);
    for (const cl of cut) assert.ok(cl.closedAt - cl.openedAt < 10000, `held ${cl.closedAt - cl.openedAt} ms (<= 5 s + slack)`);
  } finally {
    slow.close();
  }
});

test(`behind nginx, ${THREADS * 4} slow clients do not reach the API threads at all`, async () => {
  const slow = await slowClients(c.lb.port, THREADS * 4);
  try {
    for (let i = 0; i < 20; i++) {
      const r = await timedGet(c.lb.url, c.tokens[0]);
      assert.equal(r.status, 200);
      assert.ok(r.ms < 1000, `answered in ${r.ms} ms`);
    }
  } finally {
    slow.close();
  }
});
