// The reference page must work under the CSP of every host that can serve it: the API's header (api_docs.c, seen
// as-is through make run and the nginx image, whose /api/ proxy adds no CSP) and CloudFront's response headers
// policy, which overrides it for /api/* (terraform/modules/web). Reads each side from its source.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const read = (p) => readFileSync(join(root, p), 'utf8');
const parse = (csp) => new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0])
  .map(([name, ...values]) => [name, values]));

/** The value of a C string constant made of adjacent literals, up to its "\r\n". */
function cString(source, name) {
  const body = source.match(new RegExp(`${name}\\[\\] =([\\s\\S]*?);\\n`))[1];
  return [...body.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]).join('').split('\\r\\n')[0];
}

const page = parse(read('web/docs/index.html').match(/Content-Security-Policy" content="([^"]+)"/)[1]);
const hosts = {
  'API (make run, nginx image, the ALB)': parse(cString(read('api/src/handlers/api_docs.c'), 'DOCS_CSP')
    .replace(/^Content-Security-Policy: /, '')),
  'CloudFront /api/*': parse(read('terraform/modules/web/variables.tf')
    .match(/variable "content_security_policy"[\s\S]*?default\s*=\s*"([^"]+)"/)[1]),
};

test('every host lets the page run: own scripts and styles only, data: images, same-origin requests', () => {
  for (const [host, csp] of Object.entries(hosts)) {
    assert.deepEqual(csp.get('script-src'), ["'self'"], `${host}: script-src`);
    assert.deepEqual(csp.get('style-src'), ["'self'"], `${host}: style-src`);
    assert.ok(csp.get('img-src')?.includes('data:'), `${host}: Swagger UI's icons are data: images`);
    assert.ok(csp.get('connect-src')?.includes("'self'"), `${host}: Try it out and the description are same-origin`);
    assert.deepEqual(csp.get('object-src'), ["'none'"], host);
  }
});

test("the page's own meta CSP is the API's header without frame-ancestors (not allowed in a meta tag)", () => {
  const api = new Map(hosts['API (make run, nginx image, the ALB)']);
  assert.deepEqual(api.get('frame-ancestors'), ["'none'"]);
  api.delete('frame-ancestors');
  assert.deepEqual(Object.fromEntries(page), Object.fromEntries(api));
});
