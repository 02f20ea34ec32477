// Search (q= on GET /notes and GET /pads/{id}/notes): words of a note's name and text in any script, case and
// accents ignored, the chosen order and cursor paging kept, hostile q values answered 422 or searched, never 500.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import YAML from 'yaml';
import { setup, teardown } from './helpers.mjs';
import { ROOT } from '../lib/stack.mjs';

let t, a, b, pad;
const notes = {};
const add = async (key, name, text, padId = null) =>
  (notes[key] = (await t.post('/api/v1/notes', { name, text, pad_id: padId }, a.token)).body);
const search = (q, extra = '', token = a.token, base = '/api/v1/notes') =>
  t.get(`${base}?q=${encodeURIComponent(q)}${extra}`, token);
const ids = (r) => r.body.items.map((n) => n.id);

before(async () => {
  t = await setup();
  a = await t.signup();
  b = await t.signup();
  pad = (await t.post('/api/v1/pads', { name: 'Kitchen' }, a.token)).body;
  await add('pancakes', 'Pancakes', '2 eggs, 250 ml milk, 125 g FLOUR.', pad.id);
  await add('bread', 'Bread', 'flour, water, salt; bake 40 min', pad.id);
  await add('greek', 'Καλημέρα', 'Ο ΚΌΣΜΟΣ είναι ωραίος');
  await add('japanese', '東京タワーの夜景', '夜の東京はきれいです');
  await add('emoji', 'Party', 'bring 🎉 and 🍕');
  await add('cafe', 'Café', 'crème brûlée recipe');
  await add('percent', 'Sale', '50% off_today, path C:\\temp');
  await add('ops', 'Operators', "a & b | !c <-> 'quoted' \"double\" d:*");
});
after(async () => {
  await teardown(t);
});

test('finds notes by words of name or text, every word required, case-insensitive, in the chosen order', async () => {
  assert.deepEqual(ids(await search('flour')).sort(), [notes.pancakes.id, notes.bread.id].sort());
  assert.deepEqual(ids(await search('FLOUR milk')), [notes.pancakes.id], 'all words must match');
  assert.deepEqual(ids(await search('bread')), [notes.bread.id], 'the name counts');
  assert.deepEqual(ids(await search('our')).sort(), [notes.pancakes.id, notes.bread.id].sort(), 'inside words too');
  assert.deepEqual(ids(await search('flour', '&order=name')), [notes.bread.id, notes.pancakes.id]);
  assert.deepEqual(ids(await search('flour', '&order=-name')), [notes.pancakes.id, notes.bread.id]);
  assert.deepEqual((await search('nothing-like-this')).body, { items: [], next_cursor: null });
  const total = await search('flour', '&include=total&limit=1');
  assert.equal(total.body.total, 2);
  assert.equal(total.body.items.length, 1);
});

test('any script: Greek ignoring case and accents, Japanese without spaces, emoji, Latin accents', async () => {
  assert.deepEqual(ids(await search('καλημερα')), [notes.greek.id]);
  assert.deepEqual(ids(await search('κοσμος')), [notes.greek.id], 'upper case with tonos matches lower without');
  assert.deepEqual(ids(await search('ΩΡΑΊΟΣ')), [notes.greek.id], 'final sigma and capital sigma are one letter');
  assert.deepEqual(ids(await search('東京')), [notes.japanese.id], 'a word inside unbroken Japanese text');
  assert.deepEqual(ids(await search('夜景')), [notes.japanese.id]);
  assert.deepEqual(ids(await search('🍕')), [notes.emoji.id]);
  assert.deepEqual(ids(await search('cafe creme')), [notes.cafe.id]);
  assert.deepEqual(ids(await search('CRÈME')), [notes.cafe.id]);
  assert.deepEqual(ids(await search('東京\u3000きれい')), [notes.japanese.id], 'the ideographic space separates words');
});

test('LIKE wildcards, backslashes, tsquery operators and quotes are plain text', async () => {
  assert.deepEqual(ids(await search('50%')), [notes.percent.id]);
  assert.deepEqual(ids(await search('%')), [notes.percent.id], '% is not a wildcard');
  assert.deepEqual(ids(await search('off_today')), [notes.percent.id]);
  assert.deepEqual(ids(await search('sa_e')), [], '_ is not a wildcard');
  assert.deepEqual(ids(await search('C:\\temp')), [notes.percent.id]);
  assert.deepEqual(ids(await search('\\')), [notes.percent.id], 'a lone backslash is not an escape');
  assert.deepEqual(ids(await search("& | !c <-> 'quoted'")), [notes.ops.id]);
  assert.deepEqual(ids(await search('"double" d:*')), [notes.ops.id]);
  assert.deepEqual(ids(await search("' OR 1=1 --")), []);
});

test('hostile q values are 422 with errors.q, never 500', async () => {
  const cases = {
    empty: '', blank: '   ', nbsp: '\u00a0', tooLong: 'x'.repeat(201), tenKB: 'x'.repeat(10240),
    nineWords: 'a b c d e f g h i', tab: 'a\tb', newline: 'a\nb', del: 'a\u007f',
    onlyAccents: '\u0301 \u0308', // a word for the API, nothing once unaccent() has taken the accents off
  };
  for (const [name, q] of Object.entries(cases)) {
    const r = await search(q);
    assert.equal(r.status, 422, name);
    assert.ok(r.body.errors.q?.length, `${name}: errors.q`);
  }
  for (const raw of ['%00', 'a%00b', '%FF', '%C3', '%ED%A0%80']) { // NUL, bytes that are not UTF-8
    const r = await t.get(`/api/v1/notes?q=${raw}`, a.token);
    assert.equal(r.status, 422, raw);
    assert.ok(r.body.errors.q, raw);
  }
  assert.equal((await search('x'.repeat(200))).status, 200, '200 characters are fine');
  assert.equal((await search('a b c d e f g h')).status, 200, '8 words are fine');
  assert.equal((await search('é'.repeat(200))).status, 200, '200 two-byte characters are fine');
  const plus = await t.get('/api/v1/notes?q=flour+milk', a.token);
  assert.deepEqual(ids(plus), [notes.pancakes.id], '+ is a space, as forms send it');
});

test('cursor paging is kept: pages of a search join to the whole result, in order, without repeats', async () => {
  const many = [];
  for (let i = 0; i < 7; i++) many.push((await t.post('/api/v1/notes', { name: `paging ${i}`, text: 'zebra crossing' }, a.token)).body.id);
  await t.post('/api/v1/notes', { name: 'paging other', text: 'no stripes here' }, a.token);
  for (const order of ['-updated_at', 'updated_at', 'name', '-name']) {
    const seen = [];
    let cursor = null;
    do {
      const r = await search('zebra', `&limit=3&order=${order}${cursor ? `&cursor=${cursor}` : ''}`);
      assert.equal(r.status, 200);
      seen.push(...ids(r));
      cursor = r.body.next_cursor;
    } while (cursor);
    const whole = ids(await search('zebra', `&limit=100&order=${order}`));
    assert.deepEqual(seen, whole, order);
    assert.deepEqual([...seen].sort(), [...many].sort(), order);
  }
});

test("the pad's list searches only that pad; other users find nothing of A's and get 404 on A's pad", async () => {
  await add('loose', 'Loose flour', 'not in a pad');
  const inPad = await search('flour', '', a.token, `/api/v1/pads/${pad.id}/notes`);
  assert.deepEqual(ids(inPad).sort(), [notes.pancakes.id, notes.bread.id].sort());
  const viaFilter = await search('flour', `&pad_id=${pad.id}&include=total`);
  assert.deepEqual(ids(viaFilter).sort(), ids(inPad).sort());
  assert.equal(viaFilter.body.total, 2);
  assert.equal((await search('flour', '', b.token)).body.items.length, 0);
  assert.equal((await search('flour', '', b.token, `/api/v1/pads/${pad.id}/notes`)).status, 404);
  assert.equal((await search('flour', `&pad_id=${pad.id}`, b.token)).status, 404);
});

test('search text changes with the note: an edited note is found by its new words only', async () => {
  const n = await add('edit', 'Edit me', 'original wording');
  assert.deepEqual(ids(await search('original')), [n.id]);
  await t.patch(`/api/v1/notes/${n.id}`, { text: 'replacement wording' }, a.token);
  assert.deepEqual(ids(await search('original')), []);
  assert.deepEqual(ids(await search('replacement')), [n.id]);
});

// The seams: the API's statements search the exact expression the index covers, and the limits the spec promises
// are the ones the C code and the SQL word splitter apply.
test('the searched column is the indexed one, and PostgreSQL uses the index for a search', () => {
  const statements = readFileSync(join(ROOT, 'api/src/store/statements.c'), 'utf8');
  const migration = readFileSync(join(ROOT, 'api/migrations/0003_search_export.sql'), 'utf8');
  const doc = statements.match(/#define SEARCH_DOC "(.+)"/)[1];
  const indexed = migration.match(/CREATE INDEX notes_search_idx ON notes USING gin \(user_id, (\w+) gin_trgm_ops\);/)[1];
  assert.equal(doc, `n.${indexed}`);
  const plan = execFileSync('psql', [t.stack.pg.url, '-Atc',
    `SET enable_seqscan = off; EXPLAIN SELECT n.id FROM notes n WHERE ${doc} LIKE '%flour%'`]).toString();
  assert.match(plan, /Bitmap Index Scan on notes_search_idx/, 'a LIKE on the column can use the index');
});

test('the limits of q agree: openapi.yaml, search_query.h and the SQL word splitter', async () => {
  const spec = YAML.parse(readFileSync(join(ROOT, 'openapi.yaml'), 'utf8'));
  const header = readFileSync(join(ROOT, 'api/src/http/search_query.h'), 'utf8');
  const maxChars = Number(header.match(/#define SEARCH_Q_MAX_CHARS (\d+)/)[1]);
  const maxWords = Number(header.match(/#define SEARCH_MAX_WORDS\s+(\d+)/)[1]);
  const param = spec.components.parameters.Search;
  assert.equal(param.schema.maxLength, maxChars);
  assert.match(param.description, new RegExp(`more than ${maxWords} words`));
  for (const path of ['/api/v1/notes', '/api/v1/pads/{id}/notes']) {
    assert.ok(spec.paths[path].get.parameters.some((p) => p.$ref === '#/components/parameters/Search'), path);
  }
  // the same separators on both sides: what C counts as maxWords words, SQL splits into maxWords patterns
  const q = ['a', 'b\u00a0c', 'd\u3000e', 'f  g', 'h'].join(' ');
  const sql = execFileSync('psql', [t.stack.pg.url, '-Atc', `SELECT count(*) FROM notejam_search_patterns('${q}')`]);
  assert.equal(Number(sql.toString()), maxWords);
  assert.equal((await search(q)).status, 200);
  assert.equal((await search(`${q} i`)).status, 422);
});
