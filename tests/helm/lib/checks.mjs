// Assertions every chart's rendered output must pass (used per chart and environment).
import assert from 'node:assert/strict';
import { allContainers, ofKind, podTemplate, quantity } from './manifests.mjs';

const CREDENTIALS_IN_URL = /:\/\/[^/\s:@]+:[^/\s@]+@/;
const SECRET_NAME = /(URL|KEYS?|PASSWORD|TOKEN|SECRET|IDENTITY|AUTH)$/;
const NOT_SECRET = new Set(['PUSHGATEWAY_URL', 'NOTEJAM_PUBLIC_URL']);

export function assertResources(objects) {
  const containers = allContainers(objects);
  assert.ok(containers.length >= 1, 'no containers rendered');
  for (const { container, where } of containers) {
    const r = container.resources ?? {};
    for (const kind of ['cpu', 'memory']) {
      assert.ok(r.requests?.[kind] && r.limits?.[kind], `${where}: ${kind} request and limit`);
      assert.ok(quantity(r.requests[kind]) <= quantity(r.limits[kind]), `${where}: ${kind} request > limit`);
    }
  }
}

export function assertHardened(objects) {
  for (const { podSpec, container, where } of allContainers(objects)) {
    const c = container.securityContext ?? {};
    const p = podSpec.securityContext ?? {};
    assert.equal(c.runAsNonRoot ?? p.runAsNonRoot, true, `${where}: runAsNonRoot`);
    assert.ok((c.runAsUser ?? p.runAsUser) > 0, `${where}: a non-zero uid`);
    assert.equal(c.readOnlyRootFilesystem, true, `${where}: readOnlyRootFilesystem`);
    assert.equal(c.allowPrivilegeEscalation, false, `${where}: allowPrivilegeEscalation`);
    assert.notEqual(c.privileged, true, `${where}: privileged`);
    assert.ok(c.capabilities?.drop?.includes('ALL'), `${where}: drop ALL`);
    assert.deepEqual(c.capabilities?.add ?? [], [], `${where}: no added capabilities`);
    assert.equal((c.seccompProfile ?? p.seccompProfile)?.type, 'RuntimeDefault', `${where}: seccomp`);
    assert.notEqual(podSpec.hostNetwork, true, `${where}: hostNetwork`);
    assert.equal(podSpec.automountServiceAccountToken, false, `${where}: no Kubernetes API token`);
  }
}

// No Secret objects, no credentials in env values, ConfigMaps or arguments: secrets only by reference.
export function assertNoLiteralSecrets(objects) {
  assert.deepEqual(ofKind(objects, 'Secret').map((s) => s.metadata.name), [], 'Secret objects rendered');
  for (const { container, where } of allContainers(objects)) {
    for (const e of container.env ?? []) {
      if (SECRET_NAME.test(e.name) && !NOT_SECRET.has(e.name)) {
        assert.ok(e.valueFrom, `${where}: ${e.name} must come from a Secret (or be given as ${e.name}_FILE)`);
      }
      if (e.value) assert.doesNotMatch(e.value, CREDENTIALS_IN_URL, `${where}: ${e.name} holds credentials`);
    }
    for (const arg of [...(container.command ?? []), ...(container.args ?? [])]) {
      assert.doesNotMatch(String(arg), /(password|requirepass)[ =]+[^$"'\s]/i, `${where}: a password in argv`);
    }
  }
  for (const cm of ofKind(objects, 'ConfigMap')) {
    for (const [k, v] of Object.entries(cm.data ?? {})) {
      assert.doesNotMatch(k, /(DATABASE_URL|REDIS_URL|JWT_KEYS|SMTP_URL|PASSWORD)$/, `${cm.metadata.name}: ${k}`);
      assert.doesNotMatch(v, CREDENTIALS_IN_URL, `${cm.metadata.name}: ${k} holds credentials`);
      assert.doesNotMatch(v, /^\s*(requirepass|masterauth)\s+\S/m, `${cm.metadata.name}: ${k} holds a password`);
    }
  }
}

// Recommended labels on every object and pod template.
export function assertLabels(objects) {
  const required = ['name', 'instance', 'version', 'component', 'part-of', 'managed-by'];
  for (const o of objects) {
    for (const l of required) assert.ok(o.metadata.labels?.[`app.kubernetes.io/${l}`], `${o.kind}/${o.metadata.name}: ${l}`);
  }
  for (const { workload } of allContainers(objects)) {
    const labels = podTemplate(workload).metadata.labels;
    for (const l of required) assert.ok(labels?.[`app.kubernetes.io/${l}`], `${workload.metadata.name} pods: ${l}`);
  }
}

export function assertPinnedImages(objects) {
  for (const { container, where } of allContainers(objects)) {
    const tag = /:([^/:]+)$/.exec(container.image)?.[1];
    assert.ok(tag, `${where}: ${container.image} has no tag`);
    assert.notEqual(tag, 'latest', where);
  }
}
