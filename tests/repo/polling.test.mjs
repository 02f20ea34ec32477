// The tests poll through one helper per language, tests/lib/wait.mjs and tests/lib/wait.sh: no fixed sleeps, and no
// second hand-written poll loop with its own deadline rules. A pause that paces work rather than waits for a
// condition (a load generator's think time, a timer that plays a missing daemon) says so with "pacing:" on its line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { root, repoFiles } from './lib/files.mjs';

const HELPERS = new Set(['tests/lib/wait.mjs', 'tests/lib/wait.sh']);
const testFiles = repoFiles('tests')
  .filter((f) => !f.includes('node_modules/') && !f.startsWith('tests/repo/') && !HELPERS.has(f));

// A timed wait: a promise around setTimeout in JavaScript, sleep in shell.
const JS_WAIT = /new Promise\(\s*\(?\w*\)?\s*=>\s*setTimeout\(|\bsetTimeout\(\s*r(es(olve)?)?\s*,|timers\/promises/;
const SH_WAIT = /(^\s*|[;&|({]\s*|\bdo\s+|\bthen\s+)sleep\s/;

function waitsIn(file) {
  const isJs = /\.(mjs|js)$/.test(file), isSh = /\.sh$|(^|\/)run$/.test(file);
  if (!isJs && !isSh) return [];
  return readFileSync(path.join(root, file), 'utf8').split('\n')
    .map((line, i) => ({ line, at: `${file}:${i + 1}` }))
    .filter(({ line }) => !/^\s*(\/\/|#)/.test(line) && !line.includes('pacing:'))
    .filter(({ line }) => (isJs ? JS_WAIT : SH_WAIT).test(line));
}

test('the polling helpers are what the tests use', () => {
  const users = testFiles.filter((f) => /lib\/wait\.(mjs|sh)|from '.*lib\/stack\.mjs'/.test(readFileSync(path.join(root, f), 'utf8')));
  assert.ok(users.length >= 5, `only ${users.length} test files use tests/lib/wait.*`);
});

test('no test file waits a fixed time or polls on its own (tests/lib/wait.mjs, tests/lib/wait.sh)', () => {
  const found = testFiles.flatMap(waitsIn);
  assert.deepEqual(found.map((w) => `${w.at}: ${w.line.trim()}`), []);
});

test('the check finds a hand-written poll loop', () => {
  // the same rules on known text, so a change to them cannot silently stop finding anything
  assert.ok(JS_WAIT.test('    await new Promise((r) => setTimeout(r, 20));'));
  assert.ok(SH_WAIT.test('  for _ in $(seq 1 9); do curl -s x && break; sleep 0.1; done'));
  assert.ok(SH_WAIT.test('    sleep 1'));
  assert.ok(!SH_WAIT.test('  echo "no sleeping here"'));
});
