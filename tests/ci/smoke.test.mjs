// The post-deploy smoke test and the services integration script against the real API (build/notejam) with
// private PostgreSQL and Redis servers (tests/lib/stack.mjs), as in CI but on loopback.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtemp, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { repoRoot } from './lib/gcl.mjs';
import { run, freePort } from './lib/proc.mjs';
import { waitFor } from '../lib/wait.mjs';
import { startStack } from '../lib/stack.mjs';

const smoke = path.join(repoRoot, 'ci/bin/smoke-test.sh');
const binary = path.join(repoRoot, 'build/notejam');
let stack; let webRoot; let version;

before(async () => {
  execFileSync('make', ['-C', repoRoot, '--no-print-directory', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });
  version = execFileSync(binary, ['version'], { encoding: 'utf8' }).match(/^notejam (\S+)/)[1];
  webRoot = await mkdtemp(path.join(tmpdir(), 'notejam-spa-'));
  await writeFile(path.join(webRoot, 'index.html'), '<!doctype html><title>Notejam</title><div id="app"></div>');
  stack = await startStack({ webRoot });
});
after(async () => { await stack?.stop(); if (webRoot) await rm(webRoot, { recursive: true, force: true }); });

test('smoke-test.sh passes against a healthy Notejam: API, SPA, health, version, a full write round trip', async () => {
  const r = await run(smoke, [stack.baseUrl, '--spa', '--direct', '--version', version, '--write']);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  for (const check of ['401 problem+json', 'GET / -> SPA', 'GET /pads/smoke-deep-link -> SPA', 'GET /healthz -> 200',
    'GET /readyz -> 200', `GET /version -> ${version}`, 'created and read back', 'account deleted']) {
    assert.ok(r.stdout.includes(check), `missing check "${check}":\n${r.stdout}`);
  }
});

test('smoke-test.sh fails on a wrong version and on a server that is not Notejam', async () => {
  const wrong = await run(smoke, [stack.baseUrl, '--direct', '--version', '9.9.9-not-deployed']);
  assert.notEqual(wrong.code, 0);
  assert.match(wrong.stderr, /FAIL GET \/version/);

  const port = freePort();
  const dir = await mkdtemp(path.join(tmpdir(), 'not-notejam-'));
  const other = spawn('python3', ['-m', 'http.server', String(port), '--bind', '127.0.0.1', '--directory', dir], { stdio: 'ignore' });
  try {
    await waitFor(async () => (await fetch(`http://127.0.0.1:${port}/`)).ok, { what: 'http.server' });
    const r = await run(smoke, [`http://127.0.0.1:${port}`], { env: { SMOKE_WAIT: '5' } });
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /FAIL GET \/api\/v1\/me: want 401 problem\+json, got 404/);
  } finally {
    other.kill('SIGTERM');
    await rm(dir, { recursive: true, force: true });
  }
});

test('smoke-test.sh gives up after SMOKE_WAIT when nothing answers', async () => {
  const started = Date.now();
  const r = await run(smoke, [`http://127.0.0.1:${freePort()}`], { env: { SMOKE_WAIT: '3' } });
  assert.notEqual(r.code, 0);
  assert.match(r.stderr, /no answer .* within 3s/);
  assert.ok(Date.now() - started < 20_000);
});

test('integration-test.sh (the services job): migrate, serve, smoke, graceful SIGTERM exit 0', async () => {
  const r = await run(path.join(repoRoot, 'ci/bin/integration-test.sh'), [binary], {
    env: { NOTEJAM_DATABASE_URL: stack.pg.url, NOTEJAM_REDIS_URL: stack.redis.url, VERSION: version }, timeout: 180_000 });
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /migrations applied/);
  assert.match(r.stdout, new RegExp(`GET /version -> ${version.replace(/[.+]/g, '\\$&')}`));
  assert.match(r.stdout, /passed \(graceful shutdown, exit 0\)/);
  assert.doesNotMatch(r.stdout + r.stderr, /ci:[A-Za-z0-9+/]{40,}/, 'the JWT key leaked into the output');
});
