// Every rendered object, for every chart, environment and Helm version (plus the optional features switched
// on), is valid against the Kubernetes API schemas (kubernetes-models, the External Secrets models, and
// lib/crd-model.mjs for the TargetGroupBinding) and carries no field those schemas do not know.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CHART_ENVS, HELMS, render } from './lib/helm.mjs';
import { checkObject } from './lib/k8s-schema.mjs';
import { FEATURES_ON } from './lib/scenarios.mjs';

async function assertValid(objects) {
  const problems = (await Promise.all(objects.map(checkObject))).flat();
  assert.deepEqual(problems, []);
}

test('the unknown-field check catches what the schema validators let through', async () => {
  const deployment = {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x', labels: { any: 'label' } },
    spec: {
      selector: { matchLabels: { a: 'b' } },
      template: {
        metadata: { labels: { a: 'b' } },
        spec: { containers: [{ name: 'c', image: 'i:1', resource: { limits: { cpu: '1' } }, ports: [{ containerPort: 1, nam: 'x' }] }] },
      },
    },
  };
  assert.deepEqual(await checkObject(deployment), [
    'Deployment/x: unknown field /spec/template/spec/containers/0/resource',
    'Deployment/x: unknown field /spec/template/spec/containers/0/ports/0/nam',
  ]);
  const hpa = { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'h' },
    spec: { scaleTargetRef: { kind: 'Deployment', name: 'x' }, maxReplicas: 'many' } };
  assert.match((await checkObject(hpa)).join('\n'), /maxReplicas/);
  assert.match((await checkObject({ apiVersion: 'example.com/v1', kind: 'Thing', metadata: { name: 't' } })).join(), /no schema/);
});

test('the TargetGroupBinding schema (schemas/, no model package exists) refuses typos, bad values and missing fields', async () => {
  const tgb = (spec, metadata = { name: 't' }) => checkObject({ apiVersion: 'elbv2.k8s.aws/v1beta1', kind: 'TargetGroupBinding', metadata, spec });
  const arn = 'arn:aws:elasticloadbalancing:eu-west-1:111111111111:targetgroup/api/0123456789abcdef';
  assert.deepEqual(await tgb({ targetGroupARN: arn, targetType: 'ip', serviceRef: { name: 'api', port: 'http' } }), []);
  assert.match((await tgb({ targetGroupArn: arn, serviceRef: { name: 'api', port: 8080 } })).join(), /targetGroupARN|additional properties/);
  assert.match((await tgb({ targetGroupARN: arn, targetType: 'pod', serviceRef: { name: 'api', port: 8080 } })).join(), /targetType/);
  assert.match((await tgb({ targetGroupARN: arn, serviceRef: { name: 'api' } })).join(), /port/);
  assert.match((await tgb({ targetGroupARN: 'arn:aws:acm:eu-west-1:111111111111:certificate/x', serviceRef: { name: 'a', port: 1 } })).join(), /targetGroupARN/);
  assert.deepEqual(await tgb({ targetGroupARN: arn, serviceRef: { name: 'api', port: 1 } }, { name: 't', lables: {} }),
    ['TargetGroupBinding/t: unknown field /metadata/lables']);
});

for (const [chart, envs] of Object.entries(CHART_ENVS)) {
  for (const env of envs) {
    for (const which of Object.keys(HELMS)) {
      test(`${which}: ${chart} (${env}) manifests are valid Kubernetes objects without unknown fields`, async () => {
        await assertValid(await render(which, chart, { env }));
      });
    }
  }
}

for (const [name, opts] of Object.entries(FEATURES_ON)) {
  test(`helm4: notejam with ${name} renders valid objects without unknown fields`, async () => {
    await assertValid(await render('helm4', 'notejam', opts));
  });
}
