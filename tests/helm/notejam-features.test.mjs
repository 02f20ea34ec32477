// The notejam chart's switches: KEDA replaces the HPA (never both), config changes roll the pods, secrets from
// an existing Secret, IRSA, fixed replicas without autoscaling, image tags.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { render } from './lib/helm.mjs';
import { envOf, ofKind, one } from './lib/manifests.mjs';
import { FEATURES_ON } from './lib/scenarios.mjs';

const [kedaProd, existingDev] = Object.values(FEATURES_ON);

for (const env of ['dev', 'test', 'prod']) {
  test(`KEDA xor HPA (${env}): exactly one autoscaler whichever way keda.enabled is set`, async () => {
    const hpa = await render('helm4', 'notejam', { env });
    assert.equal(ofKind(hpa, 'HorizontalPodAutoscaler').length, 1);
    assert.equal(ofKind(hpa, 'ScaledObject').length, 0);
    const keda = await render('helm4', 'notejam', { env, set: ['autoscaling.keda.enabled=true'] });
    assert.equal(ofKind(keda, 'HorizontalPodAutoscaler').length, 0);
    assert.equal(ofKind(keda, 'ScaledObject').length, 1);
    assert.equal(one(keda, 'Deployment', 'api').spec.replicas, undefined);
  });
}

test('KEDA ScaledObject: same bounds and behavior as the HPA, a CPU trigger plus the business-hours cron', async () => {
  const hpa = one(await render('helm4', 'notejam', { env: 'prod' }), 'HorizontalPodAutoscaler');
  const so = one(await render('helm4', 'notejam', kedaProd), 'ScaledObject');
  assert.equal(so.spec.scaleTargetRef.name, hpa.spec.scaleTargetRef.name);
  assert.equal(so.spec.minReplicaCount, hpa.spec.minReplicas);
  assert.equal(so.spec.maxReplicaCount, hpa.spec.maxReplicas);
  assert.deepEqual(so.spec.advanced.horizontalPodAutoscalerConfig.behavior, hpa.spec.behavior);
  const cpu = so.spec.triggers.find((t) => t.type === 'cpu');
  assert.equal(cpu.metadata.value, String(hpa.spec.metrics[0].resource.target.averageUtilization));
  const cron = so.spec.triggers.find((t) => t.type === 'cron');
  assert.equal(cron.metadata.start, '30 7 * * 1-5');
  assert.ok(Number(cron.metadata.desiredReplicas) > so.spec.minReplicaCount);
});

test('a config change rolls the pods (checksum/config changes), a pod-irrelevant change does not', async () => {
  const checksum = async (setString) => one(await render('helm4', 'notejam', { env: 'test', setString }), 'Deployment', 'api')
    .spec.template.metadata.annotations['checksum/config'];
  const base = await checksum([]);
  assert.notEqual(await checksum(['config.logLevel=warn']), base);
  assert.notEqual(await checksum(['config.extraEnv.NOTEJAM_MAX_BODY=131072']), base);
  assert.equal(await checksum(['ingress.host=other.notejam.example.com']), base);
});

test('an existing Secret (clusters without ESO) is mounted by the API and the migration Job; no ExternalSecret', async () => {
  const objects = await render('helm4', 'notejam', existingDev);
  assert.deepEqual(ofKind(objects, 'ExternalSecret'), []);
  const api = one(objects, 'Deployment', 'api');
  const job = one(objects, 'Job', 'migrate');
  for (const w of [api, job]) {
    assert.equal(w.spec.template.spec.volumes.find((v) => v.secret).secret.secretName, 'notejam-app');
    assert.equal(envOf(w.spec.template.spec.containers[0]).NOTEJAM_SMTP_URL_FILE.value, '/run/secrets/notejam/smtp-url');
  }
  const np = one(objects, 'NetworkPolicy', 'api');
  assert.ok(np.spec.egress.some((r) => r.ports[0].port === 587 && r.to[0].ipBlock.cidr === '10.10.200.0/24'));
});

test('scheduling settings (nodeSelector, tolerations, pull secrets, priority, affinity) reach the API and migration pods', async () => {
  const objects = await render('helm4', 'notejam', existingDev);
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

test('without autoscaling the Deployment keeps replicaCount and no autoscaler exists', async () => {
  const objects = await render('helm4', 'notejam', existingDev);
  assert.equal(one(objects, 'Deployment', 'api').spec.replicas, 2);
  assert.equal(ofKind(objects, 'HorizontalPodAutoscaler').length + ofKind(objects, 'ScaledObject').length, 0);
});

test('IRSA: serviceAccount.roleArn annotates the API ServiceAccount; Pod Identity needs no annotation', async () => {
  const irsa = one(await render('helm4', 'notejam', kedaProd), 'ServiceAccount', 'api');
  assert.equal(irsa.metadata.annotations['eks.amazonaws.com/role-arn'], 'arn:aws:iam::111111111111:role/notejam-api');
  const podIdentity = one(await render('helm4', 'notejam', { env: 'prod' }), 'ServiceAccount', 'api');
  assert.equal(podIdentity.metadata.annotations, undefined);
});

test('the web pods may reach the API; the ALB subnets may reach the web pods', async () => {
  const objects = await render('helm4', 'notejam', kedaProd);
  const web = one(objects, 'Deployment', 'web');
  const apiNp = one(objects, 'NetworkPolicy', 'api');
  const webLabels = web.spec.template.metadata.labels;
  assert.ok(apiNp.spec.ingress.some((r) => r.from.some((p) => p.podSelector
    && Object.entries(p.podSelector.matchLabels).every(([k, v]) => webLabels[k] === v))));
  const webNp = one(objects, 'NetworkPolicy', 'web');
  assert.deepEqual(webNp.spec.ingress[0].from.map((p) => p.ipBlock.cidr), ['10.30.0.0/22', '10.30.4.0/22', '10.30.8.0/22']);
  assert.equal(one(objects, 'PodDisruptionBudget', 'web').spec.maxUnavailable, 1);
});

test('image.tag overrides the appVersion for the API and the migration Job alike', async () => {
  const objects = await render('helm4', 'notejam', { env: 'prod', setString: ['image.tag=1.4.2-7-gdeadbee'] });
  const images = [one(objects, 'Deployment', 'api'), one(objects, 'Job', 'migrate')]
    .map((w) => w.spec.template.spec.containers[0].image);
  assert.deepEqual([...new Set(images)], ['111111111111.dkr.ecr.eu-west-1.amazonaws.com/notejam-api:1.4.2-7-gdeadbee']);
  assert.equal(one(objects, 'Deployment', 'api').metadata.labels['app.kubernetes.io/version'], '1.4.2-7-gdeadbee');
});

test('Redis TLS off (dev, test): no sidecar, the API talks to Redis directly', async () => {
  for (const env of ['dev', 'test']) {
    const api = one(await render('helm4', 'notejam', { env }), 'Deployment', 'api');
    assert.equal(api.spec.template.spec.initContainers, undefined);
  }
});

test('the ALB group can be shared (dev/test) and the deregistration delay follows shutdown settings', async () => {
  const objects = await render('helm4', 'notejam', { env: 'prod', set: ['shutdown.deregistrationDelaySeconds=40', 'shutdown.preStopSleepSeconds=45', 'ingress.groupName=shared'] });
  const a = one(objects, 'Ingress').metadata.annotations;
  assert.equal(a['alb.ingress.kubernetes.io/target-group-attributes'], 'deregistration_delay.timeout_seconds=40');
  assert.equal(a['alb.ingress.kubernetes.io/group.name'], 'shared');
  const spec = one(objects, 'Deployment', 'api').spec.template.spec;
  assert.equal(spec.containers[0].lifecycle.preStop.sleep.seconds, 45);
  assert.equal(spec.terminationGracePeriodSeconds, 45 + 20 + 5);
});
