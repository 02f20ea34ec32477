// The review's slow-client attack: 310 connections that trickle a header, more than the 300 worker threads
// (NOTEJAM_THREADS' default). The per-client connection cap (NOTEJAM_MAX_CLIENT_CONNECTIONS, 64) closes a client's
// connections beyond the cap before their request is read, and the header timeout (NOTEJAM_HEADER_TIMEOUT_MS,
// 5 s) cuts the rest, so /healthz from elsewhere stays fast. The attacker connects from 127.0.0.2 (still loopback),
// the prober from 127.0.0.1.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startStack, waitFor } from '../lib/stack.mjs';
import { openSlowClient, slowClientSet } from './lib/slow-client.mjs';

const SLOW = 310;
let stack;
before(async () => {
  stack = await startStack({ env: { NOTEJAM_THREADS: '300' } });
});
after(async () => {
  await stack?.stop();
});

/** n connections from 127.0.0.2 sending a request line, then a header line every second, never the blank line. */
async function slowloris(port, n) {
  return slowClientSet(await Promise.all(Array.from({ length: n }, () => openSlowClient(port, '127.0.0.2'))));
}

test(`${SLOW} slow connections from one client cannot starve /healthz`, async (t) => {
  const slow = await slowloris(stack.api.port, SLOW);
  try {
    const times = [];
    const until = Date.now() + 8000; // past the header timeout, so both defences are seen
    while (Date.now() < until) {
      const t0 = performance.now();
      const r = await fetch(`${stack.baseUrl}/healthz`, { headers: { connection: 'close' } });
      await r.text();
      assert.equal(r.status, 200);
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    const worst = times[times.length - 1];
    t.diagnostic(`/healthz under ${SLOW} slow connections: ${times.length} probes, median ${times[times.length >> 1].toFixed(1)} ms, worst ${worst.toFixed(1)} ms`);
    assert.ok(worst < 1000, `worst /healthz ${worst.toFixed(0)} ms`);
    const cut = slow.clients.filter((cl) => cl.closedAt !== null);
    assert.ok(cut.length >= SLOW - 64, `over the cap: closed (${cut.length} of ${SLOW})`);
    await waitFor(() => slow.clients.every((cl) => cl.closedAt !== null), { timeoutMs: 8000, what: 'the header timeout cutting the rest' });
    for (const cl of slow.clients) assert.ok(cl.closedAt - cl.openedAt < 8000, `held ${cl.closedAt - cl.openedAt} ms`);
  } finally {
    slow.close();
  }
});
