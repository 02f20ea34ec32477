// Runs the load tools (wrk, pgbench) and parses what they print into numbers.
import { spawn } from 'node:child_process';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BENCH = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Runs a command; resolves with stdout, rejects (with stderr) on a non-zero exit. */
export function run(cmd, args, env = {}) {
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (err += d));
    p.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`${cmd} exited ${code}: ${err}${out}`))));
  });
}

/** wrk with one of bench/wrk/*.lua; returns req/s, latency percentiles (ms) and status counts. */
export async function wrk({ url, script, tokens, seconds, connections, threads = 2, delayMs = 0 }) {
  const out = await run('wrk', [`-t${threads}`, `-c${connections}`, `-d${seconds}s`, '--timeout', '10s', '-s',
    join(BENCH, 'wrk', script), url], { BENCH_TOKENS: tokens, BENCH_WRK_DIR: join(BENCH, 'wrk'), BENCH_DELAY_MS: String(delayMs) });
  const line = out.split('\n').find((l) => l.startsWith('WRKJSON '));
  if (!line) throw new Error(`wrk printed no summary:\n${out}`);
  const j = JSON.parse(line.slice(8));
  const ms = (us) => us / 1000;
  return {
    requests: j.requests, ok: j.ok, bad: j.bad, lastBad: j.last_bad,
    errors: j.connect_errors + j.read_errors + j.write_errors + j.timeouts,
    rps: j.requests / (j.duration_us / 1e6),
    p50: ms(j.p50_us), p90: ms(j.p90_us), p99: ms(j.p99_us), max: ms(j.max_us),
  };
}

/** pgbench -M prepared (or mode: 'extended', planned per call like the API's search statements) with a custom
 * script; returns transactions per second (without connection time). */
export async function pgbench({ dbUrl, script, seconds, clients, threads = 2, vars = {}, mode = 'prepared' }) {
  const args = ['-n', '-M', mode, `-c${clients}`, `-j${threads}`, `-T${seconds}`, '-f', join(BENCH, 'pgbench', script)];
  for (const [k, v] of Object.entries(vars)) args.push('-D', `${k}=${v}`);
  const out = await run('pgbench', [...args, dbUrl]);
  const m = out.match(/tps = ([\d.]+) \(without initial connection time\)/);
  const lat = out.match(/latency average = ([\d.]+) ms/);
  if (!m) throw new Error(`pgbench printed no tps:\n${out}`);
  return { tps: Number(m[1]), latencyAvg: lat ? Number(lat[1]) : null };
}
