// PostgreSQL and Redis in-cluster, for review apps (ci/bin/review-deploy.sh) and clusters without RDS/ElastiCache
// (dev and test use Terraform's RDS and ElastiCache like prod): StatefulSets with persistent volumes, probes,
// resources, the password only by reference, reachable from Notejam's pods only.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CHART_ENVS, render } from './lib/helm.mjs';
import { assertHardened, assertLabels, assertNoLiteralSecrets, assertPinnedImages, assertResources } from './lib/checks.mjs';
import { ofKind, one, selects } from './lib/manifests.mjs';
import { FEATURES_ON } from './lib/scenarios.mjs';

const reviewApp = FEATURES_ON['a review app: the Ingress and the in-cluster SPA (ci/values/review.yaml)'];

const PORTS = { postgresql: 5432, redis: 6379 };

for (const chart of ['postgresql', 'redis']) {
  for (const env of CHART_ENVS[chart]) {
    describe(`${chart} (${env})`, async () => {
      const objects = await render('helm4', chart, { env, release: chart, namespace: `notejam-${env}` });
      const sts = one(objects, 'StatefulSet');
      const pod = sts.spec.template;
      const c = pod.spec.containers[0];

      test('a StatefulSet with its data on a ReadWriteOnce PersistentVolumeClaim', () => {
        assert.equal(sts.spec.replicas, 1);
        const [claim] = sts.spec.volumeClaimTemplates;
        assert.deepEqual(claim.spec.accessModes, ['ReadWriteOnce']);
        assert.match(claim.spec.resources.requests.storage, /^[0-9]+Gi$/);
        assert.equal(claim.spec.storageClassName, 'gp3');
        const dataDir = chart === 'postgresql' ? '/var/lib/postgresql/data' : '/data';
        assert.ok(c.volumeMounts.some((m) => m.name === claim.metadata.name && m.mountPath === dataDir));
        const headless = ofKind(objects, 'Service').find((s) => s.metadata.name === sts.spec.serviceName);
        assert.equal(headless?.spec.clusterIP, 'None');
      });

      test('startup, readiness and liveness probes that really ask the server', () => {
        for (const p of ['startupProbe', 'readinessProbe', 'livenessProbe']) {
          const cmd = c[p].exec.command.join(' ');
          assert.match(cmd, chart === 'postgresql' ? /^pg_isready -h 127\.0\.0\.1/ : /redis-cli -h 127\.0\.0\.1 ping \| grep -q PONG/);
        }
      });

      test('resources, hardened security context, pinned image, recommended labels', () => {
        assertResources(objects);
        assertHardened(objects);
        assertPinnedImages(objects);
        assertLabels(objects);
        assert.equal(pod.spec.securityContext.runAsUser, 999);
      });

      test('the password only by reference: a Secret synced by External Secrets, mounted as a file', () => {
        assertNoLiteralSecrets(objects);
        const secretVolume = pod.spec.volumes.find((v) => v.secret);
        assert.equal(secretVolume.secret.secretName, `notejam-${chart}`);
        const es = one(objects, 'ExternalSecret');
        assert.equal(es.spec.target.name, secretVolume.secret.secretName);
        assert.equal(es.spec.data[0].remoteRef.key, `notejam/${env}/${chart}`);
        if (chart === 'postgresql') {
          const env = Object.fromEntries(c.env.map((e) => [e.name, e.value]));
          assert.equal(env.POSTGRES_PASSWORD_FILE, '/run/secrets/postgresql/password');
          assert.equal(env.POSTGRES_PASSWORD, undefined);
        } else {
          const conf = one(objects, 'ConfigMap').data['redis.conf'];
          assert.match(conf, /^include \/run\/redis\/auth\.conf$/m);
          assert.match(conf, /^maxmemory-policy noeviction$/m, 'sessions are never evicted silently');
          assert.match(conf, /^appendonly yes$/m);
        }
      });

      test('the Service selects the server; only the notejam chart\'s pods may connect', () => {
        const svc = ofKind(objects, 'Service').find((s) => s.metadata.name === chart);
        assert.ok(selects(svc.spec.selector, pod.metadata.labels));
        assert.equal(svc.spec.ports[0].port, PORTS[chart]);
        const np = one(objects, 'NetworkPolicy');
        assert.ok(selects(np.spec.podSelector.matchLabels, pod.metadata.labels));
        assert.deepEqual(np.spec.ingress.map((r) => r.ports[0].port), [PORTS[chart]]);
        assert.ok(!selects(np.spec.ingress[0].from[0].podSelector.matchLabels, pod.metadata.labels), 'not itself');
      });

      test('a review app\'s notejam API is let in, and its own egress policy lets it out', async () => {
        const notejam = await render('helm4', 'notejam', reviewApp);
        const apiLabels = one(notejam, 'Deployment', 'api').spec.template.metadata.labels;
        const np = one(objects, 'NetworkPolicy');
        assert.ok(selects(np.spec.ingress[0].from[0].podSelector.matchLabels, apiLabels));
        const apiNp = one(notejam, 'NetworkPolicy', 'api');
        const toHere = apiNp.spec.egress.find((r) => r.ports[0].port === PORTS[chart]);
        assert.ok(toHere.to.some((p) => p.podSelector && selects(p.podSelector.matchLabels, pod.metadata.labels)));
      });
    });
  }
}

test('PostgreSQL 15, so the ops image\'s pg_dump 15 can back it up', async () => {
  const sts = one(await render('helm4', 'postgresql', { env: 'test' }), 'StatefulSet');
  assert.match(sts.spec.template.spec.containers[0].image, /\/postgres:15\.[0-9]+-bookworm$/);
});
