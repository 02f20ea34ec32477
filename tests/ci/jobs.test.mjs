// The lint and build jobs that need no services run for real, through gitlab-ci-local's shell executor with
// isolation (each job in its own copy of the tracked files, artifacts and dotenv passed on as in GitLab).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { access, readdir } from 'node:fs/promises';
import path from 'node:path';
import { gcl, seedTemplates, repoRoot } from './lib/gcl.mjs';
import { definedTargets } from './lib/proc.mjs';

// job -> the make targets it runs (null: a script only). lint:dockerfile needs the hadolint image: not run here.
const LOCAL_JOBS = {
  version: [],
  'lint:shell': ['lint-sh'],
  'lint:c': ['lint-c'],
  'lint:openapi': ['test-openapi'],
  'build:api': ['build', 'install'],
  'build:web': ['web-build'],
};
// gitlab-ci-local keeps a job's artifacts in a folder named like its container: characters other than
// letters, digits, _ and - base64url-encoded (':' -> 'Og').
const artifacts = (job) => path.join(repoRoot, '.gitlab-ci-local/artifacts',
  job.replace(/[^\w-]+/g, (m) => Buffer.from(m).toString('base64url')));
let run;          // one gitlab-ci-local run of every job above: {code, stdout, stderr, jobs}

before(async () => {
  const defined = definedTargets();
  const missing = Object.values(LOCAL_JOBS).flat().filter((t) => !defined.has(t));
  assert.deepEqual(missing, [], 'the pipeline runs make targets that do not exist');
  const jobs = Object.keys(LOCAL_JOBS);
  await seedTemplates();
  const r = await gcl(['--shell-isolation', '--force-shell-executor', '--concurrency', '2', ...jobs],
    { context: 'main', timeout: 540_000 });
  run = { ...r, jobs };
});

for (const job of Object.keys(LOCAL_JOBS)) {
  test(`job ${job} passes when run locally`, async () => {
    const log = run.stdout + run.stderr;
    const name = job.replace(/[:]/g, '\\$&');
    assert.match(log, new RegExp(`(PASS|FAIL)\\s+${name}\\b`), `gitlab-ci-local did not run ${job}:\n${log.slice(-3000)}`);
    assert.match(log, new RegExp(`PASS\\s+${name}\\b`), `${job} failed:\n${log.slice(-3000)}`);
  });
}

test('the version job hands VERSION to the build, and the binary reports it', async () => {
  const log = run.stdout;
  const version = log.match(/version\s+> VERSION=(\S+)/)?.[1];
  assert.ok(version, 'version job printed no VERSION');
  assert.match(version, /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/, 'VERSION is not semver');
  const line = log.split('\n').find((l) => /^build:api\s+> /.test(l) && l.includes(version));
  assert.ok(line, `build/notejam version did not print ${version}`);
  // make install put the binary and the migrations where the artifact paths expect them.
  const art = path.join(artifacts('build:api'), 'build/dist/usr');
  await access(path.join(art, 'bin/notejam'));
  await access(path.join(art, 'share/notejam/migrations/0001_init.sql'));
});

test('build:web keeps the SPA bundle as the artifact the deploys publish: index.html and hashed assets/', async () => {
  const dist = path.join(artifacts('build:web'), 'web/dist');
  await access(path.join(dist, 'index.html'));
  const assets = await readdir(path.join(dist, 'assets'));
  assert.ok(assets.some((f) => /-[A-Za-z0-9]{6,}\.js$/.test(f)), `no hashed script in assets/: ${assets}`);
});
