// Runs last: every operation of openapi.yaml was exercised (and validated) by the suites before it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ROOT } from '../lib/stack.mjs';
import { loadValidator } from '../lib/openapi-validator.mjs';

test('every operation in openapi.yaml was called and its response validated', async (t) => {
  if (!process.env.NOTEJAM_OPENAPI_COVERAGE) {
    assert.fail('run through `make test-api`, which sets NOTEJAM_OPENAPI_COVERAGE');
  }
  const v = await loadValidator(join(ROOT, 'openapi.yaml'));
  const cov = v.coverage();
  assert.deepEqual(cov.unexercised, [], 'operations never exercised');
  t.diagnostic(`validated ${cov.validated.length} operation/status pairs; documented but not seen: ${cov.missing.length}`);
});
