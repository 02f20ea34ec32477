// Structural checks of the expanded pipeline (gitlab-ci-local --preview), and proof that each check can fail:
// every rule is also run against a copy of the configuration broken on purpose.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir, access, constants } from 'node:fs/promises';
import { definedTargets } from './lib/proc.mjs';
import path from 'node:path';
import YAML from 'yaml';
import { gcl, seedTemplates, repoRoot } from './lib/gcl.mjs';
import * as checks from './lib/checks.mjs';

let config;      // expanded pipeline
let texts;       // raw text of every pipeline file, for the secret scan
const clone = () => structuredClone(config);

before(async () => {
  await seedTemplates();
  const r = await gcl(['--preview'], { context: 'main' });
  assert.equal(r.code, 0, `gitlab-ci-local --preview failed:\n${r.stderr}`);
  config = YAML.parse(r.stdout.slice(r.stdout.search(/^[A-Za-z.]/m)));
  const files = ['.gitlab-ci.yml', ...(await readdir(path.join(repoRoot, 'ci'), { recursive: true }))
    .map((f) => `ci/${f}`).filter((f) => /\.(ya?ml|sh|Containerfile)$/.test(f))];
  texts = Object.fromEntries(await Promise.all(files.map(async (f) => [f, await readFile(path.join(repoRoot, f), 'utf8')])));
});

test('the expanded pipeline has the six stages in order and the jobs of each', () => {
  assert.deepEqual(config.stages.filter((s) => !s.startsWith('.')), ['lint', 'build', 'test', 'package', 'scan', 'deploy']);
  const byStage = (s) => checks.jobsOf(config).filter(([, j]) => j.stage === s).map(([n]) => n);
  for (const [stage, expected] of Object.entries({
    lint: ['version', 'lint:c', 'lint:shell', 'lint:openapi', 'lint:dockerfile'],
    build: ['build:api', 'build:web', 'infra:plan:dev', 'infra:plan:test', 'infra:plan:prod', 'infra:output:prod'],
    test: ['test:unit', 'test:api', 'test:api-asan', 'test:web', 'test:helm', 'test:terraform', 'test:ops',
      'test:monitoring', 'test:ci', 'test:integration', 'test:coverage'],
    package: ['package:image', 'package:chart'],
    scan: ['scan:image', 'sast', 'secret_detection', 'iac-sast'],
    deploy: ['infra:apply:dev', 'infra:apply:test', 'infra:apply:prod', 'deploy:dev', 'deploy:test', 'deploy:prod'],
  })) for (const job of expected) assert.ok(byStage(stage).includes(job), `${job} missing from stage ${stage}`);
});

test('no docker:dind service or Docker daemon anywhere', () => {
  assert.deepEqual(checks.dindViolations(config), []);
  for (const [f, t] of Object.entries(texts)) assert.doesNotMatch(t, /docker:[\w.-]*dind/, f);
  const broken = clone();
  broken['package:image'].services = [{ name: 'docker:27-dind', alias: 'docker' }];
  broken['package:image'].variables.DOCKER_HOST = 'tcp://docker:2375';
  assert.equal(checks.dindViolations(broken).length, 2);
});

test('every deploy job has an environment and a resource_group and is never interrupted', () => {
  assert.deepEqual(checks.deployJobViolations(config), []);
  const broken = clone();
  delete broken['deploy:dev'].resource_group;
  delete broken['deploy:test'].environment;
  assert.deepEqual(checks.deployJobViolations(broken).sort(),
    ['deploy:dev: deploy job without resource_group', 'deploy:test: deploy job without environment']);
});

test('environments carry their deployment tier', () => {
  const tier = (n) => config[n].environment.deployment_tier;
  assert.equal(tier('deploy:dev'), 'development');
  assert.equal(tier('deploy:test'), 'testing');
  assert.equal(tier('deploy:prod'), 'production');
  assert.equal(tier('infra:apply:prod'), 'production');
});

test('prod deploy and prod infrastructure apply only run by hand', () => {
  assert.deepEqual(checks.prodManualViolations(config), []);
  for (const job of ['deploy:prod', 'infra:apply:prod']) {
    assert.ok(config[job].rules.some((r) => r.when === 'manual'), `${job} has no manual rule`);
  }
  const broken = clone();
  broken['deploy:prod'].rules[1].when = 'on_success';
  delete broken['infra:apply:prod'].rules;
  assert.equal(checks.prodManualViolations(broken).length, 2);
});

test('each deploy gets its environment\'s Terraform helm_values from that environment\'s infra apply (prod: infra:output)', () => {
  assert.deepEqual(checks.terraformValuesViolations(config), []);
  assert.equal(config['infra:output:prod'].environment.action, 'access', 'infra:output:prod only reads prod\'s state');
  const broken = clone();
  broken['infra:apply:test'].artifacts.paths = ['build/terraform/$TF_ENV/plan.txt'];
  broken['deploy:prod'].needs = broken['deploy:prod'].needs.filter((n) => (n.job ?? n) !== 'infra:output:prod');
  broken['deploy:dev'].needs = broken['deploy:dev'].needs.map((n) => ((n.job ?? n) === 'infra:apply:dev' ? { job: n.job ?? n, artifacts: false } : n));
  assert.deepEqual(checks.terraformValuesViolations(broken).sort(), [
    'deploy:dev: does not take the artifacts of infra:apply:dev or infra:output:dev',
    'deploy:prod: does not take the artifacts of infra:apply:prod or infra:output:prod',
    'infra:apply:test: does not keep build/terraform/test/helm-values.json']);
});

test('no plaintext secrets in the pipeline', () => {
  assert.deepEqual(checks.secretViolations(config, texts), []);
  const broken = clone();
  broken.variables.AWS_SECRET_ACCESS_KEY = 'x';
  broken['test:integration'].variables.NOTEJAM_DATABASE_URL = 'postgresql://notejam:hunter2@postgres/notejam';
  broken['deploy:dev'].variables.SMTP_PASSWORD = 'correct-horse';
  const found = checks.secretViolations(broken, {
    'leak.yml': `key: AKIA${'ABCDEFGHIJKLMNOP'}\nurl: ${broken['test:integration'].variables.NOTEJAM_DATABASE_URL}`,
  });
  assert.equal(found.length, 4, found.join('\n'));   // static key, literal password variable, AKIA text, URL password
  assert.ok(found.some((v) => v.includes('SMTP_PASSWORD')));
});

test('every job that talks to AWS uses id_tokens and the OIDC exchange', () => {
  const aws = checks.awsJobs(config);
  for (const job of ['package:image', 'package:chart', 'scan:image', 'infra:plan:prod', 'infra:output:prod', 'infra:apply:prod',
    'deploy:dev', 'deploy:prod', 'ops:restore-drill', 'infra:dr-plan']) {
    assert.ok(aws.includes(job), `${job} not recognised as an AWS job`);
  }
  assert.deepEqual(checks.awsOidcViolations(config), []);
  for (const [name] of checks.jobsOf(config)) {
    if (!aws.includes(name)) assert.equal(config[name].id_tokens, undefined, `${name} gets a token it does not need`);
  }
  const broken = clone();
  delete broken['package:image'].id_tokens;
  broken['deploy:test'].before_script = ['ci/bin/ensure-tools.sh aws'];
  assert.deepEqual(checks.awsOidcViolations(broken).sort(),
    ['deploy:test: never runs ci/bin/aws-oidc.sh', 'package:image: talks to AWS without id_tokens (aud)']);
});

test('tool images are pinned to a version', () => {
  assert.deepEqual(checks.imagePinViolations(config), []);
  const broken = clone();
  broken.variables.TRIVY_IMAGE = 'aquasec/trivy';
  broken.variables.BUILDAH_IMAGE = 'quay.io/buildah/stable:latest';
  assert.equal(checks.imagePinViolations(broken).length, 2);
});

test('jobs call make targets and scripts that exist', async () => {
  const targets = definedTargets();
  const missing = [...checks.makeTargets(config)].filter(([target]) => !targets.has(target)).map(([t, job]) => `${t} (${job})`);
  assert.deepEqual(missing, [], 'jobs run make targets that do not exist');
  assert.ok(targets.has('test-ci') && targets.has('lint-sh'), 'mk/80-ci.mk targets missing');
  for (const [script, sourced] of checks.ciScripts(config)) {
    const mode = sourced ? constants.R_OK : constants.X_OK;
    await access(path.join(repoRoot, script), mode).catch(() => assert.fail(`${script} missing or not ${sourced ? 'readable' : 'executable'}`));
  }
});

test('the Trivy allow-list gives every exception a reason and an expiry date', async () => {
  const list = YAML.parse(await readFile(path.join(repoRoot, 'ci/trivyignore.yaml'), 'utf8'));
  assert.ok(Array.isArray(list.vulnerabilities), 'vulnerabilities: must be a list');
  for (const v of list.vulnerabilities) {
    assert.match(String(v.id), /^(CVE-\d{4}-\d+|GHSA-[\w-]+)$/);
    assert.ok(String(v.statement ?? '').length > 10, `${v.id}: statement missing`);
    assert.match(String(v.expired_at instanceof Date ? v.expired_at.toISOString() : v.expired_at), /^\d{4}-\d{2}-\d{2}/);
  }
  assert.ok(config['scan:image'].script.join(' ').includes('image-scan.sh'));
  assert.match(texts['ci/bin/image-scan.sh'], /--ignorefile ci\/trivyignore\.yaml/);
  assert.match(texts['ci/bin/image-scan.sh'], /--exit-code 1/);
  assert.match(texts['ci/bin/image-scan.sh'], /HIGH,CRITICAL/);
});

test('every Terraform job plans or applies an environment root that exists', async () => {
  const roots = path.join(repoRoot, 'terraform/environments');
  const envs = checks.jobsOf(config).map(([, j]) => j.variables?.TF_ENV).filter(Boolean);
  assert.deepEqual([...new Set(envs)].sort(), ['dev', 'prod', 'prod-dr', 'test']);
  for (const env of envs) {
    await access(path.join(roots, env, 'backend.hcl')).catch(() => assert.fail(`terraform/environments/${env}/backend.hcl missing`));
  }
});
