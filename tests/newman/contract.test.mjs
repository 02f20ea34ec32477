// Contract and negative tests generated from openapi.yaml by Portman, run by Newman against a real stack (API +
// PostgreSQL + Redis on free ports). Every operation of the spec must be called in the contract folders and every
// generated check must pass; a proxy that renames one response field proves the checks catch drift.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import newman from 'newman';
import YAML from 'yaml';
import { startStack } from '../lib/stack.mjs';
import { SPEC, generateCollection } from './generate.mjs';

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];
let stack, work, collection;

before(async () => {
  work = mkdtempSync(join(tmpdir(), 'notejam-newman-'));
  writeFileSync(join(work, 'index.html'), '<!doctype html><title>Notejam API reference</title>');
  writeFileSync(join(work, 'docs.js'), 'console.log(1)');
  writeFileSync(join(work, 'docs.css'), 'body{}');
  [stack, collection] = await Promise.all([
    startStack({ env: { NOTEJAM_DOCS_ROOT: work } }),
    generateCollection(join(work, 'collection.json')),
  ]);
}, { timeout: 240000 });
after(async () => {
  if (stack) assert.equal(await stack.stop(), 0, 'the API drained cleanly');
  if (work) rmSync(work, { recursive: true, force: true });
});

/** Runs the collection (or some folders of it) against baseUrl; resolves with Newman's summary. */
function run(baseUrl, folder) {
  return new Promise((resolve, reject) => {
    newman.run({
      collection,
      folder,
      envVar: [{ key: 'baseUrl', value: baseUrl }],
      timeoutRequest: 10000,
      reporters: [],
    }, (err, summary) => (err ? reject(err) : resolve(summary)));
  });
}

const failures = (summary) => summary.run.failures.map((f) =>
  `${f.source?.name ?? '?'}: ${f.error?.test ?? ''} ${f.error?.message ?? ''}`.slice(0, 400));

test('every operation of openapi.yaml passes its generated contract and negative tests', { timeout: 120000 }, async (t) => {
  const started = Date.now();
  const summary = await run(stack.baseUrl);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  assert.deepEqual(failures(summary), [], 'no failed request or assertion');

  const spec = YAML.parse(readFileSync(SPEC, 'utf8'));
  const ops = Object.entries(spec.paths).flatMap(([path, item]) => METHODS.filter((m) => item[m]).map((m) => ({
    id: item[m].operationId, method: m.toUpperCase(),
    re: new RegExp(`^${path.replace(/\{[^}]+\}/g, '[^/]+').replace(/\./g, '\\.')}$`),
  })));
  const executions = summary.run.executions;
  const calls = executions.map((e) => ({ method: e.request.method, path: `/${e.request.url.path.join('/')}`,
    assertions: (e.assertions ?? []).length }));
  const uncovered = ops.filter((o) => !calls.some((c) => c.method === o.method && o.re.test(c.path) && c.assertions > 0));
  assert.deepEqual(uncovered.map((o) => o.id), [], 'operations without a checked request');
  assert.ok(calls.every((c) => c.assertions > 0), 'every request carries checks');
  const assertions = calls.reduce((n, c) => n + c.assertions, 0);
  const negative = executions.filter((e) => e.response && e.response.code >= 400).length;
  t.diagnostic(`newman: ${executions.length} requests (${negative} negative), ${assertions} assertions, ` +
    `${ops.length}/${ops.length} operations, 0 failures, ${seconds} s`);
});

test('the generated checks fail when the API drifts from the spec (a proxy renames Pad.notes_count)', { timeout: 120000 }, async () => {
  const drifted = createServer(async (req, res) => {
    const body = await new Promise((r) => { const parts = []; req.on('data', (d) => parts.push(d)); req.on('end', () => r(Buffer.concat(parts))); });
    const headers = { ...req.headers };
    delete headers.host;
    const up = await fetch(stack.baseUrl + req.url, { method: req.method, headers, body: body.length ? body : undefined });
    const text = (await up.text()).replaceAll('"notes_count":', '"note_count":');
    res.writeHead(up.status, { 'content-type': up.headers.get('content-type') ?? 'text/plain',
      'x-request-id': up.headers.get('x-request-id') ?? '' });
    res.end(text);
  });
  await new Promise((r) => drifted.listen(0, '127.0.0.1', r));
  try {
    const summary = await run(`http://127.0.0.1:${drifted.address().port}`, ['auth', 'pads']);
    const found = failures(summary);
    assert.ok(found.length > 0, 'drift went unnoticed');
    assert.ok(found.some((f) => /notes_count/.test(f)), `a schema check names the missing field:\n${found.join('\n')}`);
  } finally {
    drifted.close();
  }
});
