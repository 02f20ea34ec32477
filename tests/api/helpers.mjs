// Shared by the API integration tests: a stack per test file and a client that validates every response of a
// documented route against openapi.yaml (the contract), so no test can pass on a response the spec forbids.
import { startStack, ROOT, waitFor } from '../lib/stack.mjs';
import { loadValidator } from '../lib/openapi-validator.mjs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';

export { waitFor };
export const PASSWORD = 'correct horse battery';

export async function setup(opts = {}) {
  const stack = await startStack(opts);
  const v = await loadValidator(join(ROOT, 'openapi.yaml'));
  const client = makeClient(stack.baseUrl, v);
  return { stack, v, client, ...client };
}

/** Stops the stack and fails if the API did not exit cleanly or a sanitizer reported anything (leaks included). */
export async function teardown(t) {
  const code = await t.stack.stop();
  const logs = t.stack.api.logs();
  const report = logs.match(/(ERROR: (Address|Leak)Sanitizer|runtime error:)[\s\S]{0,2000}/);
  if (report) throw new Error(`sanitizer report:\n${report[0]}`);
  if (code !== 0) throw new Error(`the API exited with ${code}\n${logs.split('\n').slice(-20).join('\n')}`);
}

/** A unique email for this run. */
export const email = (tag = 'user') => `${tag}-${randomUUID().slice(0, 8)}@example.org`;

export function makeClient(baseUrl, v) {
  /** Sends a request; validates the answer against the spec unless opts.validate === false. */
  async function req(method, path, opts = {}) {
    const headers = { ...(opts.headers ?? {}) };
    let body = opts.body;
    if (opts.json !== undefined) {
      body = JSON.stringify(opts.json);
      headers['content-type'] ??= 'application/json';
    }
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    const res = await fetch(baseUrl + path, { method, headers, body, redirect: 'manual' });
    const text = await res.text();
    const out = { status: res.status, headers: res.headers, text, body: undefined };
    const ct = res.headers.get('content-type') ?? '';
    if (ct.includes('json') && text) out.body = JSON.parse(text);
    const documented = path.startsWith('/api/') || ['/healthz', '/readyz', '/version', '/metrics'].includes(path.split('?')[0]);
    if (opts.validate !== false && documented && method !== 'HEAD' && method !== 'OPTIONS') {
      const call = { method, path, status: res.status, contentType: ct, body: text, headers: res.headers };
      if (opts.unrouted) v.validateUnrouted(call);
      else v.validate(call);
    }
    return out;
  }
  async function signup(addr = email(), password = PASSWORD) {
    const r = await req('POST', '/api/v1/auth/signup', { json: { email: addr, password } });
    if (r.status !== 201) throw new Error(`signup failed: ${r.status} ${r.text}`);
    return { email: addr, password, token: r.body.access_token, refresh: r.body.refresh_token, user: r.body.user, res: r };
  }
  const get = (path, token) => req('GET', path, { token });
  const post = (path, json, token) => req('POST', path, { json, token });
  const patch = (path, json, token) => req('PATCH', path, { json, token });
  const del = (path, token, json) => req('DELETE', path, { token, json });
  return { req, signup, get, post, patch, del };
}

/** One more API process on the stack's servers (another pod): env overrides the stack's. Resolves once /healthz
 * answers; stop() sends SIGTERM and resolves with { code, logs }. */
export async function startExtraApi(t, env) {
  const { spawn } = await import('node:child_process');
  const { freePort } = await import('../lib/stack.mjs');
  const port = freePort();
  const full = { ...t.stack.api.env, NOTEJAM_LISTEN: `127.0.0.1:${port}`, ...env };
  for (const k of Object.keys(full)) if (full[k] === undefined) delete full[k];
  const binary = join(ROOT, 'build', process.env.NOTEJAM_TEST_ASAN === '1' ? 'asan/notejam' : 'notejam');
  let logs = '';
  const proc = spawn(binary, ['serve'], { env: full, stdio: ['ignore', 'pipe', 'pipe'] });
  proc.stdout.on('data', (d) => (logs += d));
  proc.stderr.on('data', (d) => (logs += d));
  const exited = new Promise((resolve) => proc.on('exit', (code, signal) => resolve({ code: code ?? signal, logs })));
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitFor(async () => (await fetch(`${baseUrl}/healthz`)).ok, { what: `extra API /healthz\n${logs}` });
  return {
    ...makeClient(baseUrl, t.v),
    pid: proc.pid,
    logs: () => logs,
    stop: () => {
      proc.kill('SIGTERM');
      return exited;
    },
  };
}
