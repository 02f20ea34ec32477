// GET /api/v1/me/export: the caller's whole account as one JSON document, streamed (chunked, keyset pages) with
// constant memory. Round trip: every note and pad is in it byte for byte, hostile text included; nothing of another
// user ever is.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { execFileSync, execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { setup, teardown } from './helpers.mjs';
import { ASAN_OPTIONS } from '../lib/stack.mjs';

const HOSTILE = [
  'quotes " and \' and backslash \\ and \\u0000 as text',
  'controls \u0001\u0002\u001f\u007f tab\tnew\nline\r\n',
  'emoji 😀🎉 and zwj 👩‍👩‍👧 and RTL \u202e reversed \u202c',
  'Καλημέρα κόσμε · 東京タワー · مرحبا · 한국어',
  '</script><script>alert(1)</script>',
  '{"not":"json", "items": [1,2]}',
  '\u2028\u2029 line separators',
  '',
  'z'.repeat(20000),
];

let t, a, b;
const psql = (sql) => execFileSync('psql', [t.stack.pg.url, '-Atc', sql], { maxBuffer: 1 << 30 }).toString();
const exportOf = async (token) => t.req('GET', '/api/v1/me/export', { token });

before(async () => {
  // Under ASan a small quarantine, so freed pages are reused as in the release build and RSS measures the code
  // (without ASan the variable is ignored).
  t = await setup({ env: { ASAN_OPTIONS: `${ASAN_OPTIONS}:quarantine_size_mb=4` } });
  a = await t.signup();
  b = await t.signup();
});
after(async () => {
  await teardown(t);
});

test('round trip: every pad and note is exported byte for byte, hostile text included, in id order', async () => {
  const pads = [];
  for (const name of ['Recipes', 'Ελληνικά 🎉', '"quoted" \\ pad']) pads.push((await t.post('/api/v1/pads', { name }, a.token)).body);
  const made = [];
  for (const [i, text] of HOSTILE.entries()) {
    const r = await t.post('/api/v1/notes', { name: `n${i} ${text.slice(0, 40) || 'empty'}`.trim(), text, pad_id: i % 2 ? pads[i % 3].id : null }, a.token);
    assert.equal(r.status, 201, r.text);
    made.push(r.body);
  }
  const r = await exportOf(a.token);
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('content-type'), 'application/json');
  assert.equal(r.headers.get('transfer-encoding'), 'chunked', 'streamed, not buffered');
  assert.equal(r.headers.get('content-disposition'), 'attachment; filename="notejam-export.json"');
  assert.equal(r.headers.get('cache-control'), 'no-store');
  const doc = r.body;
  assert.equal(doc.format, 'notejam-export');
  assert.equal(doc.version, 1);
  assert.deepEqual(doc.user, a.user);
  const padsNow = await Promise.all(pads.map(async (p) => (await t.get(`/api/v1/pads/${p.id}`, a.token)).body));
  assert.deepEqual(doc.pads, padsNow);
  const notesNow = await Promise.all(made.map(async (n) => (await t.get(`/api/v1/notes/${n.id}`, a.token)).body));
  assert.deepEqual(doc.notes, notesNow);
  for (const [i, n] of doc.notes.entries()) assert.equal(n.text, HOSTILE[i], `note ${i} text byte for byte`);
});

test('an empty account exports an empty document; without a token it is 401', async () => {
  const r = await exportOf(b.token);
  assert.equal(r.status, 200);
  assert.deepEqual([r.body.user, r.body.pads, r.body.notes], [b.user, [], []]);
  assert.equal((await t.req('GET', '/api/v1/me/export')).status, 401);
  assert.equal((await t.req('GET', '/api/v1/me/export', { token: 'not-a-token' })).status, 401);
});

test("another user's export never contains the caller's data, and B's objects never show up in A's", async () => {
  const secret = (await t.post('/api/v1/notes', { name: 'B secret', text: 'only B' }, b.token)).body;
  const bPad = (await t.post('/api/v1/pads', { name: 'B pad' }, b.token)).body;
  const aDoc = (await exportOf(a.token)).body;
  const bDoc = (await exportOf(b.token)).body;
  assert.deepEqual(bDoc.notes.map((n) => n.id), [secret.id]);
  assert.deepEqual(bDoc.pads.map((p) => p.id), [bPad.id]);
  assert.ok(!aDoc.notes.some((n) => n.id === secret.id) && !aDoc.pads.some((p) => p.id === bPad.id));
  const aIds = psql(`SELECT string_agg(id::text, ',' ORDER BY id) FROM notes WHERE user_id = ${a.user.id}`).trim();
  assert.equal(aDoc.notes.map((n) => n.id).join(','), aIds, "exactly A's notes, per the database");
});

test('thousands of notes over many pages: all there, equal to the database byte for byte', async () => {
  const u = await t.signup();
  const pad = (await t.post('/api/v1/pads', { name: 'bulk' }, u.token)).body;
  psql(`INSERT INTO notes (user_id, pad_id, name, text)
        SELECT ${u.user.id}, CASE WHEN i % 3 = 0 THEN ${pad.id} END, 'bulk ' || i,
               repeat(chr(913 + i % 24) || '"\\' || chr(1 + i % 30) || '😀', 1 + i % 50)
        FROM generate_series(1, 1234) i`); // 1234 rows: twelve full pages and a partial one
  const doc = (await exportOf(u.token)).body;
  const db = JSON.parse(psql(`SELECT json_agg(json_build_object('id', id, 'name', name, 'text', text, 'pad_id', pad_id)
                                ORDER BY id) FROM notes WHERE user_id = ${u.user.id}`));
  assert.equal(doc.notes.length, 1234);
  assert.deepEqual(doc.notes.map(({ id, name, text, pad_id }) => ({ id, name, text, pad_id })), db);
  assert.equal(doc.pads[0].notes_count, db.filter((n) => n.pad_id === pad.id).length);
});

// Constant memory: the API's peak RSS (VmHWM, reset through clear_refs) while exporting an account many times
// larger than the growth allowed.
test('a large export streams with constant memory', async () => {
  const u = await t.signup();
  // 2000 notes x 19 200 bytes = 38 MB of text; psql runs asynchronously so the HTTP client's idle connections
  // are not left behind by a blocked event loop
  await promisify(execFile)('psql', [t.stack.pg.url, '-qc', `INSERT INTO notes (user_id, name, text)
    SELECT ${u.user.id}, 'big ' || i, repeat(md5(i::text), 600) FROM generate_series(1, 2000) i`]);
  const pid = t.stack.api.pid;
  const status = () => readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name) => Number(status().match(new RegExp(`${name}:\\s+(\\d+) kB`))[1]);
  await exportOf(a.token); // warm up the pool and allocator
  const rssBefore = kb('VmRSS');
  writeFileSync(`/proc/${pid}/clear_refs`, '5'); // peak := current
  const started = Date.now();
  const res = await fetch(`${t.stack.baseUrl}/api/v1/me/export`, { headers: { authorization: `Bearer ${u.token}` } });
  let bytes = 0;
  for await (const chunk of res.body) bytes += chunk.length;
  const peakGrowthMb = (kb('VmHWM') - rssBefore) / 1024;
  const seconds = (Date.now() - started) / 1000;
  console.log(`export of ${(bytes / 1e6).toFixed(1)} MB in ${seconds.toFixed(1)} s: API peak RSS grew by ${peakGrowthMb.toFixed(1)} MB`);
  assert.ok(bytes > 38e6, `the document is large (${bytes} bytes)`);
  assert.ok(peakGrowthMb < 12, `peak RSS growth ${peakGrowthMb.toFixed(1)} MB stays far below the document's size`);
});
