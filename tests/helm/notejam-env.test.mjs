// The promises, asserted on the notejam chart as rendered for each environment (dev, test, prod).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { parse } from 'yaml';
import { CHARTS, CHART_ENVS, render, TERRAFORM_VALUES } from './lib/helm.mjs';
import { assertHardened, assertLabels, assertNoLiteralSecrets, assertPinnedImages, assertResources } from './lib/checks.mjs';
import { envOf, ofKind, one, quantity, selects } from './lib/manifests.mjs';

const appVersion = parse(readFileSync(join(CHARTS, 'notejam/Chart.yaml'), 'utf8')).appVersion;
const terraform = parse(readFileSync(TERRAFORM_VALUES, 'utf8'));

for (const env of CHART_ENVS.notejam) {
  describe(`notejam (${env})`, async () => {
    const objects = await render('helm4', 'notejam', { env });
    const api = one(objects, 'Deployment', 'api');
    const pod = api.spec.template;
    const apiContainer = pod.spec.containers.find((c) => c.name === 'api');
    const config = ofKind(objects, 'ConfigMap').find((c) => c.data?.NOTEJAM_LISTEN);

    test('rolling updates never take a ready pod away first (maxUnavailable 0, surge > 0)', () => {
      assert.equal(api.spec.strategy.type, 'RollingUpdate');
      assert.equal(api.spec.strategy.rollingUpdate.maxUnavailable, 0);
      assert.notEqual(String(api.spec.strategy.rollingUpdate.maxSurge).replace('%', ''), '0');
    });

    test('the autoscaler owns the replica count (no replicas in the Deployment)', () => {
      assert.equal(api.spec.replicas, undefined);
    });

    test('readiness on /readyz, liveness and startup on /healthz (never the database)', () => {
      assert.equal(apiContainer.readinessProbe.httpGet.path, '/readyz');
      assert.equal(apiContainer.livenessProbe.httpGet.path, '/healthz');
      assert.equal(apiContainer.startupProbe.httpGet.path, '/healthz');
      for (const p of ['readinessProbe', 'livenessProbe', 'startupProbe']) {
        assert.equal(apiContainer[p].httpGet.port, 'http');
      }
      assert.ok(apiContainer.ports.some((p) => p.name === 'http' && p.containerPort === 8080));
      // The startup probe gives a slow start at least 30 s before liveness may kill the pod.
      const s = apiContainer.startupProbe;
      assert.ok(s.periodSeconds * s.failureThreshold >= 30);
    });

    test('preStop outlasts the target group\'s deregistration delay (Terraform\'s); the grace period covers preStop and the drain', () => {
      const preStop = apiContainer.lifecycle.preStop.sleep.seconds;
      const dereg = terraform.shutdown.deregistrationDelaySeconds;
      const drain = Number(config.data.NOTEJAM_SHUTDOWN_GRACE);
      assert.ok(preStop > dereg, `preStop ${preStop}s <= deregistration delay ${dereg}s`);
      assert.ok(drain >= 10, 'the API needs time to finish in-flight requests');
      assert.ok(pod.spec.terminationGracePeriodSeconds >= preStop + drain,
        `grace ${pod.spec.terminationGracePeriodSeconds}s < preStop ${preStop}s + drain ${drain}s`);
    });

    test('every container has CPU and memory requests and limits, requests <= limits', () => {
      assertResources(objects);
    });

    test('the API fits its measured profile (peak RSS 67 MiB with 300 threads and 2 Argon2id hashes)', () => {
      const r = apiContainer.resources;
      const peak = 67 * 2 ** 20;
      assert.ok(quantity(r.requests.memory) >= peak * 1.4, 'memory request: measured peak + 40% or more');
      assert.ok(quantity(r.limits.memory) >= peak * 3, 'memory limit: three times the measured peak or more');
      assert.ok(quantity(r.requests.cpu) >= 0.1, 'CPU request: room for ~1 sign-in (20 ms CPU) every 200 ms');
      assert.ok(quantity(r.limits.cpu) >= 2 * quantity(r.requests.cpu), 'CPU limit: burst headroom while the HPA scales');
    });

    test('every container is hardened: non-root, read-only root FS, no privilege escalation, drop ALL, seccomp', () => {
      assertHardened(objects);
    });

    test('pods spread across zones and hosts (zone spread enforced in prod)', () => {
      const tsc = pod.spec.topologySpreadConstraints;
      const zone = tsc.find((t) => t.topologyKey === 'topology.kubernetes.io/zone');
      const host = tsc.find((t) => t.topologyKey === 'kubernetes.io/hostname');
      assert.ok(zone && host);
      for (const t of [zone, host]) {
        assert.equal(t.maxSkew, 1);
        assert.ok(selects(t.labelSelector.matchLabels, pod.metadata.labels), 'spread selector matches the pods');
      }
      if (env === 'prod') assert.equal(zone.whenUnsatisfiable, 'DoNotSchedule');
    });

    test('configuration comes from a ConfigMap whose checksum is on the pod template', () => {
      assert.ok(apiContainer.envFrom.some((e) => e.configMapRef?.name === config.metadata.name));
      assert.match(pod.metadata.annotations['checksum/config'], /^[0-9a-f]{64}$/);
      assert.equal(config.data.NOTEJAM_LISTEN, '0.0.0.0:8080');
    });

    test('secrets only by reference: no Secret objects, no secret values in env, arguments or ConfigMaps', () => {
      assertNoLiteralSecrets(objects);
      const env = envOf(apiContainer);
      for (const name of ['DATABASE_URL', 'REDIS_URL', 'JWT_KEYS']) {
        assert.match(env[`NOTEJAM_${name}_FILE`].value, /^\/run\/secrets\/notejam\//);
        assert.equal(env[`NOTEJAM_${name}`], undefined);
      }
    });

    test('ExternalSecret pulls DB/Redis/JWT secrets from AWS Secrets Manager into the Secret the API mounts', () => {
      const es = ofKind(objects, 'ExternalSecret').find((e) => e.metadata.labels['app.kubernetes.io/component'] === 'api');
      assert.ok(es, 'an ExternalSecret for the API');
      assert.equal(es.spec.secretStoreRef.kind, 'ClusterSecretStore');
      // Terraform's secrets in, the API's keys out (externalsecret.test.mjs evaluates the template).
      assert.deepEqual(Object.keys(es.spec.target.template.data).sort(), ['backup-database-url', 'database-url', 'jwt-keys', 'redis-url']);
      // never the master user nor the migrator's password: those are the migration hook's alone
      const { database, dbMigratePassword, smtpUrl, ...appKeys } = terraform.secrets.externalSecret.remoteKeys;
      assert.ok(database && dbMigratePassword && smtpUrl);
      assert.deepEqual([...new Set(es.spec.data.map((d) => d.remoteRef.key))].sort(), Object.values(appKeys).sort());
      const mounted = pod.spec.volumes.find((v) => v.name === 'secrets').secret.secretName;
      assert.equal(es.spec.target.name, mounted);
    });

    test('HPA autoscaling/v2 on CPU covers a 4x peak, scales up fast and down slowly', () => {
      const hpa = one(objects, 'HorizontalPodAutoscaler');
      assert.equal(hpa.apiVersion, 'autoscaling/v2');
      assert.equal(hpa.spec.scaleTargetRef.name, api.metadata.name);
      assert.equal(hpa.spec.metrics[0].resource.name, 'cpu');
      assert.equal(hpa.spec.metrics[0].resource.target.type, 'Utilization');
      const { minReplicas: min, maxReplicas: max } = hpa.spec;
      assert.ok(max >= 4 * min, `max ${max} < 4 x min ${min}`);
      if (env === 'prod') assert.ok(min >= 3, 'prod: at least one pod per zone');
      const { scaleUp, scaleDown } = hpa.spec.behavior;
      assert.equal(scaleUp.stabilizationWindowSeconds, 0, 'scale up at once');
      const upPerMinute = Math.max(...scaleUp.policies.filter((p) => p.type === 'Percent').map((p) => p.value * 60 / p.periodSeconds));
      assert.ok(upPerMinute >= 100, 'can at least double per minute');
      assert.ok(scaleDown.stabilizationWindowSeconds >= 300, 'waits 5+ minutes before scaling down');
      const downPerMinute = Math.max(...scaleDown.policies.map((p) => (p.type === 'Percent' ? p.value : 100) * 60 / p.periodSeconds));
      assert.ok(downPerMinute <= 25, 'sheds at most a quarter per minute');
      // Time to go from min to 4x min with the scale-up policies (each period: max of +percent, +pods).
      let replicas = min, seconds = 0;
      while (replicas < 4 * min) {
        const step = Math.max(...scaleUp.policies.map((p) => (p.type === 'Percent' ? Math.ceil(replicas * p.value / 100) : p.value)));
        replicas += step; seconds += scaleUp.policies[0].periodSeconds;
      }
      assert.ok(seconds <= 120, `4x takes ${seconds}s of HPA decisions`);
    });

    test('PodDisruptionBudget allows at most one API pod down', () => {
      const pdb = one(objects, 'PodDisruptionBudget', 'api');
      assert.equal(pdb.spec.maxUnavailable, 1);
      assert.ok(selects(pdb.spec.selector.matchLabels, pod.metadata.labels));
    });

    test('Service selects the API pods on the http port (and the metrics port, keepalive-metrics.test.mjs)', () => {
      const svc = one(objects, 'Service', 'api');
      assert.ok(selects(svc.spec.selector, pod.metadata.labels));
      assert.deepEqual(svc.spec.ports.map((p) => [p.name, p.targetPort]), [['http', 'http'], ['metrics', 'metrics']]);
    });

    test('the entry point: a TargetGroupBinding of the API Service to Terraform\'s target group', () => {
      const tgb = one(objects, 'TargetGroupBinding');
      const svc = one(objects, 'Service', 'api');
      assert.equal(tgb.apiVersion, 'elbv2.k8s.aws/v1beta1');
      assert.equal(tgb.spec.targetGroupARN, terraform.targetGroupBinding.targetGroupArn);
      assert.equal(tgb.spec.targetType, 'ip');
      assert.equal(tgb.spec.serviceRef.name, svc.metadata.name);
      assert.ok(svc.spec.ports.some((p) => p.name === tgb.spec.serviceRef.port || p.port === tgb.spec.serviceRef.port),
        `serviceRef.port ${tgb.spec.serviceRef.port} is not a port of the Service`);
      assert.equal(tgb.spec.networking, undefined, 'Terraform owns the ALB -> pods security-group rule');
    });

    test('the API runs as its own ServiceAccount (no IAM role: it calls no AWS API); no API token mounted', () => {
      const sa = one(objects, 'ServiceAccount', 'api');
      assert.equal(pod.spec.serviceAccountName, sa.metadata.name);
      assert.equal(pod.spec.automountServiceAccountToken, false);
    });

    test('NetworkPolicy: API reachable only from the ALB subnets and AMP\'s collector; egress to DNS, PostgreSQL, Redis', () => {
      const np = one(objects, 'NetworkPolicy', 'api');
      assert.ok(selects(np.spec.podSelector.matchLabels, pod.metadata.labels));
      assert.deepEqual(np.spec.policyTypes, ['Ingress', 'Egress']);
      for (const rule of np.spec.ingress) {
        assert.ok(rule.from?.length, 'no allow-from-anywhere rule');
        // the http port, or (AMP's collector CIDRs only) the metrics port
        const collector = rule.from.every((f) => terraform.networkPolicy.metricsCidrs.includes(f.ipBlock?.cidr));
        assert.deepEqual(rule.ports.map((p) => p.port), collector ? [9090] : [8080]);
        for (const peer of rule.from) assert.ok(peer.ipBlock, `unexpected ingress peer ${JSON.stringify(peer)}`);
      }
      const fromCidrs = np.spec.ingress.flatMap((r) => r.from).filter((p) => p.ipBlock).map((p) => p.ipBlock.cidr);
      assert.deepEqual(fromCidrs, [...terraform.networkPolicy.ingressCidrs, ...terraform.networkPolicy.metricsCidrs],
        'the ALB\'s subnets and AMP\'s collector (Terraform output) are allowed in');
      for (const rule of np.spec.egress) assert.ok(rule.to?.length, 'no allow-to-anywhere rule');
      const egressPorts = np.spec.egress.flatMap((r) => r.ports.map((p) => p.port)).sort((a, b) => a - b);
      assert.deepEqual(egressPorts, [53, 53, 5432, 6379]);
    });

    test('migrations run once per install/upgrade as a Helm hook Job, with the API image', () => {
      const job = one(objects, 'Job', 'migrate');
      const a = job.metadata.annotations;
      assert.equal(a['helm.sh/hook'], 'pre-install,pre-upgrade');
      assert.match(a['helm.sh/hook-delete-policy'], /before-hook-creation/);
      const c = job.spec.template.spec.containers[0];
      assert.deepEqual(c.args, ['migrate']);
      assert.equal(c.image, apiContainer.image);
      assert.equal(job.spec.template.spec.restartPolicy, 'Never');
      assert.ok(job.spec.backoffLimit >= 1 && job.spec.activeDeadlineSeconds > 0);
      // What the Job needs before the release's own objects exist is a hook too, created before it.
      for (const o of objects.filter((x) => x.metadata.labels?.['app.kubernetes.io/component'] === 'migrate' && x !== job)) {
        assert.equal(o.metadata.annotations['helm.sh/hook'], 'pre-install,pre-upgrade', `${o.kind} is a hook`);
        assert.ok(Number(o.metadata.annotations['helm.sh/hook-weight']) < Number(a['helm.sh/hook-weight']));
      }
      const secretVolume = job.spec.template.spec.volumes.find((v) => v.secret).secret.secretName;
      const es = ofKind(objects, 'ExternalSecret').find((e) => e.spec.target.name === secretVolume);
      assert.ok(es && es.metadata.annotations['helm.sh/hook'], 'the Job reads a hook-created Secret');
    });

    test('recommended app.kubernetes.io labels on every object and pod template', () => {
      assertLabels(objects);
      assert.equal(api.metadata.labels['app.kubernetes.io/version'], appVersion);
    });

    test('images are pinned: never latest, the API tag defaults to the appVersion', () => {
      assertPinnedImages(objects);
      assert.equal(apiContainer.image.split(':').pop(), appVersion);
    });

    const backupOn = env !== 'dev';
    test(`backup CronJob and weekly restore drill are ${backupOn ? 'on' : 'off'} with their own ServiceAccounts`, () => {
      const cronJobs = ofKind(objects, 'CronJob');
      if (!backupOn) {
        assert.deepEqual(cronJobs, []);
        return;
      }
      const backup = one(objects, 'CronJob', 'backup');
      const drill = one(objects, 'CronJob', 'restore-drill');
      assert.equal(backup.spec.schedule, '15 2 * * *');
      assert.equal(drill.spec.schedule, '0 5 * * 0');
      for (const [cj, sa, script] of [[backup, 'notejam-backup', 'backup.sh'], [drill, 'notejam-restore-drill', 'restore-drill.sh']]) {
        assert.equal(cj.spec.concurrencyPolicy, 'Forbid');
        assert.ok(cj.spec.jobTemplate.spec.backoffLimit >= 1);
        assert.ok(cj.spec.jobTemplate.spec.activeDeadlineSeconds > 0);
        const spec = cj.spec.jobTemplate.spec.template.spec;
        assert.equal(spec.serviceAccountName, sa);
        assert.ok(ofKind(objects, 'ServiceAccount').some((s) => s.metadata.name === sa), `ServiceAccount ${sa}`);
        assert.equal(spec.securityContext.runAsUser, 10002);
        assert.deepEqual(spec.containers[0].command, [`/opt/notejam/ops/${script}`]);
        const e = envOf(spec.containers[0]);
        assert.equal(e.ENV_NAME.value, env);
        for (const name of ['BACKUP_BUCKET', 'BACKUP_PREFIX', 'AGE_RECIPIENT', 'AWS_REGION']) assert.ok(e[name]?.value, name);
      }
      const be = envOf(backup.spec.jobTemplate.spec.template.spec.containers[0]);
      assert.equal(be.NOTEJAM_DATABASE_URL_FILE.value, '/run/secrets/notejam/database-url');
      const de = envOf(drill.spec.jobTemplate.spec.template.spec.containers[0]);
      assert.ok(de.AGE_IDENTITY_FILE && de.DRILL_DATABASE_URL_FILE);
      assert.equal(de.NOTEJAM_DATABASE_URL_FILE, undefined, 'the drill never gets the live database');
    });

    if (env === 'prod') {
      test('prod: ElastiCache in-transit encryption through a stunnel native sidecar on 127.0.0.1:6379', () => {
        const sidecar = pod.spec.initContainers.find((c) => c.name === 'redis-tls');
        assert.equal(sidecar.restartPolicy, 'Always', 'native sidecar: up before the API, down after it');
        const conf = ofKind(objects, 'ConfigMap').find((c) => c.data['stunnel.conf']);
        const text = conf.data['stunnel.conf'];
        assert.match(text, /accept = 127\.0\.0\.1:6379/);
        assert.match(text, /connect = master\.notejam-prod\.[^:]+:6379/);
        assert.match(text, /verifyChain = yes/);
        assert.match(text, /checkHost = master\.notejam-prod\./);
        assert.match(pod.metadata.annotations['checksum/stunnel'], /^[0-9a-f]{64}$/);
      });
    }
  });
}
