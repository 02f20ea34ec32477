// The CI helper scripts, run for real: version.sh on throwaway git histories, terraform.sh on a small root
// module (local state, no provider download), aws-oidc.sh and spa-publish.sh against moto_server (AWS itself
// cannot be reached from here: moto stands in for STS, S3 and CloudFront).
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, writeFile, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { repoRoot } from './lib/gcl.mjs';
import { run, startMoto } from './lib/proc.mjs';

const bin = (name) => path.join(repoRoot, 'ci/bin', name);
const dotenv = (text) => Object.fromEntries(text.trim().split('\n').map((l) => l.split(/=(.*)/s).slice(0, 2)));
const scratch = () => mkdtemp(path.join(tmpdir(), 'notejam-ci-'));

describe('version.sh', () => {
  let repo;
  const git = (...args) => run('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: repo });
  const commit = (msg) => git('commit', '-q', '--allow-empty', '-m', msg);
  const version = async (env = {}) => {
    const r = await run(bin('version.sh'), [], { cwd: repo, env: { CI_COMMIT_TAG: '', ...env } });
    return { ...r, vars: r.code === 0 ? dotenv(r.stdout) : {} };
  };
  before(async () => { repo = await scratch(); await git('init', '-q'); });
  after(() => rm(repo, { recursive: true, force: true }));

  test('before the first release: a 0.0.1 pre-release counting the commits', async () => {
    await commit('one'); await commit('two');
    const { vars } = await version();
    assert.match(vars.VERSION, /^0\.0\.1-dev\.2\.g[0-9a-f]{8}$/);
    assert.equal(vars.RELEASE_VERSION, '');
    assert.match(vars.IMAGE_TAG, /^[0-9a-f]{40}$/);
    assert.equal(vars.COMMIT, vars.IMAGE_TAG);
    assert.match(vars.BUILD_TIME, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  test('on and after a release tag: the release, then the next patch as a pre-release that sorts above it', async () => {
    await git('tag', 'v1.4.9');
    assert.equal((await version()).vars.VERSION, '1.4.9');
    await commit('three'); await commit('four'); await commit('five');
    assert.match((await version()).vars.VERSION, /^1\.4\.10-dev\.3\.g[0-9a-f]{8}$/);
    await git('tag', 'v1.5.0-rc.1');                // pre-release tags are not a base for dev versions
    assert.match((await version()).vars.VERSION, /^1\.4\.10-dev\.3\./);
  });

  test('a tag pipeline releases exactly the tag; a tag that is not semver fails', async () => {
    const rel = await version({ CI_COMMIT_TAG: 'v2.0.0-rc.1' });
    assert.equal(rel.vars.VERSION, '2.0.0-rc.1');
    assert.equal(rel.vars.RELEASE_VERSION, '2.0.0-rc.1');
    const bad = await version({ CI_COMMIT_TAG: 'release-2' });
    assert.notEqual(bad.code, 0);
    assert.match(bad.stderr, /not a semantic version/);
  });
});

describe('terraform.sh', () => {
  let dir; let env;
  before(async () => {
    dir = await scratch();
    const root = path.join(dir, 'terraform/environments/dev');
    await mkdir(root, { recursive: true });
    await writeFile(path.join(root, 'main.tf'), [
      'variable "name" { type = string }',
      'resource "terraform_data" "marker" { input = var.name }',
      'output "name" { value = terraform_data.marker.output }',
      // like every environment root: the chart's values (terraform/environments/_shared/outputs.tf)
      'output "helm_values" { value = { backup = { bucket = "${terraform_data.marker.output}-backups" }, shutdown = { deregistrationDelaySeconds = 30 } } }',
      ''].join('\n'));
    await writeFile(path.join(root, 'dev.tfvars'), 'name = "notejam-dev"\n');
    await writeFile(path.join(dir, 'cli.tfrc'), '');
    env = { TF_CLI_CONFIG_FILE: path.join(dir, 'cli.tfrc'), TF_IN_AUTOMATION: 'true' };
  });
  after(() => rm(dir, { recursive: true, force: true }));

  test('apply refuses to run without the plan job\'s saved plan', async () => {
    const r = await run(bin('terraform.sh'), ['apply', 'dev'], { cwd: dir, env });
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /no saved plan/);
  });

  test('plan keeps the binary plan, a readable plan and the MR report; apply applies exactly that plan', async () => {
    const plan = await run(bin('terraform.sh'), ['plan', 'dev'], { cwd: dir, env });
    assert.equal(plan.code, 0, plan.stderr);
    const out = path.join(dir, 'build/terraform/dev');
    assert.deepEqual(JSON.parse(await readFile(path.join(out, 'plan-report.json'), 'utf8')), { create: 1, update: 0, delete: 0 });
    assert.match(await readFile(path.join(out, 'plan.txt'), 'utf8'), /terraform_data\.marker will be created/);
    const apply = await run(bin('terraform.sh'), ['apply', 'dev'], { cwd: dir, env });
    assert.equal(apply.code, 0, apply.stderr);
    assert.match(apply.stdout, /name = "notejam-dev"/);
    const again = await run(bin('terraform.sh'), ['plan', 'dev'], { cwd: dir, env });
    assert.equal(again.code, 0, again.stderr);
    assert.deepEqual(JSON.parse(await readFile(path.join(out, 'plan-report.json'), 'utf8')), { create: 0, update: 0, delete: 0 });
  });

  test('apply keeps helm_values for the deploy, which passes it to Helm before HELM_ENV_VALUES', async () => {
    // runs after the apply above: its output is in the state; `output` reads the same from the state alone
    const file = path.join(dir, 'build/terraform/dev/helm-values.json');
    const expected = { backup: { bucket: 'notejam-dev-backups' }, shutdown: { deregistrationDelaySeconds: 30 } };
    assert.deepEqual(JSON.parse(await readFile(file, 'utf8')), expected);
    await rm(file);
    const output = await run(bin('terraform.sh'), ['output', 'dev'], { cwd: dir, env });
    assert.equal(output.code, 0, output.stderr);
    assert.deepEqual(JSON.parse(await readFile(file, 'utf8')), expected);
    await writeFile(path.join(dir, 'operator.yaml'), 'backup: {ageRecipient: age1example}\n');
    const values = async (extra) => {
      const r = await run(bin('helm-values.sh'), [], { cwd: dir,
        env: { DEPLOY_ENV: 'dev', ECR_REGISTRY: 'r.example', IMAGE_PREFIX: 'notejam', IMAGE_TAG: 'abc', HELM_ENV_VALUES: '', TF_HELM_VALUES: '', ...extra } });
      return { ...r, files: r.stdout.split('\n').flatMap((l, i, a) => (l === '-f' ? [a[i + 1]] : [])) };
    };
    assert.deepEqual((await values({ HELM_ENV_VALUES: 'operator.yaml' })).files, ['build/terraform/dev/helm-values.json', 'operator.yaml']);
    assert.deepEqual((await values({ DEPLOY_ENV: 'test' })).files, [], 'no artifact, no HELM_ENV_VALUES: no values file');
    const missing = await values({ TF_HELM_VALUES: 'nowhere.json' });
    assert.notEqual(missing.code, 0);
    assert.match(missing.stderr, /TF_HELM_VALUES=nowhere\.json is not a file/);
  });

  test('an unknown environment is an error, not an empty plan', async () => {
    const r = await run(bin('terraform.sh'), ['plan', 'staging'], { cwd: dir, env });
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /no root module/);
  });
});

describe('deps-check.sh', () => {
  let repo;
  const git = (...args) => run('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: repo });
  // A project pinned to an old release of a tiny package, its lockfile made by npm from the registry.
  before(async () => {
    repo = await scratch();
    await git('init', '-q');
    await mkdir(path.join(repo, 'tool'));
    await writeFile(path.join(repo, 'tool/package.json'), JSON.stringify({ name: 'tool', private: true, dependencies: { 'is-number': '6.0.0' } }));
    const lock = await run('npm', ['install', '--package-lock-only', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: path.join(repo, 'tool') });
    assert.equal(lock.code, 0, lock.stderr);
    await git('add', '-A');
  });
  after(() => rm(repo, { recursive: true, force: true }));

  test('reports an outdated npm dependency with exit code 3 (the scheduled job\'s warning)', async () => {
    const r = await run(bin('deps-check.sh'), [], { cwd: repo });
    assert.equal(r.code, 3, r.stdout + r.stderr);
    assert.match(r.stdout, /updates for tool:/);
    assert.match(await readFile(path.join(repo, 'build/reports/deps/npm-tool.txt'), 'utf8'), /is-number\s+\S+\s+6\.0\.0\s+\S+/);
  });
});

describe('against moto_server', () => {
  let moto;
  const roleArn = 'arn:aws:iam::123456789012:role/notejam-ci-dev';
  const idToken = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJwcm9qZWN0X3BhdGg6bm90ZWphbSJ9.c2lnbmF0dXJl';
  // Runs `. aws-oidc.sh; <then>` in POSIX sh, as a job's before_script does, with no static keys in the environment.
  const oidc = (then, env = {}) => run('sh', ['-c', `. ci/bin/aws-oidc.sh && ${then}`], {
    env: { ...moto.env, AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '', AWS_ID_TOKEN: idToken, AWS_ROLE_ARN: roleArn,
      CI_PROJECT_ID: '7', CI_JOB_ID: '99', ...env } });
  before(async () => { moto = await startMoto(); });
  after(() => moto?.stop());

  test('aws-oidc.sh exchanges the job token for role credentials and prints none of them', async () => {
    const r = await oidc('aws sts get-caller-identity --query Arn --output text');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /using role arn:aws:iam::123456789012:role\/notejam-ci-dev/);
    assert.match(r.stdout, /assumed-role\/notejam-ci-dev\/gitlab-7-99/);
    assert.doesNotMatch(r.stdout + r.stderr, new RegExp(idToken.slice(0, 20)));
  });

  test('aws-oidc.sh exports credentials that differ from any static key and leaks no secret to the log', async () => {
    const r = await oidc('echo "key=$AWS_ACCESS_KEY_ID"; echo "secret-length=${#AWS_SECRET_ACCESS_KEY}"; test -n "$AWS_SESSION_TOKEN"');
    assert.equal(r.code, 0, r.stderr);
    const key = r.stdout.match(/key=(\S+)/)[1];
    assert.match(key, /^(ASIA|AKIA|FSIA)[A-Z0-9]{12,}$/);
    assert.ok(Number(r.stdout.match(/secret-length=(\d+)/)[1]) >= 20);
    const log = (await oidc('true')).stdout;
    assert.doesNotMatch(log, /ASIA|AKIA|FSIA/, 'the credentials appear in the job log');
  });

  test('aws-oidc.sh fails, naming what is missing, without a token or a role', async () => {
    const noToken = await oidc('true', { AWS_ID_TOKEN: '' });
    assert.notEqual(noToken.code, 0);
    assert.match(noToken.stderr, /AWS_ID_TOKEN.*id_tokens/);
    const noRole = await oidc('true', { AWS_ROLE_ARN: '' });
    assert.notEqual(noRole.code, 0);
    assert.match(noRole.stderr, /AWS_ROLE_ARN/);
  });

  test('spa-publish.sh uploads assets immutable, index.html uncached, keeps old assets, and invalidates CloudFront', async () => {
    const dir = await scratch();
    try {
      const dist = path.join(dir, 'dist');
      await mkdir(path.join(dist, 'assets'), { recursive: true });
      await writeFile(path.join(dist, 'index.html'), '<!doctype html><script src="/assets/app-3f2a1b.js"></script>');
      await writeFile(path.join(dist, 'assets/app-3f2a1b.js'), 'console.log("notejam")');
      await writeFile(path.join(dist, 'robots.txt'), 'User-agent: *\n');
      // Set-up and checks talk to moto's S3 REST API directly (unsigned), which is much faster than the aws CLI.
      // moto does not verify signatures, but treats a request without credentials as anonymous (no read access).
      const auth = { Authorization: 'AWS4-HMAC-SHA256 Credential=testing/20260101/eu-west-1/s3/aws4_request, SignedHeaders=host, Signature=0' };
      const s3 = (key, init) => fetch(`${moto.url}/notejam-dev-spa${key ? `/${key}` : ''}`, { ...init, headers: auth });
      await s3('', { method: 'PUT', body: '<CreateBucketConfiguration><LocationConstraint>eu-west-1</LocationConstraint></CreateBucketConfiguration>' });
      // An old hashed asset from the previous release must survive (open tabs still load it).
      assert.equal((await s3('assets/app-000000.js', { method: 'PUT', body: 'old' })).status, 200);
      const created = await run('aws', ['cloudfront', 'create-distribution', '--origin-domain-name',
        'notejam-dev-spa.s3.amazonaws.com', '--default-root-object', 'index.html', '--query', 'Distribution.Id',
        '--output', 'text'], { env: moto.env });
      const distId = created.stdout.trim();
      assert.ok(distId, created.stderr);

      const r = await oidc(`ci/bin/spa-publish.sh ${dist}; aws cloudfront list-invalidations --distribution-id ${distId} --output json`,
        { SPA_BUCKET: 'notejam-dev-spa', CLOUDFRONT_DISTRIBUTION_ID: distId, SPA_WAIT: 'false' });
      assert.equal(r.code, 0, r.stderr);
      const head = async (key) => { const res = await s3(key, { method: 'HEAD' }); assert.equal(res.status, 200, key); return res.headers; };
      assert.match((await head('assets/app-3f2a1b.js')).get('cache-control'), /max-age=31536000, immutable/);
      assert.equal((await head('index.html')).get('cache-control'), 'no-cache');
      assert.match((await head('index.html')).get('content-type'), /^text\/html/);
      assert.match((await head('robots.txt')).get('cache-control'), /max-age=300/);
      await head('assets/app-000000.js');
      const inv = JSON.parse(r.stdout.slice(r.stdout.indexOf('{')));
      assert.equal(inv.InvalidationList.Items.length, 1, 'one CloudFront invalidation');
      assert.match(r.stdout, /CloudFront invalidation \S+/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('spa-publish.sh refuses a bundle without index.html', async () => {
    const dir = await scratch();
    try {
      const r = await oidc(`ci/bin/spa-publish.sh ${dir}`, { SPA_BUCKET: 'b', CLOUDFRONT_DISTRIBUTION_ID: 'E1' });
      assert.notEqual(r.code, 0);
      assert.match(r.stderr, /index\.html not found/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
