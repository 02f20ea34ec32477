// Steady load through the load balancer: workers alternate reads (GET /api/v1/notes) and writes (POST a note),
// one TCP connection per request (no client keep-alive, so a closing proxy connection is never the client's
// failure), and every outcome is recorded with its start and end time. Acknowledged writes (201 + id) are what
// must be in the database afterwards.
import { request } from 'node:http';
import { waitFor } from '../../lib/wait.mjs';

function once(url, method, path, token, body, timeoutMs) {
  return new Promise((resolve) => {
    const u = new URL(path, url);
    const start = Date.now();
    const headers = { authorization: `Bearer ${token}`, connection: 'close' };
    if (body) headers['content-type'] = 'application/json';
    const done = (status, text, error) => resolve({ method, path, status, text, error, start, end: Date.now() });
    const r = request({ host: u.hostname, port: u.port, method, path: u.pathname + u.search, headers, agent: false, timeout: timeoutMs }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (text += d));
      res.on('end', () => done(res.statusCode, text));
      res.on('error', (e) => done(0, text, e.message));
    });
    r.on('timeout', () => r.destroy(new Error('client timeout')));
    r.on('error', (e) => done(0, '', e.message));
    r.end(body ? JSON.stringify(body) : undefined);
  });
}

/** Starts workers against url; stop() resolves with { results, acked, failed, byStatus }. */
export function startLoad({ url, tokens, workers = 6, writeShare = 0.5, pauseMs = 2, timeoutMs = 15000, tag = 'load' }) {
  const results = [];
  let running = true;
  let seq = 0;
  const period = writeShare > 0 ? Math.max(1, Math.round(1 / writeShare)) : Infinity;
  const loops = Array.from({ length: workers }, async (_, w) => {
    for (let i = 0; running; i++) {
      const token = tokens[(w + i * workers) % tokens.length];
      const write = (i + w) % period === 0;
      const name = `${tag}-${w}-${seq++}`;
      const r = write
        ? await once(url, 'POST', '/api/v1/notes', token, { name, text: `written under load by worker ${w}` }, timeoutMs)
        : await once(url, 'GET', '/api/v1/notes?limit=5', token, null, timeoutMs);
      if (write) r.name = name;
      if (write && r.status === 201) r.id = JSON.parse(r.text).id;
      results.push(r);
      if (pauseMs) await new Promise((res) => setTimeout(res, pauseMs)); // pacing: a worker's think time
    }
  });
  return {
    results,
    /** Outcomes so far that are not 2xx. */
    failures: () => results.filter((r) => !(r.status >= 200 && r.status < 300)),
    async stop() {
      running = false;
      await Promise.all(loops);
      const byStatus = {};
      for (const r of results) byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
      return {
        results,
        acked: results.filter((r) => r.id).map((r) => r.id),
        failed: results.filter((r) => !(r.status >= 200 && r.status < 300)),
        byStatus,
      };
    },
  };
}

/** Waits until the load has produced at least n more results. */
export async function loadProgress(load, n, timeoutMs = 20000) {
  const target = load.results.length + n;
  await waitFor(() => load.results.length >= target, { timeoutMs, intervalMs: 20, what: `${n} more load results` });
}

/** Keeps a scenario going (e.g. a dependency down) until ms have passed and at least n more results came in. */
export async function holdUnderLoad(load, ms, n, timeoutMs = ms + 20000) {
  const t0 = Date.now();
  const target = load.results.length + n;
  await waitFor(() => Date.now() - t0 >= ms && load.results.length >= target,
    { timeoutMs, intervalMs: 20, what: `${ms} ms and ${n} more load results` });
}
