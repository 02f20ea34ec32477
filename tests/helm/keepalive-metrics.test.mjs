// Two seams of issue 13 read from both sides:
//  - keep-alive: Terraform's ALB idle timeout (terraform/modules/web/alb.tf, passed by helm_values) is the one
//    place; the API's keep-alive the chart sets (NOTEJAM_KEEPALIVE_TIMEOUT_MS) must outlast it, within what
//    api/src/config.c accepts, for every environment;
//  - /metrics: served on the metrics port only, which Prometheus reaches and the ALB does not.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parse } from 'yaml';
import { CHARTS, ROOT, render, TERRAFORM_VALUES } from './lib/helm.mjs';
import { one, ofKind } from './lib/manifests.mjs';

const albTf = readFileSync(join(ROOT, 'terraform/modules/web/alb.tf'), 'utf8');
const albBlock = albTf.slice(albTf.indexOf('resource "aws_lb" "api"'));
const ALB_IDLE = Number(/\n\s*idle_timeout\s*=\s*(\d+)/.exec(albBlock.slice(0, albBlock.indexOf('\n}')))?.[1]);
const configC = readFileSync(join(ROOT, 'api/src/config.c'), 'utf8');
const [, keepDefault, keepMin, keepMax] = /"NOTEJAM_KEEPALIVE_TIMEOUT_MS", I\(keepalive_timeout_ms\), "(\d+)", (\d+), (\d+)/.exec(configC).map(Number);
const defaults = parse(readFileSync(join(CHARTS, 'notejam/values.yaml'), 'utf8'));
const apiConfig = (objects) => ofKind(objects, 'ConfigMap').find((c) => c.data?.NOTEJAM_LISTEN).data;
const keepAliveOf = (objects) => Number(apiConfig(objects).NOTEJAM_KEEPALIVE_TIMEOUT_MS);

test('the ALB idle timeout is set once in Terraform and reaches the chart unchanged', () => {
  assert.ok(ALB_IDLE > 0, 'aws_lb.api sets idle_timeout in alb.tf');
  assert.equal(parse(readFileSync(TERRAFORM_VALUES, 'utf8')).loadBalancer.idleTimeoutSeconds, ALB_IDLE, 'helm_values (fixture)');
  assert.equal(defaults.loadBalancer.idleTimeoutSeconds, ALB_IDLE, "the chart's default (releases without Terraform's values)");
  assert.ok(keepDefault > ALB_IDLE * 1000, `the API's own default keep-alive ${keepDefault} ms outlasts ${ALB_IDLE} s`);
});

for (const env of ['dev', 'test', 'prod']) {
  test(`${env}: the API keeps idle connections longer than the ALB, with a value the API accepts`, async () => {
    const keep = keepAliveOf(await render('helm4', 'notejam', { env }));
    assert.ok(keep > ALB_IDLE * 1000, `${keep} ms vs ALB ${ALB_IDLE} s`);
    assert.ok(keep >= keepMin && keep <= keepMax, `${keep} within ${keepMin}..${keepMax}`);
    const cm = apiConfig(await render('helm4', 'notejam', { env }));
    const cap = Number(cm.NOTEJAM_MAX_CLIENT_CONNECTIONS);
    assert.ok(cap > 0 && cap < Number(cm.NOTEJAM_THREADS), `per-client cap ${cap} below ${cm.NOTEJAM_THREADS} threads: one peer never holds them all`);
  });
}

test('a longer ALB idle timeout from Terraform moves the keep-alive with it', async () => {
  const keep = keepAliveOf(await render('helm4', 'notejam', { env: 'prod', set: ['loadBalancer.idleTimeoutSeconds=300'] }));
  assert.ok(keep > 300000, `${keep} ms`);
});

test('/metrics: the API listens for it on the metrics port, which Prometheus scrapes and the ALB never gets', async () => {
  const objects = await render('helm4', 'notejam', { env: 'prod' });
  const port = defaults.metrics.port;
  const cm = apiConfig(objects);
  assert.equal(cm.NOTEJAM_METRICS_LISTEN, `0.0.0.0:${port}`);
  assert.notEqual(cm.NOTEJAM_LISTEN, cm.NOTEJAM_METRICS_LISTEN);
  const container = one(objects, 'Deployment', 'api').spec.template.spec.containers.find((c) => c.name === 'api');
  assert.deepEqual(container.ports.find((p) => p.name === 'metrics')?.containerPort, port);
  const svc = one(objects, 'Service', 'api');
  assert.equal(svc.spec.ports.find((p) => p.name === 'metrics')?.targetPort, 'metrics');
  assert.equal(one(objects, 'TargetGroupBinding').spec.serviceRef.port, 'http', 'the ALB registers the http port only');
  const np = one(objects, 'NetworkPolicy', 'api');
  const httpPort = svc.spec.ports.find((p) => p.name === 'http').port;
  // AMP's managed collector scrapes from the VPC (networkPolicy.metricsCidrs, from Terraform's helm_values); the
  // ALB's subnets (networkPolicy.ingressCidrs) reach the http port and nothing else.
  const values = parse(readFileSync(TERRAFORM_VALUES, 'utf8'));
  const collector = values.networkPolicy?.metricsCidrs ?? [];
  const alb = values.networkPolicy?.ingressCidrs ?? [];
  for (const rule of np.spec.ingress) {
    const ports = rule.ports.map((p) => p.port);
    if (ports.includes(port)) {
      assert.deepEqual(ports, [port]);
      assert.ok(rule.from.every((f) => collector.includes(f.ipBlock?.cidr)), 'only the collector CIDRs reach the metrics port');
    } else {
      assert.deepEqual(ports, [httpPort]);
      assert.ok(!rule.from.some((f) => collector.includes(f.ipBlock?.cidr) && !alb.includes(f.ipBlock?.cidr)),
        'the collector CIDRs do not reach the http port');
    }
  }
  assert.ok(collector.length > 0, 'Terraform gives the collector\'s CIDRs');
  assert.ok(np.spec.ingress.some((r) => r.ports.some((p) => p.port === port) &&
    r.from.some((f) => collector.includes(f.ipBlock?.cidr))), 'the collector CIDRs reach the metrics port');
});
