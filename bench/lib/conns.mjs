// N keep-alive connections, each sending GET requests back to back (closed loop) for a while, with a count per
// connection: wrk reports totals only, so a starved connection would not show there.
import { connect } from 'node:net';

const percentile = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN);

/** One connection's loop; resolves with its count and latencies once the deadline passed and its last answer came. */
function runConnection({ port, path, token, deadline, latencies }) {
  return new Promise((resolve) => {
    const req = `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${token}\r\n\r\n`;
    const s = connect({ host: '127.0.0.1', port });
    let count = 0, errors = 0, buf = Buffer.alloc(0), need = -1, headerEnd = -1, sentAt = 0;
    const send = () => {
      sentAt = performance.now();
      s.write(req);
    };
    const finish = () => {
      s.destroy();
      resolve({ count, errors });
    };
    s.setNoDelay(true);
    s.on('connect', send);
    s.on('error', () => {
      errors++;
      finish();
    });
    s.on('close', () => resolve({ count, errors }));
    s.on('data', (d) => {
      buf = buf.length ? Buffer.concat([buf, d]) : d;
      for (;;) {
        if (headerEnd < 0) {
          headerEnd = buf.indexOf('\r\n\r\n');
          if (headerEnd < 0) return;
          const head = buf.subarray(0, headerEnd).toString('latin1');
          const m = head.match(/\r\ncontent-length: *(\d+)/i);
          need = headerEnd + 4 + (m ? Number(m[1]) : 0);
          if (!head.startsWith('HTTP/1.1 200')) errors++;
        }
        if (buf.length < need) return;
        latencies.push(performance.now() - sentAt);
        count++;
        buf = buf.subarray(need);
        headerEnd = -1;
        if (performance.now() >= deadline) return finish();
        send();
      }
    });
  });
}

/** Opens n connections at once and runs them for seconds; returns per-connection counts and latency percentiles. */
export async function manyConnections({ port, path, tokens, n, seconds }) {
  const latencies = [];
  const start = performance.now();
  const deadline = start + seconds * 1000;
  const results = await Promise.all(Array.from({ length: n }, (_, i) =>
    runConnection({ port, path, token: tokens[i % tokens.length], deadline, latencies })));
  const elapsed = (performance.now() - start) / 1000;
  const counts = results.map((r) => r.count).sort((a, b) => a - b);
  latencies.sort((a, b) => a - b);
  return {
    connections: n,
    served: counts.filter((c) => c > 0).length,
    minPerConn: counts[0], medianPerConn: percentile(counts, 50), maxPerConn: counts[counts.length - 1],
    errors: results.reduce((s, r) => s + r.errors, 0),
    requests: latencies.length, rps: latencies.length / elapsed,
    p50: percentile(latencies, 50), p99: percentile(latencies, 99), max: latencies[latencies.length - 1],
  };
}
