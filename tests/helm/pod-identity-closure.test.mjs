// The chart's ServiceAccounts against Terraform's EKS Pod Identity associations (the only way a Notejam pod gets an
// IAM role: the chart has no IRSA annotation). Both sides are read here:
//   Terraform: the pod_identities of module "eks" in terraform/environments/_shared/main.tf (namespace +
//     service_account per association), var.app_namespace (variables.tf default, each root's terraform.tfvars),
//     and which association names outputs.tf hands to helm_values.{backup,restoreDrill}.serviceAccount.name;
//   the pipeline: K8S_NAMESPACE, the namespace every deploy and the restore drill use (ci/deploy.yml, ci/scheduled.yml);
//   the chart: every environment rendered as the pipeline deploys it, in that namespace.
// The Terraform side of the same seam (helm_values names are associations in deploy_settings.namespace ==
// var.app_namespace) is tests/terraform/unit/common.tftest.hcl.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parse } from 'yaml';
import { CHART_ENVS, ROOT, TERRAFORM_VALUES, render } from './lib/helm.mjs';
import { ofKind, podTemplate, WORKLOAD_KINDS } from './lib/manifests.mjs';

const read = (f) => readFileSync(join(ROOT, f), 'utf8');
const TF_ROOTS = ['dev', 'test', 'prod', 'prod-dr'];

// The body of `pod_identities = { ... }` in module "eks", by brace counting.
function podIdentitiesBlock(mainTf) {
  const start = mainTf.indexOf('pod_identities = {');
  assert.ok(start >= 0, 'terraform/environments/_shared/main.tf: no pod_identities');
  let depth = 0;
  for (let i = mainTf.indexOf('{', start); i < mainTf.length; i++) {
    if (mainTf[i] === '{') depth++;
    else if (mainTf[i] === '}' && --depth === 0) return mainTf.slice(start, i + 1);
  }
  throw new Error('unbalanced pod_identities block');
}

// Terraform's var.app_namespace in one root: its terraform.tfvars, else the variable's default.
function appNamespace(root) {
  const tfvars = /^\s*app_namespace\s*=\s*"([^"]+)"/m.exec(read(`terraform/environments/${root}/terraform.tfvars`));
  if (tfvars) return tfvars[1];
  const def = /variable "app_namespace" \{[^}]*?default\s*=\s*"([^"]+)"/.exec(read('terraform/environments/_shared/variables.tf'));
  assert.ok(def, 'var.app_namespace has no default and no tfvars value');
  return def[1];
}

// The associations: { key: { namespace (var.app_namespace resolved per root later), serviceAccount } }.
const associations = {};
for (const m of podIdentitiesBlock(read('terraform/environments/_shared/main.tf'))
  .matchAll(/"([\w-]+)" = \{\s*namespace\s*=\s*(var\.app_namespace|"[^"]+")\s*service_account\s*=\s*"([^"]+)"/g)) {
  associations[m[1]] = { appNamespace: m[2] === 'var.app_namespace', namespace: m[2].replaceAll('"', ''), serviceAccount: m[3] };
}
const inAppNamespace = Object.entries(associations).filter(([, a]) => a.appNamespace);

// K8S_NAMESPACE of every pipeline job that deploys the chart or runs its CronJobs.
const pipelineNamespaces = ['ci/deploy.yml', 'ci/scheduled.yml'].flatMap((f) =>
  Object.entries(parse(read(f))).filter(([, job]) => job?.variables?.K8S_NAMESPACE)
    .map(([name, job]) => ({ where: `${f} ${name}`, namespace: job.variables.K8S_NAMESPACE })));

test('Terraform associates the backup and restore-drill ServiceAccounts in the app namespace, nothing else there', () => {
  assert.deepEqual(Object.fromEntries(inAppNamespace.map(([k, a]) => [k, a.serviceAccount])),
    { 'notejam-backup': 'notejam-backup', 'notejam-restore-drill': 'notejam-restore-drill' });
});

test('the pipeline deploys into the namespace Terraform binds in every root (var.app_namespace)', () => {
  assert.ok(pipelineNamespaces.length >= 2, JSON.stringify(pipelineNamespaces));
  for (const root of TF_ROOTS)
    for (const { where, namespace } of pipelineNamespaces)
      assert.equal(namespace, appNamespace(root), `${where} vs terraform/environments/${root} app_namespace`);
});

test('helm_values hands the chart the ServiceAccount names of the associations (outputs.tf), as the fixture has them', () => {
  const outputs = read('terraform/environments/_shared/outputs.tf');
  const handed = {};
  for (const m of outputs.matchAll(/serviceAccount = \{ name = split\("\/", module\.eks\.pod_identity_bindings\["([\w-]+)"\]\)\[1\] \}/g)) {
    const owner = [...outputs.slice(0, m.index).matchAll(/^ {4}(\w+) = \{$/gm)].at(-1)[1];
    handed[owner] = m[1];
  }
  assert.deepEqual(handed, { backup: 'notejam-backup', restoreDrill: 'notejam-restore-drill' });
  const fixture = parse(readFileSync(TERRAFORM_VALUES, 'utf8'));
  for (const [key, association] of Object.entries(handed))
    assert.equal(fixture[key].serviceAccount.name, associations[association].serviceAccount, `fixture ${key}.serviceAccount.name`);
});

for (const env of CHART_ENVS.notejam) {
  test(`${env}: the pods that need AWS run as associated ServiceAccounts, the others as unbound ones`, async () => {
    const namespace = pipelineNamespaces[0].namespace;
    const objects = await render('helm4', 'notejam', { env, namespace });
    const bound = new Set(inAppNamespace.map(([, a]) => a.serviceAccount));
    const rendered = new Set(ofKind(objects, 'ServiceAccount').map((s) => s.metadata.name));
    const runAs = Object.fromEntries(objects.filter((o) => WORKLOAD_KINDS.includes(o.kind))
      .map((w) => [`${w.kind}/${w.metadata.labels['app.kubernetes.io/component']}`, podTemplate(w).spec.serviceAccountName]));
    for (const [workload, sa] of Object.entries(runAs)) assert.ok(rendered.has(sa), `${workload}: ServiceAccount ${sa} is not rendered`);
    // S3 and KMS: the backup writes, the drill reads (their IAM policies: terraform/modules/backup).
    for (const w of ['CronJob/backup', 'CronJob/restore-drill'].filter((k) => k in runAs))
      assert.ok(bound.has(runAs[w]), `${w} runs as ${runAs[w]}, which Terraform binds to no role in ${namespace}`);
    // The API and the migration hook call no AWS API (secrets come through External Secrets' own identity).
    for (const w of ['Deployment/api', 'Job/migrate'])
      assert.ok(!bound.has(runAs[w]), `${w} runs as ${runAs[w]}, which has an IAM role`);
    if (env === 'prod') {
      const used = new Set(['CronJob/backup', 'CronJob/restore-drill'].map((w) => runAs[w]));
      assert.deepEqual([...bound].sort(), [...used].sort(), 'every association in the app namespace is used by the chart');
    }
  });
}
