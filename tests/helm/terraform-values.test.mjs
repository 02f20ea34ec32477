// Terraform's helm_values output is the chart's values file as it is. The fixture has exactly the output's keys
// (tests/terraform asserts that); here: every key is a key of the chart's values.yaml, and every value reaches
// the prod manifests. lint.test.mjs and k8s-schema.test.mjs render every AWS environment with the same fixture
// (helm lint --strict, Kubernetes schemas including the TargetGroupBinding's).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parse } from 'yaml';
import { CHARTS, render, TERRAFORM_VALUES } from './lib/helm.mjs';
import { envOf, ofKind, one } from './lib/manifests.mjs';

const terraform = parse(readFileSync(TERRAFORM_VALUES, 'utf8'));
const defaults = parse(readFileSync(join(CHARTS, 'notejam/values.yaml'), 'utf8'));

// Dotted paths of the leaves of a values tree (lists are leaves).
const leaves = (v, path = []) => (v && typeof v === 'object' && !Array.isArray(v)
  ? Object.entries(v).flatMap(([k, x]) => leaves(x, [...path, k])) : [path]);

test('every key of Terraform\'s helm_values is a key of the chart\'s values.yaml, nested the same way', () => {
  const paths = leaves(terraform);
  assert.ok(paths.length >= 10, `only ${paths.length} keys`);
  const missing = paths.filter((p) => p.reduce((node, k) => (node && typeof node === 'object' && k in node ? node[k] : undefined), defaults) === undefined);
  assert.deepEqual(missing.map((p) => p.join('.')), []);
});

test('prod rendered with the output: each Terraform value lands where the chart uses it', async () => {
  const objects = await render('helm4', 'notejam', { env: 'prod' });
  const tf = terraform;
  const api = one(objects, 'Deployment', 'api');
  assert.equal(one(objects, 'TargetGroupBinding').spec.targetGroupARN, tf.targetGroupBinding.targetGroupArn);
  assert.match(api.spec.template.spec.containers.find((c) => c.name === 'api').image, new RegExp(`^${tf.image.repository}:`));
  assert.equal(ofKind(objects, 'ConfigMap').find((c) => c.data?.NOTEJAM_LISTEN).data.NOTEJAM_PUBLIC_URL, tf.config.publicUrl);
  assert.ok(api.spec.template.spec.containers[0].lifecycle.preStop.sleep.seconds > tf.shutdown.deregistrationDelaySeconds);

  const np = one(objects, 'NetworkPolicy', 'api');
  const egressTo = (port) => np.spec.egress.filter((r) => r.ports.some((p) => p.port === port))
    .flatMap((r) => r.to.filter((t) => t.ipBlock).map((t) => t.ipBlock.cidr));
  assert.deepEqual(egressTo(5432), tf.networkPolicy.database.cidrs);
  assert.deepEqual(egressTo(tf.redisTls.port), tf.networkPolicy.redis.cidrs);

  const stunnel = ofKind(objects, 'ConfigMap').find((c) => c.data['stunnel.conf']).data['stunnel.conf'];
  assert.match(stunnel, new RegExp(`connect = ${tf.redisTls.host.replaceAll('.', '\\.')}:${tf.redisTls.port}`));
  const sidecar = api.spec.template.spec.initContainers.find((c) => c.name === 'redis-tls');
  assert.match(sidecar.image, new RegExp(`^${tf.redisTls.image.repository}:`));

  const backup = one(objects, 'CronJob', 'backup').spec.jobTemplate.spec.template.spec;
  const e = envOf(backup.containers[0]);
  assert.deepEqual([e.BACKUP_BUCKET.value, e.BACKUP_PREFIX.value, e.AWS_REGION.value], [tf.backup.bucket, tf.backup.prefix, tf.backup.awsRegion]);
  assert.match(backup.containers[0].image, new RegExp(`^${tf.backup.image.repository}:`));
  assert.equal(backup.serviceAccountName, tf.backup.serviceAccount.name);
  assert.equal(one(objects, 'CronJob', 'restore-drill').spec.jobTemplate.spec.template.spec.serviceAccountName,
    tf.restoreDrill.serviceAccount.name);
});
