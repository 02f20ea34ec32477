// Instructions per request, counted by callgrind inside begin_request (the whole request: parsing, auth, database
// client, JSON, response, log line; not the kernel): a noise-free yardstick for code changes on a busy machine.
// Usage: node bench/instr.mjs BINARY [BINARY...] [--requests=1000] [--path=/api/v1/notes?limit=20]
import { spawn, execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Agent, request } from 'node:http';
import { benchStack, stopBench } from './lib/setup.mjs';
import { freePort, waitFor } from '../tests/lib/stack.mjs';

const args = process.argv.slice(2);
const opt = (name, dflt) => (args.find((a) => a.startsWith(`--${name}=`)) ?? `=${dflt}`).split('=').slice(1).join('=');
const binaries = args.filter((a) => !a.startsWith('--'));
const n = Number(opt('requests', 1000));
const path = opt('path', '/api/v1/notes?limit=20');
if (!binaries.length) {
  console.error('usage: node bench/instr.mjs BINARY [BINARY...] [--requests=N] [--path=P]');
  process.exit(2);
}
execFileSync(join(import.meta.dirname, '..', 'scripts', 'ensure-apt.sh'), ['valgrind']);

function get(port, agent, token) {
  return new Promise((resolve, reject) => {
    const r = request({ host: '127.0.0.1', port, path, agent, headers: { authorization: `Bearer ${token}` } }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`status ${res.statusCode}`))));
    });
    r.on('error', reject);
    r.end();
  });
}

mkdirSync(join(import.meta.dirname, '..', 'build'), { recursive: true });
const b = await benchStack({ users: 1000, notes: 100000 });
const tokens = readFileSync(b.tokensFile, 'utf8').trim().split('\n');
try {
  for (const bin of binaries) {
    const port = freePort();
    const out = join(b.stack.dir, `callgrind.${port}`);
    const env = { ...b.stack.api.env, NOTEJAM_LISTEN: `127.0.0.1:${port}`, NOTEJAM_THREADS: '8' };
    const p = spawn('valgrind', ['--tool=callgrind', `--callgrind-out-file=${out}`, '--toggle-collect=begin_request',
      bin, 'serve'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    p.stderr.on('data', (d) => (err += d));
    await waitFor(async () => (await fetch(`http://127.0.0.1:${port}/healthz`)).ok, { timeoutMs: 60000, what: 'API under valgrind' });
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    for (let i = 0; i < n; i++) await get(port, agent, tokens[i % tokens.length]);
    agent.destroy();
    p.kill('SIGTERM');
    await new Promise((r) => p.on('exit', r));
    const m = readFileSync(out, 'utf8').match(/^summary: (\d+)/m) ?? readFileSync(out, 'utf8').match(/^totals: (\d+)/m);
    if (!m) throw new Error(`no callgrind totals:\n${err}`);
    // the healthz polls during start-up are counted too; they are tiny next to n list requests
    const report = join(import.meta.dirname, '..', 'build', `instr-${bin.split('/').pop()}.txt`);
    writeFileSync(report, execFileSync('callgrind_annotate', ['--inclusive=yes', out], { maxBuffer: 1 << 26 }));
    console.log(`${bin}: ${(Number(m[1]) / n / 1000).toFixed(1)}k instructions per request (${n} x GET ${path}); ` +
      `functions: ${report}`);
  }
} finally {
  await stopBench(b);
}
