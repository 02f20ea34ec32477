// Permission closure, Kubernetes side: the CI deploy role's rights in a cluster are its EKS access entry (a
// Kubernetes group, no EKS access policy: terraform/modules/eks/access.tf and the environment root) plus the RBAC in
// ci/rbac/ (all clusters, and ci/rbac/<env> for that environment's cluster). This evaluates those RBAC objects, as
// the API server's RBAC authorizer would, against every object the chart renders with each environment's deploy
// values (ci/bin/helm-values.sh), in the namespace it is deployed into, plus what Helm and the ci/bin scripts do
// around it; and checks that nothing beyond that is granted.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFile, readdir, access } from 'node:fs/promises';
import path from 'node:path';
import YAML from 'yaml';
import { repoRoot } from './lib/gcl.mjs';
import { run } from './lib/proc.mjs';

const helm = path.join(repoRoot, 'tests/helm/.bin/helm3');
const fixture = (name) => path.join(repoRoot, 'tests/helm/fixtures', name);
const ALL = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'];
// kind -> [API group, resource]: a kind the chart starts to render that is missing here fails the test (add it
// here and, if the deployer needs it, to ci/rbac).
const RESOURCES = {
  ConfigMap: ['', 'configmaps'], Service: ['', 'services'], ServiceAccount: ['', 'serviceaccounts'], Secret: ['', 'secrets'],
  Deployment: ['apps', 'deployments'], Job: ['batch', 'jobs'], CronJob: ['batch', 'cronjobs'],
  HorizontalPodAutoscaler: ['autoscaling', 'horizontalpodautoscalers'], PodDisruptionBudget: ['policy', 'poddisruptionbudgets'],
  NetworkPolicy: ['networking.k8s.io', 'networkpolicies'],
  ExternalSecret: ['external-secrets.io', 'externalsecrets'], TargetGroupBinding: ['elbv2.k8s.aws', 'targetgroupbindings'],
};
// Around the chart: Helm's release records (Secrets), --wait, the restore drill (create job --from, logs).
const AROUND = [['', 'secrets', ALL], ['', 'pods', ['get', 'list', 'watch']], ['', 'pods/log', ['get']],
  ['', 'events', ['list']], ['apps', 'replicasets', ['get', 'list', 'watch']], ['batch', 'cronjobs', ['get']], ['batch', 'jobs', ['create', 'get']]];

// Where each deploy goes: [environment, namespace, cluster's ci/rbac dirs].
const DEPLOYS = [
  ['dev', 'notejam', ['all', 'dev']], ['test', 'notejam', ['all', 'test']], ['prod', 'notejam', ['all', 'prod']],
];

let group;
// prod's private endpoint: its jobs come through the GitLab agent, impersonating the CI job (group gitlab:ci_job).
const agentGroups = { prod: 'gitlab:ci_job' };
before(async () => {
  const agent = YAML.parse(await readFile(path.join(repoRoot, '.gitlab/agents/notejam-prod/config.yaml'), 'utf8'));
  const project = agent.ci_access.projects.find((p) => p.id === 'notejam/notejam');
  assert.deepEqual(project?.environments, ['prod'], 'the prod agent serves this project\'s prod environment only');
  assert.deepEqual(Object.keys(project.access_as ?? {}), ['ci_job'], 'the agent must impersonate the CI job (its RBAC group is gitlab:ci_job)');
  execFileSync('make', ['-C', repoRoot, '--no-print-directory', 'helm-tools'], { stdio: ['ignore', 'ignore', 'inherit'] });
  // The group Terraform maps the deploy role to, and no EKS access policy for it.
  const main = await readFile(path.join(repoRoot, 'terraform/environments/_shared/main.tf'), 'utf8');
  const m = /"gitlab-deploy"\s*=\s*\{\s*principal_arn\s*=\s*module\.ci_access\.deploy_role_arn,\s*kubernetes_groups\s*=\s*\["([^"]+)"\]/.exec(main);
  assert.ok(m, 'the environment root no longer maps the CI deploy role to a Kubernetes group');
  group = m[1];
  const access = await readFile(path.join(repoRoot, 'terraform/modules/eks/access.tf'), 'utf8');
  const associations = [...access.matchAll(/resource "aws_eks_access_policy_association" "(\w+)"\s*\{\s*for_each\s*=\s*([\w.]+)/g)];
  assert.deepEqual(associations.map((a) => a[2]), ['aws_eks_access_entry.admin'], 'an EKS access policy reaches the deployer: model it here');
});

async function rbacObjects(dirs) {
  const objects = [];
  for (const d of dirs) {
    const dir = path.join(repoRoot, 'ci/rbac', d);
    if (!(await access(dir).then(() => true, () => false))) continue;
    for (const f of (await readdir(dir)).filter((n) => n.endsWith('.yaml'))) {
      objects.push(...YAML.parseAllDocuments(await readFile(path.join(dir, f), 'utf8')).map((d) => d.toJS()).filter(Boolean));
    }
  }
  return objects;
}

// The RBAC authorizer for one group: may it `verb` `resource` of `apiGroup` in namespace `ns` (null: cluster scope)?
function authorizer(objects, who) {
  const roles = new Map(objects.filter((o) => o.kind === 'ClusterRole' || o.kind === 'Role')
    .map((o) => [`${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`, o]));
  const grants = [];
  for (const b of objects.filter((o) => o.kind === 'RoleBinding' || o.kind === 'ClusterRoleBinding')) {
    if (!b.subjects?.some((s) => s.kind === 'Group' && s.name === who)) continue;
    const role = roles.get(`${b.roleRef.kind}/${b.roleRef.kind === 'Role' ? b.metadata.namespace : ''}/${b.roleRef.name}`);
    assert.ok(role, `${b.kind} ${b.metadata.name} refers to ${b.roleRef.kind} ${b.roleRef.name}, which ci/rbac does not define`);
    for (const rule of role.rules ?? []) grants.push({ ns: b.kind === 'RoleBinding' ? b.metadata.namespace : '*', rule });
  }
  const has = (list, v) => (list ?? []).includes('*') || (list ?? []).includes(v);
  const can = (verb, apiGroup, resource, ns) => grants.some(({ ns: where, rule }) => (where === '*' || (ns !== null && where === ns))
    && has(rule.verbs, verb) && has(rule.apiGroups, apiGroup) && has(rule.resources, resource) && !rule.resourceNames?.length);
  return { can, grants };
}

async function rendered(deployEnv, ns) {
  const env = { ECR_REGISTRY: '123456789012.dkr.ecr.eu-central-1.amazonaws.com', IMAGE_PREFIX: 'notejam', IMAGE_TAG: 'a'.repeat(40), DEPLOY_ENV: deployEnv };
  env.TF_HELM_VALUES = fixture('terraform-helm-values.yaml');
  if (await access(fixture(`deploy-${deployEnv}.yaml`)).then(() => true, () => false)) env.HELM_ENV_VALUES = fixture(`deploy-${deployEnv}.yaml`);
  const values = await run(path.join(repoRoot, 'ci/bin/helm-values.sh'), [], { env });
  assert.equal(values.code, 0, values.stderr);
  const r = await run(helm, ['template', 'notejam', path.join(repoRoot, 'charts/notejam'), '--namespace', ns,
    ...values.stdout.trim().split('\n')], { env });
  assert.equal(r.code, 0, r.stderr);
  return YAML.parseAllDocuments(r.stdout).map((d) => d.toJS()).filter(Boolean);
}

const needed = new Set();
for (const [deployEnv, ns, dirs] of DEPLOYS) {
  test(`${deployEnv}: the deploy identity may create, patch and delete every object the chart renders in ${ns}`, async () => {
    const { can } = authorizer(await rbacObjects(dirs), agentGroups[deployEnv] ?? group);
    const objects = await rendered(deployEnv, ns);
    assert.ok(objects.length > 5, 'the chart rendered almost nothing');
    for (const o of objects) {
      assert.ok(RESOURCES[o.kind], `the chart renders ${o.kind}: add it to RESOURCES here and, if needed, to ci/rbac`);
      const [apiGroup, resource] = RESOURCES[o.kind];
      assert.equal(o.apiVersion.includes('/') ? o.apiVersion.split('/')[0] : '', apiGroup, `${o.kind} is in API group ${o.apiVersion}`);
      needed.add(`${apiGroup}/${resource}`);
      for (const verb of ALL) assert.ok(can(verb, apiGroup, resource, o.metadata.namespace ?? ns), `${deployEnv}: cannot ${verb} ${o.kind} ${o.metadata.name} in ${ns}`);
    }
    for (const [apiGroup, resource, verbs] of AROUND) {
      needed.add(`${apiGroup}/${resource}`);
      for (const verb of verbs) assert.ok(can(verb, apiGroup, resource, ns), `${deployEnv}: Helm or a ci/bin script needs ${verb} ${resource} in ${ns}`);
    }
    const objects2 = await rbacObjects(dirs);
    assert.ok(objects2.some((o) => o.kind === 'Namespace' && o.metadata.name === ns), `ci/rbac must create the ${ns} namespace the deploy goes to`);
  });

  test(`${deployEnv}: least privilege — nothing outside the deploy, no RBAC changes, no cluster-wide reach`, async () => {
    const objects = await rbacObjects(dirs);
    const { can, grants } = authorizer(objects, agentGroups[deployEnv] ?? group);
    for (const { rule } of grants) {
      for (const field of ['verbs', 'apiGroups', 'resources']) assert.ok(!rule[field].includes('*'), `a rule grants ${field} "*"`);
    }
    for (const ns of ['notejam', 'kube-system', null]) {
      for (const [apiGroup, resource] of [['rbac.authorization.k8s.io', 'roles'], ['rbac.authorization.k8s.io', 'rolebindings'],
        ['rbac.authorization.k8s.io', 'clusterroles'], ['rbac.authorization.k8s.io', 'clusterrolebindings'], ['', 'nodes'],
        ['apiextensions.k8s.io', 'customresourcedefinitions'], ['', 'persistentvolumes'], ['admissionregistration.k8s.io', 'validatingwebhookconfigurations']]) {
        for (const verb of ['create', 'patch', 'delete', 'escalate', 'bind']) assert.ok(!can(verb, apiGroup, resource, ns), `may ${verb} ${resource} (${ns ?? 'cluster'})`);
      }
      assert.ok(!can('impersonate', '', 'users', ns) && !can('impersonate', '', 'groups', ns), 'may impersonate');
      assert.ok(!can('create', '', 'pods/exec', ns), 'may exec into pods');
    }
    for (const verb of ['create', 'delete', 'patch']) assert.ok(!can(verb, '', 'namespaces', null), `${deployEnv}: may ${verb} namespaces`);
    assert.ok(!can('get', '', 'secrets', 'kube-system') && !can('create', 'apps', 'deployments', 'kube-system'), `${deployEnv}: reaches kube-system`);
    assert.ok(!can('create', 'apps', 'deployments', 'external-secrets'), `${deployEnv}: reaches other namespaces`);
  });
}

test('ci/rbac grants no resource that no deploy needs', async () => {
  assert.ok(needed.size > 10, 'run the per-environment tests first (they collect what is needed)');
  const all = await rbacObjects(['all', 'dev', 'test', 'prod']);
  const grants = [group, ...Object.values(agentGroups)].flatMap((g) => authorizer(all, g).grants);
  for (const { rule } of grants) {
    for (const g of rule.apiGroups) {
      for (const r of rule.resources) {
        assert.ok(needed.has(`${g}/${r}`), `ci/rbac grants ${g || 'core'}/${r}, which no rendered kind and no script needs`);
      }
    }
  }
});
