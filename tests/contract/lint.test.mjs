// `redocly lint` must find nothing in openapi.yaml, and must catch a broken copy (so a green lint means something).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, SPEC } from './paths.mjs';

const REDOCLY = join(ROOT, 'tests/node_modules/.bin/redocly');
const CONFIG = join(ROOT, 'redocly.yaml');

function lint(specPath) {
  return new Promise((resolve) => {
    execFile(REDOCLY, ['lint', '--config', CONFIG, '--format', 'json', specPath],
      { env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' } },
      (err, stdout, stderr) => resolve({ code: err ? err.code : 0, report: parse(stdout, stderr), out: stdout + stderr }));
  });
}

function parse(stdout, stderr) {
  try { return JSON.parse(stdout); } catch { throw new Error(`redocly printed no JSON report:\n${stdout}\n${stderr}`); }
}

test('openapi.yaml is lint clean (recommended-strict, no warnings)', async () => {
  const { code, report, out } = await lint(SPEC);
  assert.deepEqual(report.totals, { errors: 0, warnings: 0, ignored: 0 }, out);
  assert.equal(code, 0, out);
});

test('lint rejects a copy with an example that contradicts its schema', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'notejam-lint-'));
  try {
    const broken = (await readFile(SPEC, 'utf8')).replace('expires_in: 900', 'expires_in: soon');
    assert.notEqual(broken, await readFile(SPEC, 'utf8'), 'the mutation must apply');
    await writeFile(join(dir, 'openapi.yaml'), broken);
    const { code, report, out } = await lint(join(dir, 'openapi.yaml'));
    assert.notEqual(code, 0, out);
    assert.ok(report.problems.some((p) => p.ruleId === 'no-invalid-media-type-examples'), out);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
