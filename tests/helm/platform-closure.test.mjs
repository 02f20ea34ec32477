// The cluster side of every render: each apiVersion/kind the chart renders for dev, test and prod is built into
// Kubernetes or provided by a controller ci/platform installs at a pinned version (ci/platform/releases.json); the
// names the chart uses (ClusterSecretStore, StorageClass, Pushgateway) are the ones ci/platform creates;
// ci/platform/install.sh installs exactly those releases and manifests. Pod Identity and IAM for the same releases: tests/terraform/unit/platform.tftest.hcl.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments, parse as parseYaml } from 'yaml';
import { CHART_ENVS, ROOT, render } from './lib/helm.mjs';
import { checkObject } from './lib/k8s-schema.mjs';

const PLATFORM = join(ROOT, 'ci/platform');
const releases = JSON.parse(readFileSync(join(PLATFORM, 'releases.json'), 'utf8'));
const platformValues = (name) => parseYaml(readFileSync(join(PLATFORM, 'values', `${name}.yaml`), 'utf8'));
const manifests = releases.manifests.flatMap((f) =>
  parseAllDocuments(readFileSync(join(PLATFORM, 'manifests', f), 'utf8')).map((d) => Object.assign(d.toJS(), { file: f })));
const terraform = (f) => readFileSync(join(ROOT, 'terraform', f), 'utf8');

// Kinds every Kubernetes >= 1.30 API server serves (the chart requires 1.30, docs/kubernetes.md).
const BUILT_IN = new Set([
  'v1 ConfigMap', 'v1 Secret', 'v1 Service', 'v1 ServiceAccount', 'v1 PersistentVolumeClaim', 'v1 Namespace',
  'apps/v1 Deployment', 'apps/v1 StatefulSet', 'apps/v1 DaemonSet', 'batch/v1 Job', 'batch/v1 CronJob',
  'policy/v1 PodDisruptionBudget', 'autoscaling/v2 HorizontalPodAutoscaler', 'networking.k8s.io/v1 NetworkPolicy',
  'networking.k8s.io/v1 Ingress', 'rbac.authorization.k8s.io/v1 Role', 'rbac.authorization.k8s.io/v1 RoleBinding',
  'rbac.authorization.k8s.io/v1 ClusterRole', 'rbac.authorization.k8s.io/v1 ClusterRoleBinding',
  'storage.k8s.io/v1 StorageClass',
]);
const PROVIDED = new Map(releases.releases.flatMap((r) => r.provides.map((p) => [`${p.apiVersion} ${p.kind}`, r])));
const SEMVER = /^\d+\.\d+\.\d+$/;

// Every render a cluster of this repository receives: the notejam chart per AWS environment.
async function allRenders() {
  const renders = [];
  for (const [chart, envs] of Object.entries(CHART_ENVS))
    for (const env of envs) renders.push({ what: `${chart} ${env}`, objects: await render('helm3', chart, { env }) });
  return renders;
}

test('every release is pinned to an exact chart version from an https repository, with values in the repository', () => {
  assert.ok(releases.releases.length >= 4);
  for (const r of releases.releases) {
    assert.match(r.version, SEMVER, `${r.name}: version ${r.version} is not pinned`);
    assert.match(r.repo, /^https:\/\//, `${r.name}: repository`);
    assert.ok(existsSync(join(PLATFORM, 'values', `${r.name}.yaml`)), `${r.name}: no ci/platform/values/${r.name}.yaml`);
  }
  assert.deepEqual(readdirSync(join(PLATFORM, 'values')).sort(), releases.releases.map((r) => `${r.name}.yaml`).sort(),
    'a values file without a release');
  assert.deepEqual(readdirSync(join(PLATFORM, 'manifests')).sort(), [...releases.manifests].sort(), 'a manifest install.sh does not apply');
});

test('every apiVersion/kind rendered in dev, test and prod is built in or provided by a pinned release', async () => {
  const missing = [];
  const used = new Set();
  for (const { what, objects } of await allRenders())
    for (const o of objects) {
      const key = `${o.apiVersion} ${o.kind}`;
      if (PROVIDED.has(key)) used.add(PROVIDED.get(key).name);
      else if (!BUILT_IN.has(key)) missing.push(`${what}: ${key} (${o.metadata.name})`);
    }
  assert.deepEqual(missing, []);
  // The custom resources the environments really use, and who serves them.
  assert.deepEqual([...used].sort(), ['aws-load-balancer-controller', 'external-secrets']);
  // The manifests ci/platform applies are themselves built in or provided (the ClusterSecretStore by ESO).
  for (const m of manifests) {
    const key = `${m.apiVersion} ${m.kind}`;
    assert.ok(BUILT_IN.has(key) || PROVIDED.has(key), `${m.file}: ${key} has no provider`);
  }
});

test('the self-test: a kind whose controller is not installed (prod without the Load Balancer Controller) is reported', async () => {
  const objects = await render('helm3', 'notejam', { env: 'prod' });
  const without = new Map([...PROVIDED].filter(([, r]) => r.name !== 'aws-load-balancer-controller'));
  const orphan = objects.filter((o) => !BUILT_IN.has(`${o.apiVersion} ${o.kind}`) && !without.has(`${o.apiVersion} ${o.kind}`));
  assert.deepEqual(orphan.map((o) => o.kind), ['TargetGroupBinding']);
});

test('the manifests ci/platform applies are valid Kubernetes objects (schemas, no unknown fields)', async () => {
  for (const m of manifests) {
    const { file, ...obj } = m;
    const text = JSON.stringify(obj).replaceAll('${AWS_REGION}', 'eu-central-1');
    assert.deepEqual(await checkObject(JSON.parse(text)), [], file);
  }
});

test('the ExternalSecrets name the ClusterSecretStore ci/platform creates', async () => {
  const store = manifests.find((m) => m.kind === 'ClusterSecretStore');
  assert.equal(store.spec.provider.aws.service, 'SecretsManager');
  let seen = 0;
  for (const { what, objects } of await allRenders())
    for (const es of objects.filter((o) => o.kind === 'ExternalSecret')) {
      seen += 1;
      assert.deepEqual(es.spec.secretStoreRef, { kind: 'ClusterSecretStore', name: store.metadata.name }, `${what}: ${es.metadata.name}`);
    }
  assert.ok(seen >= 3, 'dev, test and prod render ExternalSecrets');
});

test('the Load Balancer Controller serves the TargetGroupBindings only: no IngressClass, and no render has an Ingress', async () => {
  const lbc = platformValues('aws-load-balancer-controller');
  assert.equal(lbc.createIngressClassResource, false, 'an IngressClass nothing uses');
  assert.deepEqual(releases.releases.flatMap((r) => r.ingressClasses ?? []), []);
  let bindings = 0;
  for (const { what, objects } of await allRenders()) {
    assert.deepEqual(objects.filter((o) => o.kind === 'Ingress').map((o) => o.metadata.name), [], `${what}: an Ingress needs an IngressClass`);
    bindings += objects.filter((o) => o.kind === 'TargetGroupBinding').length;
  }
  assert.equal(bindings, CHART_ENVS.notejam.length, 'every environment joins Terraform\'s target group');
});

test('the Pushgateway\'s volume claim gets a StorageClass ci/platform creates, provisioned by an EKS add-on Terraform installs', async () => {
  const classes = manifests.filter((m) => m.kind === 'StorageClass');
  const names = classes.map((c) => c.metadata.name);
  const defaults = classes.filter((c) => c.metadata.annotations?.['storageclass.kubernetes.io/is-default-class'] === 'true');
  assert.equal(defaults.length, 1, 'exactly one default StorageClass: EKS ships none, and claims without a class need one');
  assert.match(terraform('modules/eks/variables.tf'), /"aws-ebs-csi-driver"\s*=\s*\{/);
  for (const c of classes) assert.equal(c.provisioner, 'ebs.csi.aws.com', `${c.metadata.name}: provisioner of the EBS CSI add-on`);
  // The API keeps no state in the cluster (RDS and ElastiCache): the chart claims no volume.
  for (const { what, objects } of await allRenders())
    assert.deepEqual(objects.filter((o) => o.kind === 'PersistentVolumeClaim' || o.spec?.volumeClaimTemplates).map((o) => o.metadata.name), [], what);
  assert.ok(names.includes(platformValues('prometheus-pushgateway').persistentVolume.storageClass));
});

test('the backup CronJobs push to the Pushgateway ci/platform installs and AMP\'s collector scrapes', async () => {
  const pg = releases.releases.find((r) => r.name === 'prometheus-pushgateway');
  const v = platformValues(pg.name);
  const url = `http://${v.fullnameOverride}.${pg.namespace}.svc:${v.service.port}`;
  const scrape = readFileSync(join(ROOT, 'terraform/modules/prometheus/scrape.yaml.tftpl'), 'utf8');
  assert.match(scrape, /honor_labels: true/);
  // Terraform passes the same service to the collector and to the chart (helm_values.backup.pushgatewayUrl).
  assert.match(terraform('environments/_shared/main.tf'),
    new RegExp(`pushgateway\\s*=\\s*\\{ namespace = "${pg.namespace}", service = "${v.fullnameOverride}", port = ${v.service.port} \\}`));
  for (const env of ['test', 'prod']) {
    const objects = await render('helm3', 'notejam', { env });
    for (const name of ['backup', 'restore-drill']) {
      const cj = objects.find((o) => o.kind === 'CronJob' && o.metadata.name.endsWith(name));
      assert.ok(cj, `${env}: no ${name} CronJob`);
      const envVars = cj.spec.jobTemplate.spec.template.spec.containers[0].env ?? [];
      assert.equal(envVars.find((e) => e.name === 'PUSHGATEWAY_URL')?.value, url, `${env} ${name}: PUSHGATEWAY_URL`);
    }
  }
});

test('the restore drill reads the secret Terraform creates and lets External Secrets read', async () => {
  const main = terraform('environments/_shared/main.tf');
  assert.match(main, /eso_secret_keys = \[[^\]]*"restore-drill"[^\]]*\]/);
  assert.match(main, /"restore-drill"\s*=\s*\{ description/);
  assert.match(terraform('environments/_shared/outputs.tf'), /remoteKey\s*=\s*module\.secrets\.secret_names\["restore-drill"\]/);
  const objects = await render('helm3', 'notejam', { env: 'prod' });
  const es = objects.find((o) => o.kind === 'ExternalSecret' && o.metadata.name.includes('restore-drill'));
  assert.ok(es, 'prod renders the drill\'s ExternalSecret');
  assert.ok(es.spec.data.every((d) => d.remoteRef.key === 'notejam-prod/restore-drill'), JSON.stringify(es.spec.data));
});

test('the Cluster Autoscaler runs the cluster\'s minor version and balances the per-zone node groups', () => {
  const ca = platformValues('cluster-autoscaler');
  const minor = /^v(\d+\.\d+)\./.exec(ca.image.tag)?.[1];
  const versions = new Set([/variable "kubernetes_version" \{[^}]*default\s*=\s*"([\d.]+)"/s.exec(terraform('environments/_shared/variables.tf'))[1]]);
  for (const env of ['dev', 'test', 'prod', 'prod-dr']) {
    const v = /^kubernetes_version\s*=\s*"([\d.]+)"/m.exec(terraform(`environments/${env}/terraform.tfvars`));
    if (v) versions.add(v[1]);
  }
  assert.deepEqual([...versions], [minor], 'Cluster Autoscaler minor must equal every cluster\'s Kubernetes minor');
  assert.equal(ca.extraArgs['balance-similar-node-groups'], true);
  assert.equal(ca.rbac.serviceAccount.name, releases.releases.find((r) => r.name === 'cluster-autoscaler').serviceAccount);
});

test('every release\'s ServiceAccount is the one its values create and the one Terraform binds', () => {
  const saName = (name, v) => (name === 'cluster-autoscaler' ? v.rbac.serviceAccount.name : v.serviceAccount.name);
  const tf = terraform('modules/eks/pod-identity.tf') + terraform('environments/_shared/main.tf');
  for (const r of releases.releases) {
    assert.equal(saName(r.name, platformValues(r.name)), r.serviceAccount, `${r.name}: ServiceAccount name`);
    if (r.podIdentity === null) continue;
    assert.match(tf, new RegExp(`"${r.podIdentity}" = \\{\\s*namespace\\s*=\\s*"${r.namespace}"\\s*service_account\\s*=\\s*"${r.serviceAccount}"`),
      `${r.name}: Terraform has no Pod Identity ${r.podIdentity} for ${r.namespace}/${r.serviceAccount}`);
    assert.ok(r.requiredActions.length > 0, `${r.name}: the actions its documentation requires`);
  }
});

function run(cmd, args, env) {
  return new Promise((resolve) => execFile(cmd, args, { cwd: ROOT, env: { ...process.env, ...env } },
    (err, stdout, stderr) => resolve({ code: err ? (err.code ?? 1) : 0, stdout, stderr })));
}

test('install.sh installs every release at its pinned version with its values, then every manifest filled in', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'platform-'));
  try {
    // A stand-in terraform: init succeeds, output prints platform_values shaped as Terraform's output is.
    const out = Object.fromEntries(releases.releases.map((r) => [r.name, {}]));
    out.manifests = { AWS_REGION: 'eu-central-1', CLUSTER_NAME: 'notejam-dev' };
    writeFileSync(join(dir, 'platform.json'), JSON.stringify(out));
    writeFileSync(join(dir, 'terraform'), `#!/bin/sh\ncase "$*" in *"output -json platform_values"*) cat "${dir}/platform.json" ;; esac\n`);
    chmodSync(join(dir, 'terraform'), 0o755);
    const r = await run('ci/platform/install.sh', ['dev'], { PATH: `${dir}:${process.env.PATH}`, PLATFORM_DRY_RUN: '1' });
    assert.equal(r.code, 0, r.stderr);
    const helm = r.stdout.split('\n').filter((l) => l.startsWith('helm '));
    assert.equal(helm.length, releases.releases.length);
    for (const [i, rel] of releases.releases.entries()) {
      assert.match(helm[i], new RegExp(`^helm upgrade --install ${rel.name} ${rel.chart} --repo ${rel.repo} --version ${rel.version.replaceAll('.', '\\.')} --namespace ${rel.namespace} `));
      assert.match(helm[i], new RegExp(`-f \\S*ci/platform/values/${rel.name}\\.yaml -f \\S+/${rel.name}\\.json`));
    }
    const kubectl = r.stdout.split('\n').filter((l) => l.startsWith('kubectl '));
    assert.equal(kubectl.length, releases.manifests.length);
    // The placeholders in the manifests are exactly the keys Terraform's platform_values.manifests has.
    const keys = /manifests = \{ ([^}]*) \}/.exec(terraform('environments/_shared/outputs.tf'))[1].match(/[A-Z_]+(?= =)/g);
    assert.deepEqual(keys.sort(), Object.keys(out.manifests).sort());
    for (const f of releases.manifests)
      for (const [, k] of readFileSync(join(PLATFORM, 'manifests', f), 'utf8').matchAll(/\$\{([A-Z_]+)\}/g)) assert.ok(keys.includes(k), `${f}: \${${k}}`);
    // A platform_values without a release fails before anything is installed.
    delete out['external-secrets'];
    writeFileSync(join(dir, 'platform.json'), JSON.stringify(out));
    const bad = await run('ci/platform/install.sh', ['dev'], { PATH: `${dir}:${process.env.PATH}`, PLATFORM_DRY_RUN: '1' });
    assert.notEqual(bad.code, 0);
    assert.match(bad.stderr, /platform_values has no external-secrets/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the pipeline installs the controllers after each apply and before each deploy', () => {
  const infra = readFileSync(join(ROOT, 'ci/infra.yml'), 'utf8');
  const deploy = readFileSync(join(ROOT, 'ci/deploy.yml'), 'utf8');
  assert.match(infra, /^\.infra:platform:\n(?: {2}.*\n)*? {4}- ci\/platform\/install\.sh "\$TF_ENV"/m);
  for (const [env, after] of [['dev', 'infra:apply:dev'], ['test', 'infra:apply:test'], ['prod', 'infra:output:prod']]) {
    const job = new RegExp(`^infra:platform:${env}:\\n {2}extends: \\.infra:platform\\n {2}needs: \\[${after}\\]\\n {2}variables: \\{TF_ENV: ${env}\\}`, 'm');
    assert.match(infra, job, `infra:platform:${env}`);
  }
  for (const env of ['dev', 'test']) {
    const block = new RegExp(`^deploy:${env}:\\n(?: {2}.*\\n)*?.*\\{job: infra:platform:${env}, artifacts: false\\}`, 'm');
    assert.match(deploy, block, `deploy:${env} waits for infra:platform:${env}`);
  }
});

test('AMP\'s collector scrapes the API on the port that serves /metrics (NOTEJAM_METRICS_LISTEN), in every environment', async () => {
  const scraped = terraform('modules/prometheus/main.tf').match(/api_port_name\s*=\s*"([^"]+)"/)?.[1];
  assert.ok(scraped, 'terraform/modules/prometheus sets no api_port_name');
  for (const env of CHART_ENVS.notejam) {
    const objects = await render('helm3', 'notejam', { env });
    const api = objects.find((o) => o.kind === 'Deployment' && o.metadata.name.endsWith('-api'))
      ?? objects.find((o) => o.kind === 'Deployment');
    const container = api.spec.template.spec.containers.find((c) => (c.ports ?? []).some((p) => p.name === 'http'));
    const cm = objects.find((o) => o.kind === 'ConfigMap' && o.data?.NOTEJAM_METRICS_LISTEN !== undefined);
    const listen = cm?.data.NOTEJAM_METRICS_LISTEN
      ?? container.env?.find((e) => e.name === 'NOTEJAM_METRICS_LISTEN')?.value;
    assert.ok(listen, `${env}: the API gets no NOTEJAM_METRICS_LISTEN`);
    const port = container.ports.find((p) => p.name === scraped);
    assert.ok(port, `${env}: the API container has no port named ${scraped}`);
    assert.equal(Number(listen.split(':').pop()), port.containerPort, `${env}: /metrics is served on ${listen}, AMP scrapes ${scraped}`);
  }
});
