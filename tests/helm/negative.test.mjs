// What the charts must refuse, with Helm 3 and Helm 4: the schema rejects unknown keys and bad values (prod
// rules included), and templates refuse inconsistent settings.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHARTS, CHART_ENVS, HELMS, lint, renderError } from './lib/helm.mjs';

const REJECTED = [
  // [what, chart, env, --set list, expected message]
  ['an unknown top-level key', 'notejam', 'dev', ['replicas=3'], /replicas/],
  ['an unknown nested key (typo)', 'notejam', 'test', ['autoscaling.minReplica=3'], /minReplica/],
  ['minReplicas below 3 in prod', 'notejam', 'prod', ['autoscaling.minReplicas=2'], /minReplicas/],
  ['maxReplicas below 12 in prod', 'notejam', 'prod', ['autoscaling.maxReplicas=8'], /maxReplicas/],
  ['minReplicas 0', 'notejam', 'dev', ['autoscaling.minReplicas=0'], /minReplicas/],
  // Removed switches (issue 17) fail loudly instead of being ignored: the HPA always owns the replicas, and the
  // ServiceAccounts get their IAM roles only from Terraform's Pod Identity associations.
  ['a fixed replicaCount (gone: the HPA owns the replicas)', 'notejam', 'dev', ['replicaCount=2'], /replicaCount/],
  ['autoscaling switched off (gone)', 'notejam', 'dev', ['autoscaling.enabled=false'], /enabled/],
  ['an IRSA role on the API ServiceAccount (gone)', 'notejam', 'prod', ['serviceAccount.roleArn=arn:aws:iam::111111111111:role/x'], /roleArn/],
  ['an IRSA role on the backup ServiceAccount (gone)', 'notejam', 'prod', ['backup.serviceAccount.roleArn=arn:aws:iam::111111111111:role/x'], /roleArn/],
  ['an IRSA role on the drill ServiceAccount (gone)', 'notejam', 'prod', ['restoreDrill.serviceAccount.roleArn=arn:aws:iam::111111111111:role/x'], /roleArn/],
  ['a missing image repository', 'notejam', 'prod', ['image.repository='], /image[./]repository/],
  ['image tag latest', 'notejam', 'test', ['image.tag=latest'], /image[./]tag/],
  ['a secret-looking extraEnv', 'notejam', 'dev', ['config.extraEnv.NOTEJAM_DATABASE_URL=x'], /extraEnv|NOTEJAM_DATABASE_URL/],
  ['backups without a bucket', 'notejam', 'prod', ['backup.bucket='], /bucket/],
  ['a restore drill without Terraform\'s secret for it', 'notejam', 'prod', ['restoreDrill.remoteKey='], /restoreDrill\.remoteKey is required/],
  ['preStop not longer than the ALB deregistration delay', 'notejam', 'prod', ['shutdown.preStopSleepSeconds=20'], /preStopSleepSeconds/],
  ['a TargetGroupBinding without its target group ARN', 'notejam', 'dev', ['targetGroupBinding.targetGroupArn='], /targetGroupArn/],
  ['a target group ARN that is not an ELB ARN', 'notejam', 'test', ['targetGroupBinding.targetGroupArn=arn:aws:acm:eu-west-1:111111111111:certificate/x'], /targetGroupArn/],
  ['preStop not longer than Terraform\'s target group deregistration delay (30 s)', 'notejam', 'prod', ['shutdown.preStopSleepSeconds=30'], /preStopSleepSeconds/],
  ['an API NetworkPolicy without a database peer', 'notejam', 'dev', ['networkPolicy.database.cidrs=null'], /networkPolicy\.database needs cidrs/],
];

for (const [what, chart, env, set, message] of REJECTED) {
  for (const which of Object.keys(HELMS)) {
    test(`${which} rejects ${what}`, async () => {
      const stderr = await renderError(which, chart, { env, set });
      assert.match(stderr, message);
    });
  }
}

test('helm lint --strict fails on an unknown key too (Helm 3 and Helm 4)', async () => {
  for (const which of Object.keys(HELMS)) {
    const { code, stdout } = await lint(which, 'notejam', { env: 'prod', set: ['service.prot=x'] });
    assert.notEqual(code, 0);
    assert.match(stdout, /prot/);
  }
});

test('the chart refuses to render without an environment and image (defaults alone are not deployable)', async () => {
  const stderr = await renderError('helm4', 'notejam', {});
  assert.match(stderr, /environment|image/);
});

// Every object a values.schema.json describes is closed: additionalProperties false, or a schema for the values
// of a free-form map (labels, annotations, extraEnv). Conditional branches (if/then, oneOf, ...) only add
// constraints to a closed base and objects built from a closed definition ($ref/allOf) inherit it. Pass-through
// Kubernetes objects (affinity's inner parts) are the only open ones; the Kubernetes schema tests check them.
const OPEN_PASS_THROUGH = /^\/properties\/affinity\/properties\/\w+$/;
const CONDITIONAL = new Set(['if', 'then', 'else', 'oneOf', 'anyOf', 'allOf', 'not']);
function openObjects(node, path, out) {
  if (!node || typeof node !== 'object') return out;
  if (Array.isArray(node)) return node.reduce((o, n, i) => openObjects(n, `${path}/${i}`, o), out);
  const isObject = node.type === 'object' || (Array.isArray(node.type) && node.type.includes('object')) || node.properties;
  const delegated = node.$ref || node.allOf;
  if (isObject && !delegated && node.additionalProperties === undefined && !OPEN_PASS_THROUGH.test(path)) out.push(path || '/');
  for (const [k, v] of Object.entries(node)) if (!CONDITIONAL.has(k)) openObjects(v, `${path}/${k}`, out);
  return out;
}

for (const chart of Object.keys(CHART_ENVS)) {
  test(`${chart}/values.schema.json closes every object (additionalProperties)`, () => {
    const schema = JSON.parse(readFileSync(join(CHARTS, chart, 'values.schema.json'), 'utf8'));
    assert.equal(schema.additionalProperties, false);
    assert.deepEqual(openObjects(schema, '', []), []);
  });
}
