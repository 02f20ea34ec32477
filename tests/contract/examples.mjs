// Helpers for the validator tests: every response example of the spec, concrete paths, and mutations of a body
// that must each break the schema (with the text the error message must contain).

export function responseExamples(spec) {
  const deref = (n) => { while (n?.$ref) n = n.$ref.slice(2).split('/').reduce((o, k) => o[k], spec); return n; };
  const out = [];
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(item)) {
      for (const [status, raw] of Object.entries(op.responses || {})) {
        for (const [type, media] of Object.entries(deref(raw).content || {})) {
          for (const [name, e] of Object.entries(media.examples || {})) {
            out.push({ path, method, status: Number(status), type, name, body: structuredClone(deref(e).value) });
          }
        }
      }
    }
  }
  return out;
}

export const concrete = (template) => template.replace(/\{[^}]+\}/g, '42');

// Top-level and one-level-deep mutations of an object body: an unknown field, each property removed, each
// property given a value of the wrong JSON type.
export function mutations(body, optional = new Set()) {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return [];
  const out = [{ what: 'unknown field', body: { ...body, unexpected_field: 1 }, expect: "'unexpected_field'" }];
  for (const key of Object.keys(body)) {
    const { [key]: _, ...rest } = body;
    if (!optional.has(key)) out.push({ what: `without ${key}`, body: rest, expect: `required property '${key}'` });
    out.push({ what: `${key} of the wrong type`, body: { ...body, [key]: wrongType(body[key]) }, expect: `/${key}` });
    const inner = body[key];
    if (inner && typeof inner === 'object' && !Array.isArray(inner)) {
      out.push({ what: `${key} with an unknown field`, body: { ...body, [key]: { ...inner, unexpected_field: 1 } },
        expect: `/${key}` });
    }
    if (Array.isArray(inner) && inner.length && typeof inner[0] === 'object') {
      out.push({ what: `${key}[0] with an unknown field`,
        body: { ...body, [key]: [{ ...inner[0], unexpected_field: 1 }, ...inner.slice(1)] }, expect: `/${key}/0` });
    }
  }
  return out;
}

function wrongType(v) {
  if (typeof v === 'string') return 12345;
  if (typeof v === 'number') return String(v);
  if (v === null) return true;
  return 'not-an-object';
}
