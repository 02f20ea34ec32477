// The notejam chart's switches: one HPA whenever autoscaling is on, config changes roll the pods, secrets from
// an existing Secret, IRSA, fixed replicas without autoscaling, image tags, and the review apps' Ingress + SPA.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { render, TERRAFORM_VALUES } from './lib/helm.mjs';
import { envOf, ofKind, one } from './lib/manifests.mjs';
import { FEATURES_ON } from './lib/scenarios.mjs';

const [webProd, existingDev, reviewApp] = Object.values(FEATURES_ON);
const terraform = parse(readFileSync(TERRAFORM_VALUES, 'utf8'));

for (const env of ['dev', 'test', 'prod']) {
  test(`HPA (${env}): one autoscaler owns the API's replicas, fast up and slow down`, async () => {
    const objects = await render('helm4', 'notejam', { env });
    const hpa = one(objects, 'HorizontalPodAutoscaler');
    const api = one(objects, 'Deployment', 'api');
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
  assert.equal(ofKind(objects, 'HorizontalPodAutoscaler').length, 0);
});

test('IRSA: serviceAccount.roleArn annotates the API ServiceAccount; Pod Identity needs no annotation', async () => {
  const irsa = one(await render('helm4', 'notejam', webProd), 'ServiceAccount', 'api');
  assert.equal(irsa.metadata.annotations['eks.amazonaws.com/role-arn'], 'arn:aws:iam::111111111111:role/notejam-api');
  const podIdentity = one(await render('helm4', 'notejam', { env: 'prod' }), 'ServiceAccount', 'api');
  assert.equal(podIdentity.metadata.annotations, undefined);
});

test('the web pods may reach the API; the ALB subnets may reach the web pods', async () => {
  const objects = await render('helm4', 'notejam', webProd);
  const web = one(objects, 'Deployment', 'web');
  const apiNp = one(objects, 'NetworkPolicy', 'api');
  const webLabels = web.spec.template.metadata.labels;
  assert.ok(apiNp.spec.ingress.some((r) => r.from.some((p) => p.podSelector
    && Object.entries(p.podSelector.matchLabels).every(([k, v]) => webLabels[k] === v))));
  const webNp = one(objects, 'NetworkPolicy', 'web');
  assert.deepEqual(webNp.spec.ingress[0].from.map((p) => p.ipBlock.cidr), terraform.networkPolicy.ingressCidrs);
  assert.equal(one(objects, 'PodDisruptionBudget', 'web').spec.maxUnavailable, 1);
});

test('image.tag overrides the appVersion for the API and the migration Job alike', async () => {
  const objects = await render('helm4', 'notejam', { env: 'prod', setString: ['image.tag=1.4.2-7-gdeadbee'] });
  const images = [one(objects, 'Deployment', 'api'), one(objects, 'Job', 'migrate')]
    .map((w) => w.spec.template.spec.containers[0].image);
  assert.deepEqual([...new Set(images)], ['111111111111.dkr.ecr.eu-west-1.amazonaws.com/notejam-api:1.4.2-7-gdeadbee']);
  assert.equal(one(objects, 'Deployment', 'api').metadata.labels['app.kubernetes.io/version'], '1.4.2-7-gdeadbee');
});

test('Redis TLS on in every AWS environment (ElastiCache), off for review apps: no sidecar, in-cluster Redis', async () => {
  for (const env of ['dev', 'test', 'prod']) {
    const api = one(await render('helm4', 'notejam', { env }), 'Deployment', 'api');
    assert.deepEqual(api.spec.template.spec.initContainers.map((c) => c.name), ['redis-tls']);
  }
  assert.equal(one(await render('helm4', 'notejam', reviewApp), 'Deployment', 'api').spec.template.spec.initContainers, undefined);
});

test('review apps: Ingress for the AWS Load Balancer Controller (ALB, target-type ip, ACM, HTTPS redirect, /readyz)', async () => {
  const objects = await render('helm4', 'notejam', reviewApp);
  assert.deepEqual(ofKind(objects, 'TargetGroupBinding'), []);
  const ingress = one(objects, 'Ingress');
  const a = ingress.metadata.annotations;
  assert.equal(ingress.spec.ingressClassName, 'alb');
  assert.equal(a['alb.ingress.kubernetes.io/target-type'], 'ip');
  assert.match(a['alb.ingress.kubernetes.io/certificate-arn'], /^arn:aws:acm:/);
  assert.equal(a['alb.ingress.kubernetes.io/ssl-redirect'], '443');
  assert.deepEqual(JSON.parse(a['alb.ingress.kubernetes.io/listen-ports']), [{ HTTP: 80 }, { HTTPS: 443 }]);
  assert.equal(a['alb.ingress.kubernetes.io/healthcheck-path'], '/readyz');
  assert.equal(a['alb.ingress.kubernetes.io/group.name'], 'notejam-review');
  // The ALB this Ingress creates drains as long as Terraform's target group does, and preStop outlasts both.
  assert.equal(a['alb.ingress.kubernetes.io/target-group-attributes'],
    `deregistration_delay.timeout_seconds=${terraform.shutdown.deregistrationDelaySeconds}`);
  assert.ok(one(objects, 'Deployment', 'api').spec.template.spec.containers[0].lifecycle.preStop.sleep.seconds
    > terraform.shutdown.deregistrationDelaySeconds);
  assert.equal(ingress.spec.rules[0].host, 'review-feature-x.review.notejam.example.com');
});

test('review apps: the SPA runs in-cluster and proxies /api/ to this release\'s API Service, behind the same Ingress', async () => {
  const objects = await render('helm4', 'notejam', reviewApp);
  const web = one(objects, 'Deployment', 'web');
  const c = web.spec.template.spec.containers[0];
  const svc = one(objects, 'Service', 'api');
  assert.equal(envOf(c).NOTEJAM_API_UPSTREAM.value, `http://${svc.metadata.name}:${svc.spec.ports[0].port}`);
  assert.match(c.image, /notejam-web:/);
  assert.equal(web.spec.strategy.rollingUpdate.maxUnavailable, 0);
  const paths = Object.fromEntries(one(objects, 'Ingress').spec.rules[0].http.paths.map((p) => [p.path, p.backend.service.name]));
  assert.equal(paths['/api'], svc.metadata.name);
  assert.equal(paths['/'], one(objects, 'Service', 'web').metadata.name);
});

test('the ALB group can be shared and the deregistration delay follows shutdown settings', async () => {
  const objects = await render('helm4', 'notejam', { ...reviewApp, set: ['shutdown.deregistrationDelaySeconds=40', 'shutdown.preStopSleepSeconds=45', 'ingress.groupName=shared'] });
  const a = one(objects, 'Ingress').metadata.annotations;
  assert.equal(a['alb.ingress.kubernetes.io/target-group-attributes'], 'deregistration_delay.timeout_seconds=40');
  assert.equal(a['alb.ingress.kubernetes.io/group.name'], 'shared');
  const spec = one(objects, 'Deployment', 'api').spec.template.spec;
  assert.equal(spec.containers[0].lifecycle.preStop.sleep.seconds, 45);
  assert.equal(spec.terminationGracePeriodSeconds, 45 + 20 + 5);
});
