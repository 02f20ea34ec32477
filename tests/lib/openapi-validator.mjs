// Validates real HTTP responses against openapi.yaml (OpenAPI 3.1, JSON Schema 2020-12 via Ajv) and records which
// operation + status pairs were seen, so a suite can assert that every operation was exercised.
//
//   import { loadValidator } from '../lib/openapi-validator.mjs';
//   const v = await loadValidator(new URL('../../openapi.yaml', import.meta.url).pathname);
//   v.validate({ method: 'GET', path: '/api/v1/notes/12', status: 200, contentType, body, headers });
//   const body = await v.validateFetch('GET', url, res);   // same, reading a fetch() Response
//   v.validateUnrouted({ method: 'PUT', path: '/api/v1/pads', status: 405, contentType, body, headers });
//   v.coverage().unexercised                                // operations never validated
//
// `body` is the parsed value or the raw text/Buffer (JSON media types are parsed, so a JSON string body must be
// passed as its raw text). `headers` (fetch Headers or a plain object) is optional; when given, documented headers
// are checked too. Every check throws an Error whose message names the operation, the status and what is wrong.
// Dependencies: tests/package.json (install with scripts/ensure-npm.sh tests).
import { readFile } from 'node:fs/promises';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import YAML from 'yaml';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

const DOC_ID = 'https://notejam.dev/openapi.json';
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const UNROUTED = 'x-unrouted-responses';

export async function loadValidator(specPath, options = {}) {
  const spec = YAML.parse(await readFile(specPath, 'utf8'));
  if (!/^3\.1\./.test(String(spec.openapi))) throw new Error(`openapi: ${specPath} is not OpenAPI 3.1`);
  const ajv = newAjv();
  ajv.addSchema({ ...spec, $id: DOC_ID });
  const routes = buildRoutes(spec);
  const resolve = (node, pointer) => resolveRef(spec, node, pointer);
  const coverageFile = options.coverageFile ?? process.env.NOTEJAM_OPENAPI_COVERAGE ?? null;
  const seen = new Map(); // "METHOD path key status" -> record

  const schemaAt = (pointer) => {
    const ref = `${DOC_ID}#${pointer}`;
    let fn = ajv.getSchema(ref);
    if (!fn) {
      ajv.addSchema({ $ref: ref }, ref + '/$wrap');
      fn = ajv.getSchema(ref + '/$wrap');
    }
    return fn;
  };

  // The most specific template whose path parameters also satisfy their schemas (so /api/v1/notes/abc matches
  // no operation when `id` is an integer: the server's router answers it with its own 404).
  function matchPath(concrete) {
    const hits = routes.filter((r) => {
      const m = r.regex.exec(concrete);
      return m && r.params.every((name, i) => paramOk(r, name, safeDecode(m[i + 1])));
    });
    hits.sort((a, b) => (a.rank.length - b.rank.length) || a.rank.localeCompare(b.rank));
    return hits[0] || null;
  }

  function paramOk(route, name, raw) {
    const found = pathParameter(route, name, resolve);
    if (!found?.node.schema) return true;
    const fn = schemaAt(`${found.pointer}/schema`);
    return fn(coerce(found.node.schema, raw, resolve));
  }

  function record(rec) {
    const key = `${rec.method} ${rec.path} ${rec.key} ${rec.status}`;
    if (seen.has(key)) return;
    seen.set(key, rec);
    if (coverageFile) appendFileSync(coverageFile, JSON.stringify(rec) + '\n');
  }

  function checkResponse(label, response, responsePointer, { status, contentType, body, headers }) {
    const h = normaliseHeaders(headers);
    if (contentType === undefined && h) contentType = h.get('content-type') ?? undefined;
    const parsed = checkBody(label, response, responsePointer, contentType, body, schemaAt);
    if (h) checkHeaders(label, response, responsePointer, h, resolve, schemaAt);
    return parsed;
  }

  function findOperation(method, path) {
    const m = String(method || '').toLowerCase();
    if (!METHODS.includes(m)) throw new Error(`openapi: unknown HTTP method ${JSON.stringify(method)}`);
    const concrete = concretePath(path);
    const route = matchPath(concrete);
    if (!route) {
      throw new Error(`openapi: no path of the spec matches ${concrete} (a router 404 is checked with validateUnrouted)`);
    }
    const op = route.item[m];
    if (!op) {
      throw new Error(`openapi: ${m.toUpperCase()} is not documented for ${route.path} (documented: ` +
        `${route.methods.map((x) => x.toUpperCase()).join(', ')}; a router 405 is checked with validateUnrouted)`);
    }
    return { route, op, m, concrete };
  }

  function validate({ method, path, status, contentType, body, headers } = {}) {
    const { route, op, m } = findOperation(method, path);
    const code = statusCode(status);
    const label = `${m.toUpperCase()} ${route.path} -> ${code}`;
    const key = responseKey(op.responses || {}, code);
    if (!key) {
      throw new Error(`openapi: ${label}: status ${code} is not documented (documented: ` +
        `${Object.keys(op.responses || {}).join(', ')})`);
    }
    const pointer = `/paths/${esc(route.template)}/${m}/responses/${esc(key)}`;
    const { node: response, pointer: responsePointer } = resolve(op.responses[key], pointer);
    const parsed = checkResponse(label, response, responsePointer, { status: code, contentType, body, headers });
    record({ method: m.toUpperCase(), path: route.path, operationId: op.operationId ?? null, key, status: code });
    return parsed;
  }

  function validateUnrouted({ method, path, status, contentType, body, headers } = {}) {
    const m = String(method || '').toLowerCase();
    const concrete = concretePath(path);
    const code = statusCode(status);
    const route = matchPath(concrete);
    const label = `${m.toUpperCase()} ${concrete} -> ${code} (unrouted)`;
    if (code === 404 && route) {
      throw new Error(`openapi: ${label}: the path matches ${route.path}; check its responses with validate()`);
    }
    if (code === 405) {
      if (!route) throw new Error(`openapi: ${label}: no path matches, so the router answer must be 404, not 405`);
      if (route.item[m]) throw new Error(`openapi: ${label}: ${m.toUpperCase()} is documented for ${route.path}`);
      const allow = normaliseHeaders(headers)?.get('allow');
      if (allow !== undefined && allow !== null) checkAllow(label, allow, route.methods);
    }
    const documented = spec[UNROUTED] || {};
    if (!documented[String(code)]) {
      throw new Error(`openapi: ${label}: only ${Object.keys(documented).join(', ')} are documented for unrouted requests`);
    }
    const { node: response, pointer } = resolve(documented[String(code)], `/${UNROUTED}/${code}`);
    const parsed = checkResponse(label, response, pointer, { status: code, contentType, body, headers });
    record({ method: 'UNROUTED', path: '*', operationId: null, key: String(code), status: code });
    return parsed;
  }

  async function validateFetch(method, url, res) {
    const text = await res.clone().text();
    return validate({ method, path: url, status: res.status, body: text, headers: res.headers });
  }

  // Checks a request body against the operation's requestBody (useful to prove a request is valid or invalid).
  function validateRequest({ method, path, contentType = 'application/json', body } = {}) {
    const { route, op, m } = findOperation(method, path);
    const label = `${m.toUpperCase()} ${route.path} request`;
    if (!op.requestBody) {
      if (isEmpty(body)) return undefined;
      throw new Error(`openapi: ${label}: the operation takes no request body`);
    }
    const { node: rb, pointer } = resolve(op.requestBody, `/paths/${esc(route.template)}/${m}/requestBody`);
    if (isEmpty(body)) {
      if (rb.required) throw new Error(`openapi: ${label}: a body is required`);
      return undefined;
    }
    return checkBody(label, rb, pointer, contentType, body, schemaAt);
  }

  function coverage() {
    const recs = new Map(seen);
    if (coverageFile && existsSync(coverageFile)) {
      for (const line of readFileSync(coverageFile, 'utf8').split('\n')) {
        if (!line.trim()) continue;
        const r = JSON.parse(line);
        recs.set(`${r.method} ${r.path} ${r.key} ${r.status}`, r);
      }
    }
    const all = [...recs.values()];
    const operations = [];
    for (const route of routes) {
      for (const m of route.methods) {
        const op = route.item[m];
        const mine = all.filter((r) => r.method === m.toUpperCase() && r.path === route.path);
        operations.push({
          operationId: op.operationId ?? null,
          method: m.toUpperCase(),
          path: route.path,
          documented: Object.keys(op.responses || {}),
          validated: [...new Set(mine.map((r) => r.key))].sort(),
          statuses: [...new Set(mine.map((r) => r.status))].sort(),
        });
      }
    }
    const name = (o) => `${o.method} ${o.path}${o.operationId ? ` (${o.operationId})` : ''}`;
    return {
      validated: [...new Set(all.map((r) => `${r.method} ${r.path} ${r.status}`))].sort(),
      operations,
      unexercised: operations.filter((o) => o.validated.length === 0).map(name),
      missing: operations.flatMap((o) =>
        o.documented.filter((k) => !o.validated.includes(k)).map((k) => `${o.method} ${o.path} ${k}`)),
    };
  }

  return { spec, validate, validateFetch, validateUnrouted, validateRequest, coverage };
}

function newAjv() {
  const ajv = new Ajv2020({ strict: true, allErrors: true, allowUnionTypes: true });
  addFormats(ajv);
  // OpenAPI's format names that JSON Schema does not define.
  ajv.addFormat('int32', { type: 'number', validate: (n) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31 });
  ajv.addFormat('int64', { type: 'number', validate: (n) => Number.isInteger(n) });
  ajv.addFormat('float', { type: 'number', validate: () => true });
  ajv.addFormat('double', { type: 'number', validate: () => true });
  ajv.addFormat('password', true);
  // OpenAPI's own schema keywords (annotations only) and the document's top-level members.
  ajv.addVocabulary(['discriminator', 'xml', 'externalDocs', 'example',
    'openapi', 'info', 'jsonSchemaDialect', 'servers', 'paths', 'webhooks', 'components', 'security', 'tags', UNROUTED]);
  return ajv;
}

// Every path template with the path prefixes of its servers (path-level servers override the document's).
function buildRoutes(spec) {
  const routes = [];
  for (const [template, item] of Object.entries(spec.paths || {})) {
    const prefixes = [...new Set((item.servers || spec.servers || [{ url: '/' }]).map(serverPrefix))];
    const methods = METHODS.filter((m) => item[m]);
    for (const m of methods) {
      if (item[m].servers) throw new Error(`openapi: operation-level servers are not supported (${m} ${template})`);
    }
    const segments = template.split('/').slice(1);
    const params = [...template.matchAll(/\{([^}]+)\}/g)].map((x) => x[1]);
    const source = segments.map((seg) =>
      seg.split(/(\{[^}]+\})/).map((p) => (/^\{[^}]+\}$/.test(p) ? '([^/]+)' : escapeRegex(p))).join(''));
    // Literal segments beat templated ones, left to right (OpenAPI: concrete paths match first).
    const rank = segments.map((seg) => (seg.includes('{') ? '1' : '0')).join('');
    for (const prefix of prefixes) {
      routes.push({
        template, item, methods, rank, params, path: prefix + template,
        regex: new RegExp(`^${escapeRegex(prefix)}/${source.join('/')}$`),
      });
    }
  }
  return routes;
}

function serverPrefix(server) {
  let url = server.url;
  for (const [name, v] of Object.entries(server.variables || {})) url = url.split(`{${name}}`).join(v.default);
  return new URL(url, 'http://server.invalid').pathname.replace(/\/+$/, '');
}

// The declaration of a path parameter: path-item level first, then any operation's.
function pathParameter(route, name, resolve) {
  const base = `/paths/${esc(route.template)}`;
  const lists = [[route.item.parameters, `${base}/parameters`],
    ...route.methods.map((m) => [route.item[m].parameters, `${base}/${m}/parameters`])];
  for (const [list, pointer] of lists) {
    for (const [i, raw] of (list || []).entries()) {
      const found = resolve(raw, `${pointer}/${i}`);
      if (found.node.in === 'path' && found.node.name === name) return found;
    }
  }
  return null;
}

// Path and header values are text; a numeric schema sees them as numbers.
function coerce(schema, raw, resolve) {
  const type = resolve(schema, '').node.type;
  return ['integer', 'number'].includes(type) && /^-?\d+(\.\d+)?$/.test(raw.trim()) ? Number(raw.trim()) : raw;
}

function safeDecode(s) {
  try { return decodeURIComponent(s); } catch { return s; }
}

function concretePath(path) {
  if (typeof path !== 'string' || path === '') throw new Error(`openapi: path must be a non-empty string`);
  if (/^https?:\/\//i.test(path)) return new URL(path).pathname;
  return path.replace(/[?#].*$/s, '');
}

function statusCode(status) {
  const code = Number(status);
  if (!Number.isInteger(code) || code < 100 || code > 599) throw new Error(`openapi: bad HTTP status ${status}`);
  return code;
}

function responseKey(responses, code) {
  if (responses[String(code)]) return String(code);
  const range = `${String(code)[0]}XX`;
  if (responses[range]) return range;
  if (responses[range.toLowerCase()]) return range.toLowerCase();
  return responses.default ? 'default' : null;
}

// Follows local $refs (#/...) and returns the target with its JSON pointer.
function resolveRef(spec, node, pointer) {
  for (let hops = 0; node && typeof node === 'object' && typeof node.$ref === 'string'; hops++) {
    if (hops > 20 || !node.$ref.startsWith('#/')) throw new Error(`openapi: cannot follow $ref ${node.$ref}`);
    pointer = node.$ref.slice(1);
    node = pointer.split('/').slice(1).map(unesc).reduce((n, k) => (n == null ? undefined : n[k]), spec);
    if (node === undefined) throw new Error(`openapi: dangling $ref #${pointer}`);
  }
  return { node, pointer };
}

function checkBody(label, holder, holderPointer, contentType, body, schemaAt) {
  const content = holder.content || {};
  const types = Object.keys(content);
  if (types.length === 0) {
    if (!isEmpty(body)) throw new Error(`openapi: ${label}: no body is documented, got ${preview(body)}`);
    return undefined;
  }
  if (!contentType) throw new Error(`openapi: ${label}: no Content-Type (documented: ${types.join(', ')})`);
  const media = String(contentType).split(';')[0].trim().toLowerCase();
  const key = types.find((t) => t.toLowerCase() === media) ||
    types.find((t) => t.endsWith('/*') && media.startsWith(t.slice(0, -1).toLowerCase())) ||
    types.find((t) => t === '*/*');
  if (!key) throw new Error(`openapi: ${label}: Content-Type ${contentType} is not documented (documented: ${types.join(', ')})`);
  if (body === undefined || body === null) throw new Error(`openapi: ${label}: a ${key} body is documented, got none`);
  let value = body;
  const isJson = /^application\/(.+\+)?json$/.test(media);
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) value = Buffer.from(value).toString('utf8');
  if (isJson && typeof value === 'string') {
    try { value = JSON.parse(value); } catch (e) {
      throw new Error(`openapi: ${label}: body is not valid JSON (${e.message}): ${preview(value)}`);
    }
  }
  if (!isJson && typeof value !== 'string') throw new Error(`openapi: ${label}: a ${key} body must be text`);
  if (content[key].schema !== undefined) {
    const pointer = `${holderPointer}/content/${esc(key)}/schema`;
    const fn = schemaAt(pointer);
    if (!fn(value)) {
      throw new Error(`openapi: ${label}: ${key} body does not match #${pointer}: ${formatErrors(fn.errors)}; ` +
        `body: ${preview(value)}`);
    }
  }
  return value;
}

function checkHeaders(label, response, responsePointer, h, resolve, schemaAt) {
  for (const [name, raw] of Object.entries(response.headers || {})) {
    if (name.toLowerCase() === 'content-type') continue; // ignored by OpenAPI
    const { node: header, pointer } = resolve(raw, `${responsePointer}/headers/${esc(name)}`);
    const value = h.get(name.toLowerCase());
    if (value === undefined || value === null) {
      if (header.required) throw new Error(`openapi: ${label}: required header ${name} is missing`);
      continue;
    }
    if (!header.schema) continue;
    const fn = schemaAt(`${pointer}/schema`);
    if (!fn(coerce(header.schema, value, resolve))) throw new Error(`openapi: ${label}: header ${name}: ${JSON.stringify(value)} ${formatErrors(fn.errors)}`);
  }
}

function checkAllow(label, allow, methods) {
  const listed = allow.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
  const missing = methods.filter((m) => !listed.includes(m));
  const extra = listed.filter((m) => !methods.includes(m) && m !== 'head' && m !== 'options');
  if (missing.length || extra.length) {
    throw new Error(`openapi: ${label}: Allow ${JSON.stringify(allow)} should list ` +
      `${methods.map((m) => m.toUpperCase()).join(', ')} (missing: ${missing.join(',') || '-'}, extra: ${extra.join(',') || '-'})`);
  }
}

// Accepts a fetch Headers, a Map, or a plain object (any key case; array values are joined).
function normaliseHeaders(headers) {
  if (!headers) return null;
  const map = new Map();
  const entries = typeof headers.entries === 'function' ? headers.entries() : Object.entries(headers);
  for (const [k, v] of entries) map.set(k.toLowerCase(), Array.isArray(v) ? v.join(', ') : String(v));
  return map;
}

function formatErrors(errors = []) {
  return errors.map((e) => {
    const where = e.instancePath || '/';
    const extra = e.params?.additionalProperty !== undefined ? ` '${e.params.additionalProperty}'`
      : e.params?.allowedValues ? ` ${JSON.stringify(e.params.allowedValues)}`
        : e.params?.allowedValue !== undefined ? ` ${JSON.stringify(e.params.allowedValue)}` : '';
    return `${where} ${e.message}${extra}`;
  }).join('; ');
}

function isEmpty(body) {
  return body === undefined || body === null || body === '' ||
    ((Buffer.isBuffer(body) || body instanceof Uint8Array) && body.length === 0);
}

function preview(v) {
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 300 ? `${s.slice(0, 300)}...` : s;
}

const esc = (s) => String(s).replace(/~/g, '~0').replace(/\//g, '~1');
const unesc = (s) => decodeURIComponent(s).replace(/~1/g, '/').replace(/~0/g, '~');
const escapeRegex = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
