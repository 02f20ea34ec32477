// Field limits live in openapi.yaml (the contract); the API's C macros and the web app's LIMITS must say the same
// numbers, and no message may spell a limit out by hand (a changed limit would leave a lying message behind).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { SPEC, ROOT } from './paths.mjs';
import { LIMITS } from '../../web/src/lib/validate.js';

const schemas = YAML.parse(readFileSync(SPEC, 'utf8')).components.schemas;
const macros = Object.fromEntries([...readFileSync(path.join(ROOT, 'api/src/http/validate.h'), 'utf8')
  .matchAll(/^#define (\w+)\s+(\d+)\s*$/gm)].map(([, k, v]) => [k, Number(v)]));

// contract schema and keyword -> [C macro, web LIMITS key]
const LIMIT_MAP = [
  ['Email', 'minLength', 'EMAIL_MIN_BYTES', 'emailMin'],
  ['Email', 'maxLength', 'EMAIL_MAX_BYTES', 'emailMax'],
  ['Password', 'minLength', 'PASSWORD_MIN', 'passwordMin'],
  ['Password', 'maxLength', 'PASSWORD_MAX', 'passwordMax'],
  ['Name', 'maxLength', 'NAME_MAX_CHARS', 'nameMax'],
  ['NoteText', 'maxLength', 'TEXT_MAX_CHARS', 'textMax'],
];

for (const [schema, keyword, macro, web] of LIMIT_MAP) {
  test(`${schema}.${keyword} = ${macro} (API) = LIMITS.${web} (web app)`, () => {
    const contract = schemas[schema]?.[keyword];
    assert.equal(typeof contract, 'number', `openapi.yaml has no ${schema}.${keyword}`);
    assert.equal(macros[macro], contract, `api/src/http/validate.h ${macro}`);
    assert.equal(LIMITS[web], contract, `web/src/lib/validate.js LIMITS.${web}`);
    const described = schemas[schema].description.match(/(\d+)\.\.(\d+)/);
    assert.ok(described, `${schema}'s description states its range`);
    assert.equal(Number(described[keyword === 'minLength' ? 1 : 2]), contract, `${schema}'s description`);
  });
}

test('every web limit is one of the contract\'s', () => {
  assert.deepEqual(Object.keys(LIMITS).sort(), LIMIT_MAP.map(([, , , w]) => w).sort());
});

// The files that word field errors: the API's validation and handlers, the web app.
test('no API or web message spells a limit out by hand', () => {
  const numbers = new Set(LIMIT_MAP.map(([s, k]) => String(schemas[s][k])));
  const sources = (dir, ext) => readdirSync(path.join(ROOT, dir), { recursive: true })
    .filter((f) => ext.test(f)).map((f) => path.join(dir, f));
  const offenders = [];
  for (const file of ['api/src/http/validate.c', ...sources('api/src/handlers', /\.c$/), ...sources('web/src', /\.jsx?$/)]) {
    readFileSync(path.join(ROOT, file), 'utf8').split('\n').forEach((line, i) => {
      for (const m of line.matchAll(/["'`][^"'`]*?\b(\d+)\s+(?:characters|code points|bytes)\b/gi))
        if (numbers.has(m[1])) offenders.push(`${file}:${i + 1}: ${m[0]}`);
    });
  }
  assert.deepEqual(offenders, []);
});
