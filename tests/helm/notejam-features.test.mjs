// The notejam chart's switches: one HPA owns the replicas in every environment, config changes roll the pods, SMTP,
// the ServiceAccounts carry no IAM annotation (Pod Identity binds by name), scheduling settings, image tags.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { render } from './lib/helm.mjs';
import { envOf, ofKind, one } from './lib/manifests.mjs';
import { FEATURES_ON } from './lib/scenarios.mjs';

const [smtpDev] = Object.values(FEATURES_ON);

for (const env of ['dev', 'test', 'prod']) {
  test(`HPA (${env}): one autoscaler owns the API's replicas, fast up and slow down`, async () => {
    const objects = await render('helm4', 'notejam', { env });
    const hpa = one(objects, 'HorizontalPodAutoscaler');
    const api = one(objects, 'Deployment', 'api');
    assert.ok(hpa.spec.minReplicas >= 1 && hpa.spec.minReplicas <= hpa.spec.maxReplicas, `${hpa.spec.minReplicas}..${hpa.spec.maxReplicas}`);
    assert.deepEqual(hpa.spec.scaleTargetRef, { apiVersion: 'apps/v1', kind: 'Deployment', name: api.metadata.name });
    assert.equal(api.spec.replicas, undefined, 'a helm upgrade must not reset the replicas the HPA chose');
    assert.equal(hpa.spec.behavior.scaleUp.stabilizationWindowSeconds, 0);
    assert.ok(hpa.spec.behavior.scaleDown.stabilizationWindowSeconds >= 300);
  });
}

test('a config change rolls the pods (checksum/config changes), a pod-irrelevant change does not', async () => {
  const checksum = async (setString) => one(await render('helm4', 'notejam', { env: 'test', setString }), 'Deployment', 'api')
    .spec.template.metadata.annotations['checksum/config'];
  const base = await checksum([]);
  assert.notEqual(await checksum(['config.logLevel=warn']), base);
  assert.notEqual(await checksum(['config.extraEnv.NOTEJAM_MAX_BODY=131072']), base);
  assert.equal(await checksum(['backup.schedule=30 3 * * *']), base);
});

test('SMTP: Terraform\'s smtp-url secret reaches the API as a file, and the API may connect to the SMTP relay', async () => {
  const objects = await render('helm4', 'notejam', smtpDev);
  const api = one(objects, 'Deployment', 'api');
  const es = one(objects, 'ExternalSecret', 'api');
  assert.ok(Object.keys(es.spec.target.template.data).includes('smtp-url'));
  const volume = api.spec.template.spec.volumes.find((v) => v.name === 'secrets').secret;
  assert.equal(volume.secretName, es.spec.target.name);
  assert.ok(volume.items.some((i) => i.key === 'smtp-url'));
  assert.equal(envOf(api.spec.template.spec.containers[0]).NOTEJAM_SMTP_URL_FILE.value, '/run/secrets/notejam/smtp-url');
  const np = one(objects, 'NetworkPolicy', 'api');
  assert.ok(np.spec.egress.some((r) => r.ports[0].port === 587 && r.to[0].ipBlock.cidr === '10.10.200.0/24'));
});

test('scheduling settings (nodeSelector, tolerations, pull secrets, priority, affinity) reach the API and migration pods', async () => {
  const objects = await render('helm4', 'notejam', smtpDev);
  for (const w of [one(objects, 'Deployment', 'api'), one(objects, 'Job', 'migrate')]) {
    const spec = w.spec.template.spec;
    assert.deepEqual(spec.nodeSelector, { workload: 'notejam' });
    assert.equal(spec.tolerations[0].key, 'dedicated');
    assert.deepEqual(spec.imagePullSecrets, [{ name: 'ecr' }]);
    assert.equal(spec.priorityClassName, 'notejam-critical');
  }
  const affinity = one(objects, 'Deployment', 'api').spec.template.spec.affinity;
  assert.deepEqual(affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values, ['amd64']);
});

test('the HPA is there with every scenario too: no values switch it off or pin the replicas', async () => {
  const objects = await render('helm4', 'notejam', smtpDev);
  assert.equal(ofKind(objects, 'HorizontalPodAutoscaler').length, 1);
  assert.equal(one(objects, 'Deployment', 'api').spec.replicas, undefined);
});

test('no ServiceAccount carries an IAM role annotation: EKS Pod Identity binds the ops ones by namespace + name', async () => {
  for (const env of ['dev', 'test', 'prod']) {
    for (const sa of ofKind(await render('helm4', 'notejam', { env }), 'ServiceAccount'))
      assert.equal(sa.metadata.annotations?.['eks.amazonaws.com/role-arn'], undefined, `${env}: ${sa.metadata.name}`);
  }
});

test('image.tag overrides the appVersion for the API and the migration Job alike', async () => {
  const objects = await render('helm4', 'notejam', { env: 'prod', setString: ['image.tag=1.4.2-7-gdeadbee'] });
  const images = [one(objects, 'Deployment', 'api'), one(objects, 'Job', 'migrate')]
    .map((w) => w.spec.template.spec.containers[0].image);
  assert.deepEqual([...new Set(images)], ['111111111111.dkr.ecr.eu-west-1.amazonaws.com/notejam-api:1.4.2-7-gdeadbee']);
  assert.equal(one(objects, 'Deployment', 'api').metadata.labels['app.kubernetes.io/version'], '1.4.2-7-gdeadbee');
});

test('Redis TLS on in every AWS environment (ElastiCache): the stunnel sidecar', async () => {
  for (const env of ['dev', 'test', 'prod']) {
    const api = one(await render('helm4', 'notejam', { env }), 'Deployment', 'api');
    assert.deepEqual(api.spec.template.spec.initContainers.map((c) => c.name), ['redis-tls']);
  }
});
