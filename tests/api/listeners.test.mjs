// /metrics is for Prometheus only: with NOTEJAM_METRICS_LISTEN (the chart sets it) it answers on that second port,
// which the ALB's target group never registers, and the public port answers 404. The metrics port serves nothing
// but /metrics, /version and the probes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { freePort } from '../lib/stack.mjs';
import { setup, teardown } from './helpers.mjs';

let t, metricsUrl;
before(async () => {
  const port = freePort();
  metricsUrl = `http://127.0.0.1:${port}`;
  t = await setup({ env: { NOTEJAM_METRICS_LISTEN: `127.0.0.1:${port}` } });
});
after(async () => {
  await teardown(t);
});

test('/metrics answers on the metrics listener and 404 on the public one', async () => {
  const pub = await t.req('GET', '/metrics', { validate: false });
  assert.equal(pub.status, 404, 'not through the public port (the ALB)');
  const m = await fetch(`${metricsUrl}/metrics`);
  assert.equal(m.status, 200);
  assert.match(await m.text(), /^notejam_http_requests_total/m);
});

test('the metrics listener serves only ops routes; the public one still serves the API and the probes', async () => {
  assert.equal((await fetch(`${metricsUrl}/api/v1/pads`)).status, 404);
  assert.equal((await fetch(`${metricsUrl}/api/v1/auth/signin`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } })).status, 404);
  for (const path of ['/healthz', '/readyz', '/version']) {
    assert.equal((await fetch(`${metricsUrl}${path}`)).status, 200, `metrics port ${path}`);
    assert.equal((await t.get(path)).status, 200, `public port ${path}`);
  }
  assert.equal((await t.get('/api/v1/pads')).status, 401, 'the API is on the public port');
});
