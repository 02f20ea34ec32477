// Runtime contract: bad config exits 2 naming the variable; SIGTERM drains; PostgreSQL or Redis going away gives
// 503s (never a crash or a hang) and the API recovers by itself; a stalled database times out within budget;
// migrations are idempotent and safe to run twice at once.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { setup, teardown, waitFor } from './helpers.mjs';

let t;
before(async () => {
  t = await setup({ env: { NOTEJAM_DB_TIMEOUT_MS: '3000', NOTEJAM_REDIS_TIMEOUT_MS: '300' } });
});
after(async () => {
  await teardown(t);
});

const runBinary = (env, args = ['serve']) => {
  const bin = t.stack.api.env && process.env.NOTEJAM_TEST_ASAN === '1' ? 'asan/notejam' : 'notejam';
  return spawnSync(new URL(`../../build/${bin}`, import.meta.url).pathname, args,
    { env: { PATH: process.env.PATH, ...env }, encoding: 'utf8', timeout: 10000 });
};

test('bad or missing configuration: one line naming the variable, exit code 2, no secret echoed', () => {
  const base = { ...t.stack.api.env, NOTEJAM_LISTEN: '127.0.0.1:1' };
  const cases = [
    [{ ...base, NOTEJAM_REDIS_URL: undefined }, 'NOTEJAM_REDIS_URL'],
    [{ ...base, NOTEJAM_JWT_KEYS: 'k1:c2hvcnQtc2VjcmV0' }, 'NOTEJAM_JWT_KEYS'],
    [{ ...base, NOTEJAM_ACCESS_TTL: 'soon' }, 'NOTEJAM_ACCESS_TTL'],
    [{ ...base, NOTEJAM_DATABASE_URL: 'mysql://root:hunter2secret@db' }, 'NOTEJAM_DATABASE_URL'],
    [{ ...base, NOTEJAM_REDIS_URL: 'redis://:hunter2secret@host:notaport' }, 'NOTEJAM_REDIS_URL'],
  ];
  for (const [env, name] of cases) {
    for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
    const r = runBinary(env);
    assert.equal(r.status, 2, `${name}: ${r.stderr}`);
    const lines = r.stderr.trim().split('\n');
    assert.equal(lines.length, 1, r.stderr);
    assert.ok(lines[0].includes(name), lines[0]);
    assert.ok(!r.stderr.includes('hunter2secret') && !r.stdout.includes('hunter2secret'));
  }
});

test('migrations: idempotent, and two concurrent runs on a fresh database both succeed', async () => {
  const admin = t.stack.pg.url.replace(/\/notejam$/, '/postgres');
  execFileSync('psql', [admin, '-qc', 'CREATE DATABASE migrate_race']);
  const url = t.stack.pg.url.replace(/\/notejam$/, '/migrate_race');
  const env = { ...t.stack.api.env, NOTEJAM_DATABASE_URL: url };
  const bin = new URL(`../../build/${process.env.NOTEJAM_TEST_ASAN === '1' ? 'asan/' : ''}notejam`, import.meta.url).pathname;
  const run = () => new Promise((resolve) => spawn(bin, ['migrate'], { env, stdio: 'ignore' }).on('exit', resolve));
  assert.deepEqual(await Promise.all([run(), run()]), [0, 0]);
  assert.equal(await run(), 0);
  const rows = execFileSync('psql', [url, '-Atc', 'SELECT count(*), min(version) FROM schema_migrations']).toString().trim();
  const files = readdirSync(new URL('../../api/migrations/', import.meta.url)).filter((f) => /^\d{4}_.+\.sql$/.test(f));
  assert.equal(rows, `${files.length}|1`, 'each migration file applied once');
});

/** Holds an exclusive lock on notes for ms milliseconds (or until its pg_sleep is cancelled); resolves once held. */
async function lockNotes(ms) {
  const p = spawn('psql', [t.stack.pg.url, '-q'], { stdio: ['pipe', 'ignore', 'ignore'] });
  p.stdin.write(`BEGIN; LOCK TABLE notes IN ACCESS EXCLUSIVE MODE; SELECT pg_sleep(${ms / 1000}); COMMIT;\n`);
  p.stdin.end();
  const done = new Promise((r) => p.on('exit', r));
  await waitFor(() => execFileSync('psql', [t.stack.pg.url, '-Atc',
    "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation WHERE c.relname = 'notes' AND l.mode = 'AccessExclusiveLock' AND l.granted"]).toString().trim() === '1',
  { what: 'lock on notes' });
  return { done };
}

/** Waits for the API to answer 200 again; on failure shows what the API says about its dependencies. */
async function recovered(check, what) {
  try {
    await waitFor(async () => (await check()).status === 200, { timeoutMs: 15000, what });
  } catch (e) {
    const m = (await t.get('/metrics')).text.split('\n').filter((l) => /_(errors_total|pool_)/.test(l)).join('\n');
    const ready = (await t.get('/readyz', undefined)).text;
    throw new Error(`${e.message}\nreadyz: ${ready}\n${m}\n${t.stack.api.logs().split('\n').slice(-10).join('\n')}`);
  }
}

test('a stalled database: 503 within the budget, other routes keep answering', async () => {
  const u = await t.signup();
  const held = await lockNotes(4000);
  const start = Date.now();
  const slow = t.get('/api/v1/notes', u.token);
  const health = await t.get('/healthz');
  assert.equal(health.status, 200, 'liveness does not wait for the database');
  const r = await slow;
  const took = Date.now() - start;
  assert.equal(r.status, 503);
  assert.ok(took < 5000, `answered in ${took} ms (budget 3000 ms)`);
  assert.ok(r.headers.get('retry-after'));
  await held.done;
  await recovered(() => t.get('/api/v1/notes', u.token), 'recovery after the stall');
});

test('PostgreSQL restart: 503 while down (fast, no crash), automatic recovery, no acknowledged write lost', async () => {
  const u = await t.signup();
  const acked = [];
  for (let i = 0; i < 5; i++) acked.push((await t.post('/api/v1/notes', { name: `before ${i}`, text: '' }, u.token)).body.id);
  await t.stack.pg.stop();
  const s = Date.now();
  const down = await t.get('/api/v1/notes', u.token);
  assert.equal(down.status, 503);
  assert.ok(Date.now() - s < 3000);
  const write = await t.post('/api/v1/notes', { name: 'during', text: '' }, u.token);
  assert.equal(write.status, 503);
  const ready = await t.get('/readyz');
  assert.equal(ready.status, 503);
  assert.equal(ready.body.checks.postgres, 'down');
  await t.stack.pg.start();
  await recovered(() => t.get('/api/v1/notes', u.token), 'PostgreSQL recovery');
  const ids = (await t.get('/api/v1/notes?limit=100', u.token)).body.items.map((n) => n.id);
  for (const id of acked) assert.ok(ids.includes(id), `note ${id} survived`);
  assert.equal((await t.get('/readyz')).status, 200);
  const m = await t.get('/metrics');
  assert.match(m.text, /notejam_db_errors_total\{kind="connect"\} [1-9]/);
});

test('Redis restart: sign-in 503, reads with a valid access token keep working, recovery by itself', async () => {
  const u = await t.signup();
  await t.post('/api/v1/notes', { name: 'kept', text: '' }, u.token);
  await t.stack.redis.stop();
  const signin = await t.post('/api/v1/auth/signin', { email: u.email, password: u.password });
  assert.equal(signin.status, 503);
  const refresh = await t.post('/api/v1/auth/refresh', { refresh_token: u.refresh });
  assert.equal(refresh.status, 503);
  const read = await t.get('/api/v1/notes', u.token);
  assert.equal(read.status, 200, 'reads do not need Redis');
  assert.equal(read.body.items[0].name, 'kept');
  assert.equal((await t.get('/readyz')).body.checks.redis, 'down');
  await t.stack.redis.start();
  await recovered(() => t.post('/api/v1/auth/signin', { email: u.email, password: u.password }), 'Redis recovery');
  assert.equal((await t.post('/api/v1/auth/refresh', { refresh_token: u.refresh })).status, 200, 'sessions persisted');
});

test('SIGTERM: readyz turns 503, the in-flight request finishes, exit code 0', async () => {
  const u = await t.signup();
  const held = await lockNotes(20000);
  const inflight = t.get('/api/v1/notes', u.token);
  await waitFor(async () => /notejam_http_requests_in_flight [2-9]/.test((await t.get('/metrics')).text), { what: 'request in flight' });
  const exit = t.stack.api.stop('SIGTERM');
  const ready = await waitFor(async () => {
    const x = await t.get('/readyz');
    return x.status === 503 && x;
  }, { what: 'readyz 503 after SIGTERM' });
  assert.equal(ready.body.status, 'draining');
  execFileSync('psql', [t.stack.pg.url, '-qc', "SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE query LIKE '%pg_sleep(20)%' AND pid <> pg_backend_pid()"]);
  const r = await inflight;
  assert.equal(r.status, 200, 'the in-flight request completed');
  assert.equal(await exit, 0);
  await held.done;
  await t.stack.api.start();
  assert.equal((await t.get('/readyz')).status, 200);
});
