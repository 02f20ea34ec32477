// A/B comparison of two API binaries on the same data, for judging a code change on a noisy machine: both run at
// once against the same PostgreSQL/Redis and wrk alternates between them in short rounds; medians are compared.
// Usage: node bench/ab.mjs OLD_BINARY NEW_BINARY [rounds=5] [seconds=5] [connections=32] [script=notes_list.lua]
import { benchStack, stopBench } from './lib/setup.mjs';
import { wrk } from './lib/tools.mjs';
import { apiInstance } from '../tests/resilience/lib/instance.mjs';

const [oldBin, newBin, rounds = 5, seconds = 5, connections = 32, script = 'notes_list.lua'] = process.argv.slice(2);
if (!oldBin || !newBin) {
  console.error('usage: node bench/ab.mjs OLD_BINARY NEW_BINARY [rounds] [seconds] [connections] [script]');
  process.exit(2);
}
const b = await benchStack({ binary: oldBin });
const other = apiInstance({ env: b.stack.api.env, name: 'api-new', dir: b.stack.dir, binary: newBin });
await other.start();
const median = (xs) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
const res = { old: [], new: [] };
try {
  for (let i = 0; i < Number(rounds); i++) {
    for (const [k, api] of i % 2 ? [['new', other], ['old', b.api]] : [['old', b.api], ['new', other]]) {
      const cpu0 = api.cpuSeconds();
      const w = await wrk({ url: api.url, script, tokens: b.tokensFile, seconds: Number(seconds), connections: Number(connections) });
      res[k].push({ ...w, cpuMs: ((api.cpuSeconds() - cpu0) * 1000) / w.requests });
    }
  }
  const row = (k) => ({
    rps: median(res[k].map((r) => r.rps)), p50: median(res[k].map((r) => r.p50)), p99: median(res[k].map((r) => r.p99)),
    max: Math.max(...res[k].map((r) => r.max)), cpuMsPerReq: median(res[k].map((r) => r.cpuMs)),
    failed: res[k].reduce((s, r) => s + r.bad + r.errors, 0),
  });
  const o = row('old'), n = row('new');
  console.table({ old: o, new: n });
  console.log(`new/old req/s ${(n.rps / o.rps).toFixed(3)}, CPU per request ${(n.cpuMsPerReq / o.cpuMsPerReq).toFixed(3)}`);
} finally {
  await other.stop();
  await stopBench(b);
}
