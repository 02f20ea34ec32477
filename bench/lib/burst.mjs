// Sign-in burst: many concurrent sign-ins (each an Argon2id verification) while a few clients keep reading notes
// and /metrics is polled. Shows the hashing cap holds and what the burst does to other requests' latency.
import { Agent, request } from 'node:http';

const percentile = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] : NaN;
};

function call(agent, port, method, path, { token, body } = {}) {
  return new Promise((resolve) => {
    const headers = {};
    if (token) headers.authorization = `Bearer ${token}`;
    if (body) headers['content-type'] = 'application/json';
    const t0 = performance.now();
    const r = request({ host: '127.0.0.1', port, method, path, agent, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode, ms: performance.now() - t0, text }));
    });
    r.on('error', () => resolve({ status: 0, ms: performance.now() - t0, text: '' }));
    r.end(body ? JSON.stringify(body) : undefined);
  });
}

/** Closed-loop reader of GET /api/v1/notes until stop() is called; collects latencies. */
function reader(port, tokens, clients) {
  const agent = new Agent({ keepAlive: true, maxSockets: clients });
  const lat = [];
  let bad = 0, running = true;
  const loops = Array.from({ length: clients }, async (_, i) => {
    for (let k = i; running; k += clients) {
      const r = await call(agent, port, 'GET', '/api/v1/notes?limit=20', { token: tokens[k % tokens.length] });
      if (r.status === 200) lat.push(r.ms);
      else bad++;
    }
  });
  return {
    lat,
    async stop() {
      running = false;
      await Promise.all(loops);
      agent.destroy();
      return { p50: percentile(lat, 50), p99: percentile(lat, 99), max: Math.max(...lat), requests: lat.length, bad };
    },
  };
}

/** Polls /metrics for the hashing gauges; returns their maxima on stop(). */
function gaugeWatcher(port) {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  let running = true, maxInProgress = 0, maxWaiting = 0, samples = 0;
  const loop = (async () => {
    while (running) {
      const r = await call(agent, port, 'GET', '/metrics');
      const ip = r.text.match(/^notejam_password_hash_in_progress (\d+)/m);
      const w = r.text.match(/^notejam_password_hash_waiting (\d+)/m);
      if (ip) maxInProgress = Math.max(maxInProgress, Number(ip[1]));
      if (w) maxWaiting = Math.max(maxWaiting, Number(w[1]));
      samples++;
      await new Promise((res) => setTimeout(res, 5));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      agent.destroy();
      return { maxInProgress, maxWaiting, samples };
    },
  };
}

/** users: [{email,password}]; signins: total sign-ins, concurrency: at once. */
export async function signinBurst({ port, tokens, users, signins, concurrency, readers = 4, baselineSeconds = 3 }) {
  const base = reader(port, tokens, readers);
  await new Promise((r) => setTimeout(r, baselineSeconds * 1000));
  const baseline = await base.stop();

  const during = reader(port, tokens, readers);
  const gauges = gaugeWatcher(port);
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const signinLat = [];
  const statuses = {};
  let next = 0;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < signins) {
      const u = users[next++ % users.length];
      const r = await call(agent, port, 'POST', '/api/v1/auth/signin', { body: { email: u.email, password: u.password } });
      statuses[r.status] = (statuses[r.status] ?? 0) + 1;
      if (r.status === 200) signinLat.push(r.ms);
    }
  }));
  const seconds = (performance.now() - t0) / 1000;
  agent.destroy();
  const g = await gauges.stop();
  const d = await during.stop();
  return {
    signins, concurrency, seconds, statuses, signinsPerSec: signinLat.length / seconds,
    signinP50: percentile(signinLat, 50), signinP99: percentile(signinLat, 99),
    maxHashInProgress: g.maxInProgress, maxHashWaiting: g.maxWaiting, gaugeSamples: g.samples,
    baseline, during: d,
  };
}
