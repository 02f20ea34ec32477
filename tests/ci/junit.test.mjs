// GitLab shows test results in merge requests from JUnit files: every node:test run of every `make test` suite
// must write one when JUNIT_DIR is set (ci/bin/job-setup.sh sets it), and must not when it is not (local runs).
// Checked on make's dry run (-n) of each suite, so nothing is built or started.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeDatabase, run } from './lib/proc.mjs';

function testSuites() {
  const m = makeDatabase().match(/^TEST_SUITES :?= (.+)$/m);
  assert.ok(m, 'TEST_SUITES not found in make\'s database');
  return m[1].trim().split(/\s+/);
}

async function nodeTestLines(suite, env) {
  const r = await run('make', ['-n', '--no-print-directory', suite], { env });
  assert.equal(r.code, 0, `make -n ${suite} failed:\n${r.stderr}`);
  return r.stdout.split('\n').filter((l) => /\bnode --test\b/.test(l));
}

test('with JUNIT_DIR set, every node:test run of a make test suite writes its own JUnit file', async () => {
  const suites = testSuites();
  assert.ok(suites.length >= 10, `only ${suites.length} suites found`);
  const files = new Map();
  let runs = 0;
  for (const suite of suites) {
    for (const line of await nodeTestLines(suite, { JUNIT_DIR: '/junit-check' })) {
      runs++;
      const dest = line.match(/--test-reporter=junit --test-reporter-destination=\/junit-check\/([\w.-]+\.xml)/);
      assert.ok(dest, `${suite} runs node --test without a JUnit reporter:\n${line}`);
      assert.match(line, /--test-reporter=spec --test-reporter-destination=stdout/, `${suite} loses its console output`);
      assert.ok(!files.has(dest[1]) || files.get(dest[1]) === suite, `${suite} and ${files.get(dest[1])} both write ${dest[1]}`);
      files.set(dest[1], suite);
    }
  }
  assert.ok(runs >= 8, `only ${runs} node:test runs found in the suites' recipes`);
});

test('without JUNIT_DIR, no suite writes JUnit files (local runs keep the console reporter only)', async () => {
  for (const suite of ['test-api', 'test-helm', 'test-web']) {
    const lines = await nodeTestLines(suite, { JUNIT_DIR: '' });
    assert.ok(lines.length > 0, `${suite} has no node:test run`);
    for (const line of lines) assert.doesNotMatch(line, /junit/, `${suite}: ${line}`);
  }
});
