// Small queries over rendered manifests, shared by the assertion tests.

export const WORKLOAD_KINDS = ['Deployment', 'StatefulSet', 'Job', 'CronJob'];

export function ofKind(objects, kind) {
  return objects.filter((o) => o.kind === kind);
}

// The one object of a kind (optionally with a given component label); fails loudly when absent or ambiguous.
export function one(objects, kind, component) {
  const found = ofKind(objects, kind).filter(
    (o) => !component || o.metadata?.labels?.['app.kubernetes.io/component'] === component);
  if (found.length !== 1) throw new Error(`expected one ${kind}${component ? ` (${component})` : ''}, found ${found.length}`);
  return found[0];
}

// The pod template of a workload.
export function podTemplate(workload) {
  return workload.kind === 'CronJob' ? workload.spec.jobTemplate.spec.template : workload.spec.template;
}

export function containersOf(podSpec) {
  return [...(podSpec.initContainers ?? []), ...(podSpec.containers ?? [])];
}

// Every container of every workload, with where it lives.
export function allContainers(objects) {
  return objects.filter((o) => WORKLOAD_KINDS.includes(o.kind)).flatMap((w) => {
    const spec = podTemplate(w).spec;
    return containersOf(spec).map((c) => ({ workload: w, podSpec: spec, container: c, where: `${w.kind}/${w.metadata.name}/${c.name}` }));
  });
}

export function envOf(container) {
  return Object.fromEntries((container.env ?? []).map((e) => [e.name, e]));
}

// Kubernetes quantity -> number (cores or bytes).
export function quantity(q) {
  const m = /^([0-9.]+)(m|k|Ki|M|Mi|G|Gi|T|Ti)?$/.exec(String(q));
  if (!m) throw new Error(`bad quantity ${q}`);
  const mult = { m: 1e-3, k: 1e3, Ki: 1024, M: 1e6, Mi: 1024 ** 2, G: 1e9, Gi: 1024 ** 3, T: 1e12, Ti: 1024 ** 4 };
  return Number(m[1]) * (m[2] ? mult[m[2]] : 1);
}

// True when every label of `selector` is on `labels`.
export function selects(selector, labels) {
  return Object.entries(selector ?? {}).every(([k, v]) => labels?.[k] === v) && Object.keys(selector ?? {}).length > 0;
}
