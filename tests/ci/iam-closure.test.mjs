// Permission closure, AWS side: every ci/bin script that calls AWS runs against moto_server with IAM enforcement
// switched on, as the role Terraform (terraform/modules/ci-access, applied to moto here) gives its jobs, with the
// very policy documents Terraform attached. A call the policy does not allow fails the script, so an action
// missing from the policy fails this test. Tools that talk to a cluster or a registry instead of the AWS API (helm,
// kubectl, buildah, trivy) are stubs that record their command line; the registry actions behind those commands
// (fixtures/registry-protocol-actions.json) are checked against the same policies.
// moto limits: it matches resource ARNs for S3 only (other services are authorised per action, so non-S3
// statements are loaded with Resource "*"), and it does not check web-identity trust conditions (common.tftest.hcl does).
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtemp, mkdir, writeFile, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { repoRoot } from './lib/gcl.mjs';
import { run, freePort } from './lib/proc.mjs';
import { waitFor } from '../lib/wait.mjs';

const ACCOUNT = '123456789012';
const REGION = 'eu-central-1';
const REGISTRY = `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com`;
const SHA = 'a'.repeat(40);
const stubs = path.join(repoRoot, 'tests/ci/fixtures/tool-stubs');
const protocol = JSON.parse(execFileSync('cat', [path.join(repoRoot, 'tests/ci/fixtures/registry-protocol-actions.json')], { encoding: 'utf8' }));

// Which role runs each script (docs/ci-cd.md, "Identities"): deploy jobs and the restore drill get <env>-ci-deploy,
// package and scan jobs the build role. terraform.sh runs as -ci-plan / -ci-infra (AWS managed policies: what
// Terraform calls there is Terraform's own business); aws-oidc.sh and kube-login.sh are sourced by the others.
const SCRIPTS = {
  'spa-publish.sh': 'deploy', 'helm-deploy.sh': 'deploy', 'helm-rollback.sh': 'deploy', 'restore-drill.sh': 'deploy',
  'image-publish.sh': 'build', 'chart-publish.sh': 'build', 'image-scan.sh': 'build',
};
const NOT_RUN_HERE = { 'terraform.sh': 'plan/infra roles (ReadOnlyAccess / AdministratorAccess)', 'aws-oidc.sh': 'sourced', 'kube-login.sh': 'sourced',
  'agent-install.sh': 'run once by an admin (notejam-admins), not by a CI role' };

describe('IAM closure of the CI scripts (moto with IAM enforced, policies from Terraform)', () => {
  let dir; let moto; let url; let roles; let policies; let stubLog;
  const admin = () => ({ AWS_ENDPOINT_URL: url, AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing',
    AWS_SESSION_TOKEN: '', AWS_DEFAULT_REGION: REGION, AWS_REGION: REGION, AWS_EC2_METADATA_DISABLED: 'true' });
  const aws = async (...args) => {
    const r = await run('aws', [...args, '--output', 'json'], { env: admin() });
    assert.equal(r.code, 0, `aws ${args.join(' ')}: ${r.stderr}`);
    return r.stdout.trim() ? JSON.parse(r.stdout) : {};
  };
  const enforce = (on) => fetch(`${url}/moto-api/reset-auth`, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: on ? '0' : 'inf' });
  const putPolicy = (role, doc) => aws('iam', 'put-role-policy', '--role-name', roles[role].split('/').pop(), '--policy-name', role,
    '--policy-document', JSON.stringify(doc));
  // moto authorises non-S3 calls against resource "*": keep each statement's actions, widen non-S3 resources.
  const forMoto = (doc) => ({ ...doc, Statement: doc.Statement.map((s) => ([s.Action].flat().every((a) => a.startsWith('s3:')) ? s : { ...s, Resource: '*' })) });

  // Run a ci/bin script as a job of `role` does: aws-oidc.sh trades the job token for the role, then IAM is enforced.
  async function asRole(role, script, args = [], env = {}, cwd = repoRoot) {
    await writeFile(stubLog, '');
    const body = `. ci/bin/aws-oidc.sh >/dev/null && curl -fsS -X POST -H 'Content-Type: text/plain' --data-binary 0 "$AWS_ENDPOINT_URL/moto-api/reset-auth" >/dev/null && cd "$RUN_DIR" && exec "$@"`;
    try {
      return await run('sh', ['-c', body, 'sh', path.join(repoRoot, 'ci/bin', script), ...args], {
        env: { ...admin(), AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '', AWS_ID_TOKEN: 'gitlab-job-token',
          AWS_ROLE_ARN: roles[role], CI_PROJECT_ID: '7', CI_JOB_ID: '1', RUN_DIR: cwd, STUB_LOG: stubLog,
          PATH: `${stubs}:${process.env.PATH}`, KUBECONFIG: path.join(dir, 'kubeconfig'), ...env },
        timeout: 600_000,                          // a script makes several aws calls: slow on a busy machine
      });
    } finally {
      await enforce(false);
    }
  }
  const deployEnv = () => ({ DEPLOY_ENV: 'dev', K8S_NAMESPACE: 'notejam', HELM_RELEASE: 'notejam', ECR_REGISTRY: REGISTRY,
    IMAGE_PREFIX: 'notejam', IMAGE_TAG: SHA, VERSION: '1.0.0', EKS_CLUSTER: 'notejam-dev', HELM_CHART: path.join(dir, 'chart.tgz') });
  const denied = (r) => /AccessDenied|not authorized|SignatureDoesNotMatch|InvalidClientTokenId/.exec(r.stderr + r.stdout);

  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'notejam-iam-'));
    stubLog = path.join(dir, 'stub.log');
    await writeFile(path.join(dir, 'chart.tgz'), '');
    const port = freePort();
    url = `http://127.0.0.1:${port}`;
    moto = spawn('python3', [path.join(repoRoot, 'tests/ci/lib/moto-iam.py'), '-H', '127.0.0.1', '-p', String(port)],
      { stdio: 'ignore', env: { ...process.env, MOTO_IAM_LOAD_MANAGED_POLICIES: 'true' } });
    await waitFor(async () => (await fetch(`${url}/moto-api/`)).ok, { what: 'moto_server', timeoutMs: 30_000 });

    // What the environment's other modules would have made: the SPA bucket, its distribution, the cluster, the registry.
    await aws('s3api', 'create-bucket', '--bucket', 'notejam-dev-spa', '--create-bucket-configuration', `LocationConstraint=${REGION}`);
    const dist = (await aws('cloudfront', 'create-distribution', '--origin-domain-name', 'notejam-dev-spa.s3.amazonaws.com',
      '--default-root-object', 'index.html')).Distribution;
    const cluster = (await aws('eks', 'create-cluster', '--name', 'notejam-dev', '--role-arn', `arn:aws:iam::${ACCOUNT}:role/eks`,
      '--resources-vpc-config', 'subnetIds=subnet-1')).cluster;
    const repos = [];
    for (const name of ['notejam-api', 'notejam-ops', 'notejam-ci-builder', 'charts/notejam']) {
      repos.push((await aws('ecr', 'create-repository', '--repository-name', name)).repository.repositoryArn);
    }
    const manifest = JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
      config: { mediaType: 'application/vnd.docker.container.image.v1+json', size: 2, digest: `sha256:${'b'.repeat(64)}` }, layers: [] });
    await aws('ecr', 'put-image', '--repository-name', 'notejam-api', '--image-tag', SHA, '--image-manifest', manifest);

    // The module itself, applied to moto: roles, trust and inline/managed policies exactly as in an environment.
    const tf = path.join(dir, 'tf');
    await mkdir(tf);
    const source = path.relative(tf, path.join(repoRoot, 'terraform/modules/ci-access'));
    await writeFile(path.join(tf, 'main.tf'), `
provider "aws" {
  region                      = "${REGION}"
  skip_credentials_validation = true
  skip_metadata_api_check     = true
  skip_requesting_account_id  = true
}
module "ci" {
  source              = "${source}"
  name                = "notejam-dev"
  project_path        = "notejam/notejam"
  deploy_refs         = [{ ref_type = "branch", ref = "main" }]
  infra_refs          = [{ ref_type = "branch", ref = "main" }]
  state_key_prefix    = "notejam/dev/"
  build_role_name     = "notejam-ci-build"
  ecr_repository_arns = ${JSON.stringify(repos)}
  web_bucket_arn      = "arn:aws:s3:::notejam-dev-spa"
  distribution_arn    = "${dist.ARN}"
  cluster_arn         = "${cluster.arn}"
}
output "roles" { value = module.ci.role_arns }
output "policies" { value = module.ci.policies }
`);
    const cache = path.join(repoRoot, '.cache/terraform');
    const tfEnv = { ...admin(), TF_CLI_CONFIG_FILE: execFileSync(path.join(repoRoot, 'tests/terraform/cli-config.sh'), [cache], { encoding: 'utf8' }).trim(),
      TF_IN_AUTOMATION: '1', TF_INPUT: '0', CHECKPOINT_DISABLE: '1' };
    const init = await run('terraform', [`-chdir=${tf}`, 'init', '-no-color'], { env: tfEnv, timeout: 300_000 });
    assert.equal(init.code, 0, init.stdout + init.stderr);
    const apply = await run('terraform', [`-chdir=${tf}`, 'apply', '-auto-approve', '-no-color'], { env: tfEnv, timeout: 300_000 });
    assert.equal(apply.code, 0, apply.stdout + apply.stderr);
    const out = JSON.parse((await run('terraform', [`-chdir=${tf}`, 'output', '-json'], { env: tfEnv })).stdout);
    roles = out.roles.value;
    policies = Object.fromEntries(Object.entries(out.policies.value).map(([k, v]) => [k, JSON.parse(v)]));
    for (const role of ['deploy', 'build']) await putPolicy(role, forMoto(policies[role]));
  });
  after(async () => {
    if (moto) await new Promise((r) => { moto.once('exit', r); moto.kill('SIGTERM'); });
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  test('every ci/bin script that calls AWS, a cluster or the registry is run here as its role', async () => {
    for (const f of (await readdir(path.join(repoRoot, 'ci/bin'))).filter((n) => n.endsWith('.sh'))) {
      const text = (await readFile(path.join(repoRoot, 'ci/bin', f), 'utf8')).replace(/^\s*#.*$/gm, '');   // commands, not comments
      if (/\baws [a-z0-9-]+ |kube-login\.sh|buildah push|helm push|trivy image/.test(text)) {
        assert.ok(SCRIPTS[f] || NOT_RUN_HERE[f], `ci/bin/${f} talks to AWS but tests/ci/iam-closure.test.mjs does not run it as its role`);
      }
    }
  });

  test('deploy role: spa-publish.sh uploads, invalidates and waits for the invalidation (GetInvalidation)', async () => {
    const dist = path.join(dir, 'dist');
    await mkdir(path.join(dist, 'assets'), { recursive: true });
    await writeFile(path.join(dist, 'index.html'), '<!doctype html>');
    await writeFile(path.join(dist, 'assets/app-1.js'), '1');
    const id = (await aws('cloudfront', 'list-distributions')).DistributionList.Items[0].Id;
    const r = await asRole('deploy', 'spa-publish.sh', [dist], { SPA_BUCKET: 'notejam-dev-spa', CLOUDFRONT_DISTRIBUTION_ID: id });
    assert.equal(r.code, 0, `exit ${r.code}: ${r.stderr}`);
    assert.equal(denied(r), null);
    assert.match(r.stdout, /invalidation \S+ completed/);
  });

  test('the closure catches a missing action: without cloudfront:GetInvalidation the deploy job fails after the upload', async () => {
    const id = (await aws('cloudfront', 'list-distributions')).DistributionList.Items[0].Id;
    const without = structuredClone(policies.deploy);
    for (const s of without.Statement) s.Action = [s.Action].flat().filter((a) => a !== 'cloudfront:GetInvalidation');
    await putPolicy('deploy', forMoto(without));
    try {
      const r = await asRole('deploy', 'spa-publish.sh', [path.join(dir, 'dist')], { SPA_BUCKET: 'notejam-dev-spa', CLOUDFRONT_DISTRIBUTION_ID: id });
      assert.notEqual(r.code, 0, 'spa-publish.sh passed without GetInvalidation: IAM is not enforced');
      // GetInvalidation is the waiter's call (moto answers CloudFront's AccessDenied with an empty error code)
      assert.match(r.stderr, /GetInvalidation|Waiter InvalidationCompleted failed/);
      assert.match(r.stdout, /CloudFront invalidation/, 'the upload and the invalidation itself still worked');
    } finally {
      await putPolicy('deploy', forMoto(policies.deploy));
    }
  });

  test('deploy role: helm-deploy, helm-rollback and the restore drill get their kubeconfig (eks:DescribeCluster)', async () => {
    const cases = [
      ['helm-deploy.sh', {}, 0, /^helm upgrade --install notejam /m],
      ['restore-drill.sh', { RESTORE_DRILL_CRONJOB: 'notejam-restore-drill' }, 0, /^kubectl -n notejam create job /m],
      ['helm-rollback.sh', {}, 1, /^helm rollback notejam 0 /m],          // always fails the job, by design
    ];
    for (const [script, env, code, called] of cases) {
      const r = await asRole('deploy', script, [], { ...deployEnv(), ...env });
      assert.equal(denied(r), null, `${script}: ${r.stderr}`);
      assert.equal(r.code, code, `${script}: ${r.stderr}`);
      assert.match(await readFile(stubLog, 'utf8'), called, script);
    }
  });

  test('build role: image-publish (build + push, and re-tag on a release), chart-publish and image-scan', async () => {
    const retag = await asRole('build', 'image-publish.sh', ['api'], { ...deployEnv(), RELEASE_VERSION: '1.0.0' });
    assert.equal(retag.code, 0, retag.stderr);
    assert.match(retag.stdout, /tagged .*notejam-api:a+ as 1\.0\.0/);
    const fresh = await asRole('build', 'image-publish.sh', ['ops'], { ...deployEnv(), IMAGE_TAG: 'c'.repeat(40) });
    assert.equal(fresh.code, 0, fresh.stderr);
    assert.match(await readFile(stubLog, 'utf8'), /^buildah push /m);
    const chart = await asRole('build', 'chart-publish.sh', [], { ...deployEnv(), CHART_DIR: path.join(repoRoot, 'charts/notejam') }, dir);
    assert.equal(chart.code, 0, chart.stderr);
    assert.match(await readFile(stubLog, 'utf8'), /^helm push \S+ oci:\/\/\S+\/charts$/m);
    const scan = await asRole('build', 'image-scan.sh', ['api'], deployEnv(), dir);
    assert.equal(scan.code, 0, scan.stderr);
    for (const r of [retag, fresh, chart, scan]) assert.equal(denied(r), null, r.stderr);
  });

  test('registry commands the stubs stood in for are allowed by the build role on the repository they address', async () => {
    const allows = (doc, action, resource) => doc.Statement.some((s) => s.Effect === 'Allow'
      && [s.Action].flat().some((a) => new RegExp(`^${a.replace(/\*/g, '.*')}$`).test(action))
      && [s.Resource].flat().some((res) => new RegExp(`^${res.replace(/[.]/g, '\\.').replace(/\*/g, '.*')}$`).test(resource)));
    const commands = [
      `buildah push ${REGISTRY}/notejam-ops:${'c'.repeat(40)}`, `helm push build/chart/notejam-1.0.0.tgz oci://${REGISTRY}/charts`,
      `trivy image ${REGISTRY}/notejam-api:${SHA}`,
    ];
    for (const line of commands) {
      const verb = Object.keys(protocol.commands).find((c) => line.startsWith(`${c} `));
      const ref = line.split(' ').at(-1).replace('oci://', '');
      const repo = ref.startsWith(`${REGISTRY}/charts`) ? 'charts/notejam' : ref.slice(REGISTRY.length + 1).split(':')[0];
      for (const action of protocol[protocol.commands[verb]]) {
        const resource = action === 'ecr:GetAuthorizationToken' ? '*' : `arn:aws:ecr:${REGION}:${ACCOUNT}:repository/${repo}`;
        assert.ok(allows(policies.build, action, resource), `${verb} needs ${action} on ${resource}`);
      }
    }
    assert.ok(!allows(policies.deploy, 'ecr:PutImage', `arn:aws:ecr:${REGION}:${ACCOUNT}:repository/notejam-api`), 'the deploy role must not push images');
  });

  test('least privilege: the deploy role cannot push images and the build role cannot publish the SPA', async () => {
    const push = await asRole('deploy', 'image-publish.sh', ['api'], { ...deployEnv(), RELEASE_VERSION: '9.9.9' });
    assert.notEqual(push.code, 0);
    assert.ok(denied(push), push.stderr);
    const id = (await aws('cloudfront', 'list-distributions')).DistributionList.Items[0].Id;
    const spa = await asRole('build', 'spa-publish.sh', [path.join(dir, 'dist')], { SPA_BUCKET: 'notejam-dev-spa', CLOUDFRONT_DISTRIBUTION_ID: id });
    assert.notEqual(spa.code, 0);
    assert.ok(denied(spa), spa.stderr);
  });
});
