// Zero-downtime deploys: three instances behind nginx under steady reads and writes; each instance in turn is taken
// out of the load balancer, stopped with SIGTERM (drains, exits 0), replaced, and put back once /readyz is 200 and
// it serves traffic. No request may fail and every acknowledged note must be in the database afterwards.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { waitFor } from '../lib/stack.mjs';
import { startCluster } from './lib/cluster.mjs';
import { startLoad, loadProgress } from './lib/load.mjs';

let c;
before(async () => {
  c = await startCluster({ n: 3 });
});
after(async () => {
  await c?.stop();
});

/** Requests this instance has finished, from its own /metrics. */
async function served(inst) {
  const text = await (await fetch(`${inst.url}/metrics`)).text();
  return [...text.matchAll(/^notejam_http_requests_total\{route="\/api\/v1\/notes"[^}]*\} (\d+)/gm)].reduce((s, m) => s + Number(m[1]), 0);
}

test('rolling restart of all three instances under load: zero failed requests, zero lost writes', async (t) => {
  const load = startLoad({ url: c.lb.url, tokens: c.tokens, workers: 6, tag: 'rolling' });
  await loadProgress(load, 100);
  const exits = [];
  for (let i = 0; i < c.instances.length; i++) {
    const old = c.instances[i];
    // 1. the load balancer stops sending new requests to it (Kubernetes: endpoint removal + preStop delay)
    await c.lb.setUpstreams(c.lb.upstreams.filter((p) => p !== old.port));
    // 2. SIGTERM: readyz turns 503, in-flight requests finish, exit 0
    exits.push(await old.stop('SIGTERM'));
    await loadProgress(load, 30);
    // 3. the replacement starts on the same port and is put back once ready
    const fresh = c.replacement(i);
    await fresh.start();
    await c.lb.setUpstreams([...c.lb.upstreams, fresh.port]);
    await waitFor(async () => (await served(fresh)) > 5, { what: `${fresh.name} serving through nginx` });
  }
  await loadProgress(load, 100);
  const { results, acked, failed, byStatus } = await load.stop();

  t.diagnostic(`${results.length} requests (${JSON.stringify(byStatus)}), ${acked.length} writes acknowledged`);
  assert.deepEqual(exits, [0, 0, 0], 'every SIGTERM drained and exited 0');
  assert.deepEqual(failed.map((r) => `${r.method} ${r.status} ${r.error ?? r.text.slice(0, 80)}`), [], `statuses ${JSON.stringify(byStatus)}`);
  assert.ok(results.length > 300 && acked.length > 100, `load ran: ${results.length} requests, ${acked.length} writes`);
  const present = c.notesPresent(acked);
  assert.deepEqual(acked.filter((id) => !present.has(id)), [], 'every acknowledged note is in the database');
  const upstreams = new Set(c.lb.accessLog().map((l) => l.upstream));
  assert.ok(upstreams.size >= 3, `traffic reached every instance: ${[...upstreams].join(' ')}`);
});
