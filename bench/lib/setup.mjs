// The benchmark stack: private PostgreSQL + Redis (tests/lib/stack.mjs), one API process logging to a file, the
// benchmark data (bench/data.sql) and an access token per user in a file for the wrk scripts.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startStack } from '../../tests/lib/stack.mjs';
import { apiInstance } from '../../tests/resilience/lib/instance.mjs';
import { accessToken } from '../../tests/resilience/lib/tokens.mjs';
import { BENCH } from './tools.mjs';

export const PASSWORD = 'bench password 1';
export const REAL_USERS = 5;

export const psql = (url, sql) => execFileSync('psql', [url, '-Atqc', sql]).toString().trim();

export async function benchStack({ users = 1000, notes = 100000, env = {}, binary } = {}) {
  const stack = await startStack({
    // one load generator on loopback opens up to 256 connections: no per-client cap (tests/resilience/slowloris)
    env: { NOTEJAM_THREADS: '300', NOTEJAM_RATE_LIMIT: '1000000', NOTEJAM_SHUTDOWN_GRACE: '5', NOTEJAM_MAX_CLIENT_CONNECTIONS: '0', ...env },
  });
  await stack.api.stop('SIGTERM'); // replaced by a process whose log goes to a file, not to this process's memory
  const api = apiInstance({ env: stack.api.env, name: 'api', dir: stack.dir, port: stack.api.port, binary });
  await api.start();
  // a few users through the API, so every stored hash is a real Argon2id hash of PASSWORD
  const real = [];
  for (let i = 1; i <= REAL_USERS; i++) {
    const email = `bench-real-${i}@example.org`;
    const r = await fetch(`${api.url}/api/v1/auth/signup`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: PASSWORD }),
    });
    if (r.status !== 201) throw new Error(`signup: ${r.status} ${await r.text()}`);
    real.push(email);
  }
  const t0 = Date.now();
  execFileSync('psql', [stack.pg.url, '-q', '-v', `users=${users}`, '-v', `notes=${notes}`, '-f', join(BENCH, 'data.sql')]);
  const dataSeconds = (Date.now() - t0) / 1000;
  const [first, last, count] = psql(stack.pg.url, 'SELECT min(id), max(id), count(*) FROM users').split('|').map(Number);
  const noteCount = Number(psql(stack.pg.url, 'SELECT count(*) FROM notes'));
  const tokensFile = join(stack.dir, 'tokens.txt');
  const ids = psql(stack.pg.url, 'SELECT id FROM users ORDER BY id').split('\n');
  writeFileSync(tokensFile, ids.map((id) => accessToken(stack.api.env.NOTEJAM_JWT_KEYS, id, { ttl: 86400 })).join('\n') + '\n');
  return { stack, api, tokensFile, firstUid: first, lastUid: last, users: count, notes: noteCount, real, dataSeconds };
}

export async function stopBench(b) {
  await b.api.stop('SIGTERM');
  await b.stack.stop();
}
