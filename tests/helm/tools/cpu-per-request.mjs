// Quick load profile of a running API process, to size the chart's requests/limits (not part of make test).
// Usage: node cpu-per-request.mjs BASE_URL API_PID [REQUESTS=2000] [CONCURRENCY=16]
// Prints, per request kind: CPU ms per request (from /proc/PID/stat), requests/s, and the process's peak RSS.
import { readFileSync } from 'node:fs';
import http from 'node:http';

const [base, pid, total = '2000', concurrency = '16'] = process.argv.slice(2);
if (!base || !pid) { console.error('usage: cpu-per-request.mjs BASE_URL API_PID [REQUESTS] [CONCURRENCY]'); process.exit(2); }
const agent = new http.Agent({ keepAlive: true, maxSockets: Number(concurrency) });
const TICK_MS = 10; // USER_HZ = 100 on Linux

function call(method, path, body, token) {
  return new Promise((resolve, reject) => {
    const data = body ? JSON.stringify(body) : undefined;
    const req = http.request(new URL(path, base), {
      method, agent,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(data ? { 'content-length': Buffer.byteLength(data) } : {}) },
    }, (res) => {
      let text = '';
      res.on('data', (c) => { text += c; });
      res.on('end', () => resolve({ status: res.statusCode, json: text ? JSON.parse(text) : null }));
    });
    req.on('error', reject);
    req.end(data);
  });
}

function cpuTicks() {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return Number(fields[11]) + Number(fields[12]); // utime + stime
}
const kib = (key) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]);

async function phase(name, n, make) {
  const before = cpuTicks();
  const start = process.hrtime.bigint();
  let next = 0, failed = 0;
  const worker = async () => {
    while (next < n) {
      const i = next++;
      const { status } = await make(i);
      if (status >= 400) failed++;
    }
  };
  await Promise.all(Array.from({ length: Math.min(Number(concurrency), n) }, worker));
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const cpuMs = (cpuTicks() - before) * TICK_MS;
  console.log(`${name.padEnd(28)} ${String(n).padStart(6)} req  ${(cpuMs / n).toFixed(3).padStart(7)} ms CPU/req  ` +
    `${(n / seconds).toFixed(0).padStart(6)} req/s  failed ${failed}`);
}

const email = `load-${Date.now()}@example.com`;
const password = 'correct horse battery staple 42';
const signup = await call('POST', '/api/v1/auth/signup', { email, password });
if (signup.status !== 201) throw new Error(`signup: ${signup.status}`);
const token = signup.json.access_token;
const pad = (await call('POST', '/api/v1/pads', { name: 'load' }, token)).json;
const n = Number(total);
console.log(`API pid ${pid}, ${n} requests per phase, concurrency ${concurrency}`);
await phase('GET /healthz', n, () => call('GET', '/healthz'));
await phase('POST /api/v1/notes', n, (i) => call('POST', '/api/v1/notes', { name: `note ${i}`, text: 'x'.repeat(500), pad_id: pad.id }, token));
await phase('GET /api/v1/notes?limit=20', n, () => call('GET', '/api/v1/notes?limit=20', null, token));
await phase('GET /api/v1/pads', n, () => call('GET', '/api/v1/pads', null, token));
await phase('POST /api/v1/auth/signin', Math.max(20, Math.floor(n / 20)), () => call('POST', '/api/v1/auth/signin', { email, password }));
console.log(`RSS now ${(kib('VmRSS') / 1024).toFixed(1)} MiB, peak ${(kib('VmHWM') / 1024).toFixed(1)} MiB, threads ${kib('Threads')}`);
agent.destroy();
