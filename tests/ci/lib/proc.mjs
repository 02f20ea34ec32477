// Small process helpers for the script tests: run a command and capture it, start moto_server on a free port.
import { execFile, spawn, execFileSync } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from './gcl.mjs';
import { waitFor } from '../../lib/wait.mjs';

// run(cmd, args, {env, cwd, input}) -> {code, stdout, stderr}; never throws on a non-zero exit.
export function run(cmd, args, { env = {}, cwd = repoRoot, timeout = 120_000 } = {}) {
  return new Promise((resolve) => {
    execFile(cmd, args, { cwd, timeout, env: { ...process.env, ...env }, maxBuffer: 16 << 20 },
      (err, stdout, stderr) => resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr }));
  });
}

export function freePort() {
  return Number(execFileSync(path.join(repoRoot, 'tests/lib/free-port.sh'), { encoding: 'utf8' }).trim());
}

// AWS stand-in: moto_server (the machine's preinstalled AWS emulator) on a loopback port. Returns {url, env, stop}.
export async function startMoto() {
  const port = freePort();
  const proc = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}`;
  await waitFor(async () => (await fetch(`${url}/moto-api/`)).ok, { what: 'moto_server' });
  const env = { AWS_ENDPOINT_URL: url, AWS_REGION: 'eu-west-1', AWS_DEFAULT_REGION: 'eu-west-1',
    AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing', AWS_EC2_METADATA_DISABLED: 'true' };
  return { url, env, stop: () => new Promise((r) => { proc.once('exit', r); proc.kill('SIGTERM'); }) };
}

// make's database for the root Makefile and mk/*.mk: every variable and target, nothing is built.
export function makeDatabase() {
  try {
    return execFileSync('make', ['-C', repoRoot, '-pRrq', ':'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 << 20 });
  } catch (e) { return e.stdout; }
}

// Every target the root Makefile and mk/*.mk define.
export function definedTargets() {
  return new Set([...makeDatabase().matchAll(/^([A-Za-z0-9_.-]+):/gm)].map((m) => m[1]));
}
