// A whole Notejam stack for tests: private PostgreSQL + Redis (tests/lib/pg.sh, redis.sh), migrations, and the API
// binary on free ports in a temporary directory. No npm dependencies.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import { waitFor } from './wait.mjs';

export { waitFor };

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const LIB = join(ROOT, 'tests', 'lib');

export function freePort() {
  return Number(execFileSync(join(LIB, 'free-port.sh')).toString().trim());
}

/** Polls fn (async, truthy = done) every 50 ms until it succeeds or timeoutMs passes. */

/** The API's sanitizer options under ASan (a test may append to them). */
export const ASAN_OPTIONS = 'detect_leaks=1:abort_on_error=0:exitcode=23';

/** Starts PostgreSQL, Redis and the API. opts.env adds NOTEJAM_* variables; opts.webRoot serves the SPA at /. */
export async function startStack(opts = {}) {
  const dir = mkdtempSync(join(opts.tmp ?? tmpdir(), 'notejam-stack-'));
  const mailDir = join(dir, 'outbox');
  mkdirSync(mailDir);
  const sh = (script, ...args) => execFileSync(join(LIB, script), args).toString().trim();
  const pgUrl = sh('pg.sh', 'start', join(dir, 'pg'));
  const redisUrl = sh('redis.sh', 'start', join(dir, 'redis'));
  const asan = opts.asan ?? process.env.NOTEJAM_TEST_ASAN === '1';
  const binary = opts.binary ?? join(ROOT, 'build', asan ? 'asan/notejam' : 'notejam');
  const port = opts.port ?? freePort();
  const jwtKey = randomBytes(32).toString('base64');
  const env = {
    PATH: process.env.PATH,
    NOTEJAM_LISTEN: `127.0.0.1:${port}`,
    NOTEJAM_DATABASE_URL: pgUrl,
    NOTEJAM_REDIS_URL: redisUrl,
    NOTEJAM_JWT_KEYS: `test1:${jwtKey}`,
    NOTEJAM_MIGRATIONS_DIR: join(ROOT, 'api', 'migrations'),
    NOTEJAM_MAIL_DIR: mailDir,
    NOTEJAM_COOKIE_SECURE: 'false',
    NOTEJAM_PUBLIC_URL: `http://127.0.0.1:${port}`,
    NOTEJAM_RATE_LIMIT: '1000',
    NOTEJAM_THREADS: '64',
    NOTEJAM_SHUTDOWN_GRACE: '10',
    ...(opts.webRoot ? { NOTEJAM_WEB_ROOT: opts.webRoot } : {}),
    ...(asan
      ? {
          ASAN_OPTIONS,
          UBSAN_OPTIONS: 'print_stacktrace=1:halt_on_error=1',
          LSAN_OPTIONS: `suppressions=${join(LIB, 'lsan.supp')}`,
        }
      : {}),
    ...(opts.env ?? {}),
  };
  // Migrations as the schema owner (the superuser here); the API as notejam_api, the least-privilege role migration
  // 0002 creates (trust auth: LOGIN is all it needs here), so every API test also proves those grants suffice.
  execFileSync(binary, ['migrate'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  execFileSync('psql', [pgUrl, '-Xqc', 'ALTER ROLE notejam_api LOGIN']);
  env.NOTEJAM_DATABASE_URL = pgUrl.replace('postgresql://postgres@', 'postgresql://notejam_api@');

  const baseUrl = `http://127.0.0.1:${port}`;
  let proc = null;
  let logs = '';
  let exited = null;
  const api = {
    env,
    port,
    get pid() {
      return proc?.pid;
    },
    logs: () => logs,
    async start() {
      logs += '';
      exited = new Promise((resolve) => {
        proc = spawn(binary, ['serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
        proc.stdout.on('data', (d) => (logs += d));
        proc.stderr.on('data', (d) => (logs += d));
        proc.on('exit', (code, signal) => resolve(code ?? signal));
      });
      await waitFor(async () => (await fetch(`${baseUrl}/healthz`)).ok, { what: 'API /healthz' });
    },
    /** Sends signal and resolves with the exit code (or signal name). */
    async stop(signal = 'SIGTERM') {
      if (!proc || proc.exitCode !== null || proc.signalCode !== null) return exited;
      proc.kill(signal);
      return exited;
    },
    get exited() {
      return exited;
    },
  };
  const pg = {
    url: pgUrl,
    stop: async () => sh('pg.sh', 'stop', join(dir, 'pg')),
    start: async () => sh('pg.sh', 'start', join(dir, 'pg')),
  };
  const redis = {
    url: redisUrl,
    stop: async () => sh('redis.sh', 'stop', join(dir, 'redis')),
    start: async () => sh('redis.sh', 'start', join(dir, 'redis')),
  };
  const stack = {
    dir,
    baseUrl,
    mailDir,
    jwtKey,
    pg,
    redis,
    api,
    /** Stops everything; resolves with the API's exit code (0 = drained cleanly, and under ASan: no leak). */
    async stop() {
      const code = await api.stop('SIGTERM');
      await pg.stop();
      await redis.stop();
      if (!opts.keep) rmSync(dir, { recursive: true, force: true });
      return code;
    },
  };
  try {
    await api.start();
  } catch (e) {
    await stack.stop();
    throw new Error(`${e.message}\n${logs}`);
  }
  return stack;
}

// CLI for shell suites: `node tests/lib/stack.mjs` prints NOTEJAM_* lines, then runs until SIGTERM/SIGINT.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const s = await startStack({ keep: false });
  process.stdout.write(
    `NOTEJAM_BASE_URL=${s.baseUrl}\nNOTEJAM_DATABASE_URL=${s.pg.url}\nNOTEJAM_REDIS_URL=${s.redis.url}\n` +
      `NOTEJAM_MAIL_DIR=${s.mailDir}\nNOTEJAM_STACK_DIR=${s.dir}\n`,
  );
  const done = async () => {
    await s.stop();
    process.exit(0);
  };
  process.on('SIGTERM', done);
  process.on('SIGINT', done);
}
