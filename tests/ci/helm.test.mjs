// The chart as the pipeline packages and deploys it: chart-publish.sh packages charts/notejam with the pipeline's
// version, and Helm renders that package with exactly the values each deploy passes (ci/bin/helm-values.sh) for
// dev, test and prod, under the chart's strict values schema. Helm is the pinned binary that
// `make helm-tools` extracts (Helm 3, as in the deploy image).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, mkdir, symlink, readFile, readdir, rm, access } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import { repoRoot } from './lib/gcl.mjs';
import { run } from './lib/proc.mjs';

const VERSION = '1.4.1-dev.3.g1a2b3c4d';
const SHA = '1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b';
const ECR = '123456789012.dkr.ecr.eu-west-1.amazonaws.com';
let dir; let env; let pkg;

before(async () => {
  execFileSync('make', ['-C', repoRoot, '--no-print-directory', 'helm-tools'], { stdio: ['ignore', 'ignore', 'inherit'] });
  dir = await mkdtemp(path.join(tmpdir(), 'notejam-chart-'));
  await mkdir(path.join(dir, 'bin'));
  await symlink(path.join(repoRoot, 'tests/helm/.bin/helm3'), path.join(dir, 'bin/helm'));
  env = { PATH: `${path.join(dir, 'bin')}:${process.env.PATH}`, HELM_CACHE_HOME: path.join(dir, 'cache'),
    HELM_CONFIG_HOME: path.join(dir, 'config'), HELM_DATA_HOME: path.join(dir, 'data'),
    ECR_REGISTRY: ECR, IMAGE_PREFIX: 'notejam', IMAGE_TAG: SHA };
});
after(() => dir && rm(dir, { recursive: true, force: true }));

const helm = (args) => run('helm', args, { env });
const valuesFor = async (deployEnv, extra = {}) => {
  const r = await run(path.join(repoRoot, 'ci/bin/helm-values.sh'), [], { env: { ...env, DEPLOY_ENV: deployEnv, ...extra } });
  assert.equal(r.code, 0, r.stderr);
  return r.stdout.trim().split('\n');
};
const docs = (text) => YAML.parseAllDocuments(text).map((d) => d.toJS()).filter(Boolean);
const fixture = (name) => path.join(repoRoot, 'tests/helm/fixtures', name);
// What each deploy gets besides the values files in git: dev/test/prod the infra:apply artifact (Terraform's
// helm_values; the fixture has exactly its keys, tests/terraform checks) and their HELM_ENV_VALUES File variable
// (operator values).
const deployInputs = async (deployEnv) => {
  const operator = fixture(`deploy-${deployEnv}.yaml`);
  const exists = await access(operator).then(() => true, () => false);
  return { TF_HELM_VALUES: fixture('terraform-helm-values.yaml'), HELM_ENV_VALUES: exists ? operator : '' };
};

test('chart-publish.sh packages the chart with version and appVersion = the pipeline VERSION', async () => {
  const r = await run(path.join(repoRoot, 'ci/bin/chart-publish.sh'), [], {
    cwd: dir, env: { ...env, VERSION, CHART_PUSH: 'false', CHART_DIR: path.join(repoRoot, 'charts/notejam') } });
  assert.equal(r.code, 0, r.stderr);
  const files = await readdir(path.join(dir, 'build/chart'));
  assert.deepEqual(files, [`notejam-${VERSION}.tgz`]);
  pkg = path.join(dir, 'build/chart', files[0]);
  const meta = YAML.parse((await helm(['show', 'chart', pkg])).stdout);
  assert.equal(meta.version, VERSION);
  assert.equal(meta.appVersion, VERSION);
});

for (const deployEnv of ['dev', 'test', 'prod']) {
  test(`the packaged chart renders and lints with the ${deployEnv} deploy values; every image is the commit's`, async () => {
    assert.ok(pkg, 'chart-publish.sh packaged no chart (see the test above)');
    const extra = await deployInputs(deployEnv);
    const values = await valuesFor(deployEnv, extra);
    assert.ok(values.includes(`charts/notejam/values-${deployEnv}.yaml`), `values-${deployEnv}.yaml not used`);
    const lint = await run('helm', ['lint', '--strict', pkg, ...values], { env, cwd: repoRoot });
    assert.equal(lint.code, 0, lint.stdout + lint.stderr);
    const r = await run('helm', ['template', 'notejam', pkg, '--namespace', 'notejam', ...values], { env, cwd: repoRoot });
    assert.equal(r.code, 0, r.stderr);
    const images = docs(r.stdout).flatMap((d) => {
      const spec = d.spec?.template?.spec ?? d.spec?.jobTemplate?.spec?.template?.spec;
      return [...(spec?.containers ?? []), ...(spec?.initContainers ?? [])].map((c) => c.image);
    });
    const ours = images.filter((i) => i.startsWith(ECR));
    assert.ok(ours.includes(`${ECR}/notejam-api:${SHA}`), `API image not deployed at the commit: ${images}`);
    for (const i of ours) assert.match(i, new RegExp(`:${SHA}$`), `${i} is not the commit's image`);
    // Terraform's ALB is the entry point: its target group gets the pods.
    const tgb = docs(r.stdout).find((d) => d.kind === 'TargetGroupBinding');
    const tf = YAML.parse(await readFile(extra.TF_HELM_VALUES, 'utf8'));
    assert.equal(tgb?.spec.targetGroupARN, tf.targetGroupBinding.targetGroupArn);
    assert.ok(values.indexOf(extra.TF_HELM_VALUES) < (extra.HELM_ENV_VALUES ? values.indexOf(extra.HELM_ENV_VALUES) : Infinity),
      'HELM_ENV_VALUES comes after (overrides) the Terraform output');
  });
}

test('the nightly drill starts the CronJob the prod chart defines', async () => {
  const scheduled = YAML.parse(await readFile(path.join(repoRoot, 'ci/scheduled.yml'), 'utf8'));
  const name = scheduled['ops:restore-drill'].variables.RESTORE_DRILL_CRONJOB;
  const values = await valuesFor('prod', await deployInputs('prod'));
  const r = await run('helm', ['template', 'notejam', path.join(repoRoot, 'charts/notejam'), '--namespace', 'notejam',
    ...values, '--set', 'restoreDrill.enabled=true', '--set-string', 'restoreDrill.identitySecretName=drill-age'], { env, cwd: repoRoot });
  assert.equal(r.code, 0, r.stderr);
  const cronjobs = docs(r.stdout).filter((d) => d.kind === 'CronJob').map((d) => d.metadata.name);
  assert.ok(cronjobs.includes(name), `no CronJob ${name} in ${cronjobs}`);
});
