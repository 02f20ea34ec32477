// Validate rendered Kubernetes objects against the API schemas shipped in kubernetes-models (and the CRD models
// for External Secrets), then find the fields those validators let through.
//
// Unknown-field check: the generated validators read every property their schema knows (`data.spec`,
// `data.replicas`, ...) and enumerate the keys of free-form maps (labels, annotations, ConfigMap data). Running
// the validator over a Proxy that records those reads tells which keys of each object the schema knows; any other
// key is a field the API server would drop or reject (a typo such as `spec.template.spec.containers[0].resource`).

// Custom resources without a model package (the AWS Load Balancer Controller's TargetGroupBinding) are checked
// against a JSON schema of their own: lib/crd-model.mjs.
import { CRD_MODELS } from './crd-model.mjs';

// apiVersion group -> module that holds its models. An external-secrets.io/v1 object is checked against the
// v1beta1 schema: v1 kept the ExternalSecret fields unchanged when it was promoted.
const GROUP_MODULES = {
  'external-secrets.io': '@kubernetes-models/external-secrets/external-secrets.io',
};
const VERSION_ALIASES = { 'external-secrets.io/v1': 'v1beta1' };

async function modelClass(apiVersion, kind) {
  if (CRD_MODELS[apiVersion]) return CRD_MODELS[apiVersion][kind] ?? null;
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  const base = GROUP_MODULES[group] ?? (group === '' ? 'kubernetes-models' : `kubernetes-models/${group}`);
  const modVersion = VERSION_ALIASES[apiVersion] ?? version;
  let mod;
  try {
    mod = await import(`${base}/${modVersion}`);
  } catch {
    return null;
  }
  return mod[kind] ?? null;
}

// Wrap `root` so that reads of object properties and enumerations of object keys are recorded per object.
function recordingProxy(root, seen) {
  const wrap = (value) => {
    if (value === null || typeof value !== 'object') return value;
    const entry = { read: new Set(), enumerated: false };
    seen.set(value, entry);
    return new Proxy(value, {
      get(target, key, receiver) {
        if (typeof key === 'string') entry.read.add(key);
        return wrap(Reflect.get(target, key, receiver));
      },
      has(target, key) {
        if (typeof key === 'string') entry.read.add(key);
        return Reflect.has(target, key);
      },
      ownKeys(target) {
        entry.enumerated = true;
        return Reflect.ownKeys(target);
      },
    });
  };
  return wrap(root);
}

// Keys of plain objects under `value` that the validator never looked at, as JSON-pointer-like paths.
function unknownKeys(value, seen, path, out) {
  if (value === null || typeof value !== 'object') return out;
  if (Array.isArray(value)) {
    value.forEach((item, i) => unknownKeys(item, seen, `${path}/${i}`, out));
    return out;
  }
  const entry = seen.get(value);
  for (const key of Object.keys(value)) {
    if (!entry) out.push(`${path}/${key}`);
    else if (!entry.enumerated && !entry.read.has(key)) out.push(`${path}/${key}`);
    else unknownKeys(value[key], seen, `${path}/${key}`, out);
  }
  return out;
}

// Returns a list of problems (empty when the object is valid and has no unknown fields).
export async function checkObject(obj) {
  const where = `${obj?.kind}/${obj?.metadata?.name}`;
  if (!obj?.apiVersion || !obj?.kind) return [`${where}: apiVersion and kind are required`];
  const Model = await modelClass(obj.apiVersion, obj.kind);
  if (!Model) return [`${where}: no schema for ${obj.apiVersion} ${obj.kind}`];
  const problems = [];
  const data = structuredClone(obj);
  if (VERSION_ALIASES[obj.apiVersion]) data.apiVersion = Model.apiVersion;
  const seen = new Map();
  const proxy = recordingProxy(data, seen);
  try {
    Model.prototype.validate.call(proxy);
  } catch (err) {
    problems.push(`${where}: ${err.message}`);
  }
  for (const p of unknownKeys(data, seen, '', [])) problems.push(`${where}: unknown field ${p}`);
  return problems;
}
