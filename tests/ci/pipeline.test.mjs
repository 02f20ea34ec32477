// gitlab-ci-local validates .gitlab-ci.yml against GitLab's JSON schema and previews the pipeline as a merge
// request, the default branch, a release tag and each scheduled task would get it.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile, mkdtemp, cp, rm } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import { gcl, seedTemplates, pipelineJobs, repoRoot, contexts } from './lib/gcl.mjs';
import { firstMatch } from './lib/rules.mjs';

const CORE = ['version', 'lint:c', 'lint:shell', 'lint:openapi', 'lint:dockerfile', 'build:api', 'build:web',
  'test:unit', 'test:api', 'test:api-asan', 'test:web', 'test:helm', 'test:terraform', 'test:ops', 'test:monitoring',
  'test:ci', 'test:integration', 'test:coverage', 'package:image', 'package:chart', 'scan:image'];
const jobs = {};

before(async () => {
  await seedTemplates();
  for (const context of Object.keys(contexts)) jobs[context] = await pipelineJobs(context);
});

test('the configuration passes GitLab schema validation and every needs: resolves, for each kind of pipeline', async () => {
  for (const context of ['mr', 'main', 'tag', 'schedule:restore-drill', 'schedule:dr-plan', 'schedule:deps']) {
    const list = await gcl(['--list'], { context });
    assert.equal(list.code, 0, `${context}: --list failed\n${list.stderr}`);
    assert.match(list.stderr + list.stdout, /json schema validated/, `${context}: schema validation did not run`);
    const chain = await gcl(['--validate-dependency-chain'], { context });
    assert.equal(chain.code, 0, `${context}: needs do not resolve\n${chain.stderr}${chain.stdout}`);
  }
});

test('the schema validation rejects a broken configuration (the check is live)', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'gcl-broken-'));
  try {
    await cp(path.join(repoRoot, '.gitlab-ci.yml'), path.join(dir, '.gitlab-ci.yml'));
    await cp(path.join(repoRoot, 'ci'), path.join(dir, 'ci'), { recursive: true });
    const lint = path.join(dir, 'ci/lint.yml');
    await writeFile(lint, `${await readFile(lint, 'utf8')}
lint:broken:
  stage: lint
  script: [make lint-c]
  when: sometimes          # not a valid value
  artifacts:
    reprots: {}            # misspelt keyword
`);
    execFileSync('git', ['init', '-q'], { cwd: dir });
    execFileSync('git', ['add', '-A'], { cwd: dir });
    await seedTemplates(dir);
    const r = await gcl(['--list'], { context: 'main', cwd: dir });
    assert.notEqual(r.code, 0, 'a misspelt keyword passed validation');
    assert.match(r.stderr + r.stdout, /reprots|sometimes|schema/i);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('workflow: pipelines for merge requests, the default branch, semver tags and schedules only', async () => {
  const { workflow } = YAML.parse(await readFile(path.join(repoRoot, '.gitlab-ci.yml'), 'utf8'));
  const runs = (vars) => firstMatch(workflow.rules, { CI_DEFAULT_BRANCH: 'main', ...vars }) !== null;
  assert.ok(runs(contexts.mr.set));
  assert.ok(runs(contexts.main.set));
  assert.ok(runs(contexts.tag.set));
  assert.ok(runs({ CI_COMMIT_TAG: 'v2.0.0-rc.1', CI_PIPELINE_SOURCE: 'push' }));
  assert.ok(runs(contexts['schedule:deps'].set));
  assert.ok(!runs(contexts.branch.set), 'a plain branch push would start a duplicate pipeline');
  assert.ok(!runs({ CI_COMMIT_TAG: 'nightly-build', CI_PIPELINE_SOURCE: 'push' }), 'a non-semver tag would release');
});

test('merge request: everything is built, tested, packaged and scanned; terraform plans; no deploys', () => {
  const mr = jobs.mr;
  for (const j of [...CORE, 'infra:plan:dev', 'infra:plan:test',
    'semgrep-sast', 'secret_detection', 'kics-iac-sast']) assert.ok(mr.has(j), `MR pipeline lacks ${j}`);
  // prod's plan role trusts protected refs only (its state holds generated secrets): no prod credential on a branch.
  for (const j of ['deploy:dev', 'deploy:test', 'deploy:prod', 'infra:apply:dev', 'infra:apply:prod', 'infra:plan:prod'])
    assert.ok(!mr.has(j), `MR pipeline must not run ${j}`);
  for (const s of ['sast', 'secret_detection', 'kics-iac-sast']) if (mr.has(s)) assert.equal(mr.get(s).stage, 'scan');
});

test('default branch: apply and deploy dev then test automatically, prod and prod infra by hand', () => {
  const main = jobs.main;
  for (const j of [...CORE, 'infra:plan:prod', 'infra:output:prod', 'infra:apply:dev', 'infra:apply:test', 'deploy:dev', 'deploy:test'])
    assert.ok(main.has(j), `default-branch pipeline lacks ${j}`);
  assert.equal(main.get('infra:output:prod').when, 'on_success', 'prod\'s helm values are read without a click');
  assert.equal(main.get('deploy:dev').when, 'on_success');
  assert.equal(main.get('deploy:test').when, 'on_success');
  assert.equal(main.get('deploy:prod').when, 'manual');
  assert.equal(main.get('infra:apply:prod').when, 'manual');
  const needs = (j) => main.get(j).needs.map((n) => (typeof n === 'string' ? n : n.job));
  assert.ok(needs('deploy:test').includes('deploy:dev'), 'test deploys after dev');
  assert.ok(needs('deploy:prod').includes('deploy:test'), 'prod deploys after test');
  for (const gate of ['test:api', 'test:web', 'scan:image', 'lint:c', 'infra:apply:dev'])
    assert.ok(needs('deploy:dev').includes(gate), `deploy:dev does not wait for ${gate}`);
});

test('release tag: build, test, promote the image to the semver tag, prod by hand; no dev/test/infra changes', () => {
  const tag = jobs.tag;
  for (const j of [...CORE, 'deploy:prod', 'infra:output:prod']) assert.ok(tag.has(j), `tag pipeline lacks ${j}`);
  assert.equal(tag.get('deploy:prod').when, 'manual');
  for (const j of ['deploy:dev', 'deploy:test', 'infra:plan:prod', 'infra:apply:prod'])
    assert.ok(!tag.has(j), `tag pipeline must not run ${j}`);
});

test('schedules: each task runs its own job and nothing else', () => {
  assert.deepEqual([...jobs['schedule:restore-drill'].keys()], ['ops:restore-drill']);
  assert.deepEqual([...jobs['schedule:dr-plan'].keys()], ['infra:dr-plan']);
  assert.deepEqual([...jobs['schedule:deps'].keys()], ['deps:check']);
  for (const context of ['mr', 'main', 'tag']) {
    for (const j of ['ops:restore-drill', 'infra:dr-plan', 'deps:check']) assert.ok(!jobs[context].has(j), `${j} in ${context}`);
  }
});
