// Pads and notes with Notejam's semantics: counts, sorting, keyset pagination, moving notes, cascading deletes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, teardown } from './helpers.mjs';

let t, u;
before(async () => {
  t = await setup();
  u = await t.signup();
});
after(async () => {
  await teardown(t);
});

test('pad create, get, rename, list with notes_count', async () => {
  const c = await t.post('/api/v1/pads', { name: '  Work  ' }, u.token);
  assert.equal(c.status, 201);
  assert.equal(c.body.name, 'Work', 'trimmed');
  assert.equal(c.body.notes_count, 0);
  assert.equal(c.headers.get('location'), `/api/v1/pads/${c.body.id}`);
  await t.post('/api/v1/notes', { name: 'a', text: 'x', pad_id: c.body.id }, u.token);
  const g = await t.get(`/api/v1/pads/${c.body.id}`, u.token);
  assert.equal(g.body.notes_count, 1);
  const r = await t.patch(`/api/v1/pads/${c.body.id}`, { name: 'Job' }, u.token);
  assert.equal(r.status, 200);
  assert.equal(r.body.name, 'Job');
  assert.ok(r.body.updated_at >= g.body.updated_at);
  const list = await t.get('/api/v1/pads', u.token);
  assert.ok(list.body.items.some((p) => p.id === c.body.id && p.name === 'Job' && p.notes_count === 1));
  const blank = await t.patch(`/api/v1/pads/${c.body.id}`, { name: '   ' }, u.token);
  assert.equal(blank.status, 422);
  assert.ok(blank.body.errors.name);
  const long = await t.post('/api/v1/pads', { name: 'x'.repeat(101) }, u.token);
  assert.equal(long.status, 422);
});

test('note create (with and without pad), get, partial update, move between pads and out', async () => {
  const p1 = (await t.post('/api/v1/pads', { name: 'P1' }, u.token)).body;
  const p2 = (await t.post('/api/v1/pads', { name: 'P2' }, u.token)).body;
  const n = await t.post('/api/v1/notes', { name: 'Shopping', text: 'milk\neggs', pad_id: p1.id }, u.token);
  assert.equal(n.status, 201);
  assert.equal(n.headers.get('location'), `/api/v1/notes/${n.body.id}`);
  assert.deepEqual(n.body.pad, { id: p1.id, name: 'P1' });
  assert.equal(n.body.text, 'milk\neggs');
  const free = await t.post('/api/v1/notes', { name: 'Loose', text: '' }, u.token);
  assert.equal(free.status, 201);
  assert.equal(free.body.pad_id, null);
  assert.equal(free.body.pad, null);
  const moved = await t.patch(`/api/v1/notes/${n.body.id}`, { pad_id: p2.id }, u.token);
  assert.equal(moved.status, 200);
  assert.equal(moved.body.pad.name, 'P2');
  assert.equal(moved.body.name, 'Shopping', 'untouched fields stay');
  assert.equal(moved.body.text, 'milk\neggs');
  const renamed = await t.patch(`/api/v1/notes/${n.body.id}`, { text: 'bread' }, u.token);
  assert.equal(renamed.body.text, 'bread');
  assert.equal(renamed.body.pad_id, p2.id, 'absent pad_id keeps the pad');
  const out = await t.patch(`/api/v1/notes/${n.body.id}`, { pad_id: null }, u.token);
  assert.equal(out.body.pad_id, null);
  const got = await t.get(`/api/v1/notes/${n.body.id}`, u.token);
  assert.deepEqual(got.body, out.body);
  const empty = await t.patch(`/api/v1/notes/${n.body.id}`, {}, u.token);
  assert.equal(empty.status, 422);
  const missing = await t.post('/api/v1/notes', { text: 'no name' }, u.token);
  assert.equal(missing.status, 422);
  assert.ok(missing.body.errors.name);
  const bigText = await t.post('/api/v1/notes', { name: 'big', text: 'y'.repeat(20001) }, u.token);
  assert.equal(bigText.status, 422);
  assert.ok(bigText.body.errors.text);
});

test('deleting a pad deletes its notes (Notejam semantics), other notes stay', async () => {
  const p = (await t.post('/api/v1/pads', { name: 'Temp' }, u.token)).body;
  const inPad = (await t.post('/api/v1/notes', { name: 'in', text: '', pad_id: p.id }, u.token)).body;
  const outside = (await t.post('/api/v1/notes', { name: 'out', text: '' }, u.token)).body;
  assert.equal((await t.del(`/api/v1/pads/${p.id}`, u.token)).status, 204);
  assert.equal((await t.get(`/api/v1/pads/${p.id}`, u.token)).status, 404);
  assert.equal((await t.get(`/api/v1/notes/${inPad.id}`, u.token)).status, 404);
  assert.equal((await t.get(`/api/v1/notes/${outside.id}`, u.token)).status, 200);
  assert.equal((await t.del(`/api/v1/pads/${p.id}`, u.token)).status, 404, 'second delete');
  assert.equal((await t.del(`/api/v1/notes/${outside.id}`, u.token)).status, 204);
  assert.equal((await t.get(`/api/v1/notes/${outside.id}`, u.token)).status, 404);
});

test('sorting by name and updated_at in both directions, ties broken by id; pad filter', async () => {
  const v = await t.signup();
  const pad = (await t.post('/api/v1/pads', { name: 'Sorted' }, v.token)).body;
  const names = ['banana', 'Apple', 'cherry', 'apple', 'date'];
  const ids = [];
  for (const name of names) ids.push((await t.post('/api/v1/notes', { name, text: name, pad_id: pad.id }, v.token)).body.id);
  await t.post('/api/v1/notes', { name: 'not in pad', text: '' }, v.token);
  // touch banana last so updated_at order differs from creation order
  await t.patch(`/api/v1/notes/${ids[0]}`, { text: 'ripe' }, v.token);
  const order = async (o, path = `/api/v1/pads/${pad.id}/notes`) =>
    (await t.get(`${path}?order=${o}`, v.token)).body.items.map((n) => n.name);
  const byName = await order('name');
  const expected = [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  assert.deepEqual(byName, expected, 'C collation in tests');
  assert.deepEqual(await order('-name'), [...expected].reverse());
  const newest = await order('-updated_at');
  assert.equal(newest[0], 'banana');
  assert.deepEqual(await order('updated_at'), [...newest].reverse());
  assert.deepEqual(await order('-updated_at'), (await t.get(`/api/v1/pads/${pad.id}/notes`, v.token)).body.items.map((n) => n.name), 'default order');
  const filtered = (await t.get(`/api/v1/notes?pad_id=${pad.id}&order=name`, v.token)).body.items.map((n) => n.name);
  assert.deepEqual(filtered, expected, 'GET /notes?pad_id= is the pad list');
  const all = (await t.get('/api/v1/notes', v.token)).body.items;
  assert.equal(all.length, 6);
  const bad = await t.get('/api/v1/notes?order=size', v.token);
  assert.equal(bad.status, 422);
  assert.ok(bad.body.errors.order);
});

test('keyset pagination walks every item exactly once in every order, even with equal names', async () => {
  const w = await t.signup();
  for (let i = 0; i < 23; i++) {
    await t.post('/api/v1/notes', { name: i % 3 === 0 ? 'same' : `note ${String(i).padStart(2, '0')}`, text: `${i}` }, w.token);
  }
  for (const o of ['name', '-name', 'updated_at', '-updated_at']) {
    const seen = [];
    let cursor = null;
    let pages = 0;
    do {
      const q = `/api/v1/notes?order=${o}&limit=5${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const page = await t.get(q, w.token);
      assert.equal(page.status, 200, page.text);
      assert.ok(page.body.items.length <= 5);
      seen.push(...page.body.items.map((n) => n.id));
      cursor = page.body.next_cursor;
      pages++;
    } while (cursor);
    assert.equal(pages, 5, o);
    assert.equal(seen.length, 23, o);
    assert.equal(new Set(seen).size, 23, `no duplicates in ${o}`);
    const full = (await t.get(`/api/v1/notes?order=${o}&limit=100`, w.token)).body.items.map((n) => n.id);
    assert.deepEqual(seen, full, `pages concatenate to the full list in ${o}`);
  }
  const first = (await t.get('/api/v1/notes?order=name&limit=5', w.token)).body;
  const wrongOrder = await t.get(`/api/v1/notes?order=-name&cursor=${encodeURIComponent(first.next_cursor)}`, w.token);
  assert.equal(wrongOrder.status, 400, 'a cursor only works with its own order');
  const tampered = await t.get(`/api/v1/notes?order=name&cursor=${first.next_cursor.slice(0, -2)}xx`, w.token);
  assert.equal(tampered.status, 400);
  for (const lim of ['0', '101', 'abc', '-1']) assert.equal((await t.get(`/api/v1/notes?limit=${lim}`, w.token)).status, 422, lim);
  const pads = await t.get('/api/v1/pads?limit=1', w.token);
  assert.equal(pads.status, 200);
  const other = await t.get(`/api/v1/pads?cursor=${encodeURIComponent(first.next_cursor)}&order=name`, w.token);
  assert.equal(other.status, 400, 'a notes cursor is not a pads cursor');
});

test('include=total gives the whole list\'s size on every page, counts only the caller\'s own items', async () => {
  const w = await t.signup();
  const other = await t.signup();
  const pad = (await t.post('/api/v1/pads', { name: 'Counted' }, w.token)).body;
  await t.post('/api/v1/pads', { name: 'Empty' }, w.token);
  for (let i = 0; i < 7; i++) await t.post('/api/v1/notes', { name: `n${i}`, text: '', pad_id: i < 4 ? pad.id : null }, w.token);
  await t.post('/api/v1/notes', { name: 'not w\'s', text: '' }, other.token);

  let cursor = null;
  const totals = [];
  do {
    const page = await t.get(`/api/v1/notes?limit=3&include=total${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, w.token);
    assert.equal(page.status, 200, page.text);
    totals.push(page.body.total);
    cursor = page.body.next_cursor;
  } while (cursor);
  assert.deepEqual(totals, [7, 7, 7], 'every page of 3 reports all 7 notes');
  assert.equal((await t.get(`/api/v1/notes?pad_id=${pad.id}&include=total&limit=1`, w.token)).body.total, 4);
  assert.equal((await t.get(`/api/v1/pads/${pad.id}/notes?include=total`, w.token)).body.total, 4);
  assert.equal((await t.get('/api/v1/pads?include=total&limit=1', w.token)).body.total, 2);
  assert.equal((await t.get('/api/v1/notes?include=total', other.token)).body.total, 1);

  const plain = await t.get('/api/v1/notes?limit=3', w.token);
  assert.equal(plain.status, 200);
  assert.ok(!('total' in plain.body), 'no count query unless asked');
  for (const q of ['include=totals', 'include=', 'include=total,items', "include=total';--"]) {
    const bad = await t.get(`/api/v1/notes?${q}`, w.token);
    assert.equal(bad.status, 422, q);
    assert.deepEqual(bad.body.errors.include, ['must be total'], q);
  }
});

test('unicode, SQL metacharacters and HTML are stored and returned verbatim', async () => {
  const samples = [
    "Robert'); DROP TABLE notes;--",
    '"; SELECT pg_sleep(5); --',
    '<script>alert(1)</script>',
    'Zażółć gęślą jaźń 😀👍🏽 日本語 עברית',
    '\\ backslash \t tab',
    '%_ like wildcards',
  ];
  for (const s of samples) {
    const n = await t.post('/api/v1/notes', { name: s.slice(0, 100), text: s }, u.token);
    assert.equal(n.status, 201, s);
    const g = await t.get(`/api/v1/notes/${n.body.id}`, u.token);
    assert.equal(g.body.text, s);
    assert.equal(g.body.name, s.slice(0, 100).trim());
    const p = await t.post('/api/v1/pads', { name: s.slice(0, 100) }, u.token);
    assert.equal(p.body.name, s.slice(0, 100).trim());
  }
  const big = 'ü'.repeat(20000);
  const n = await t.post('/api/v1/notes', { name: 'big', text: big }, u.token);
  assert.equal(n.status, 201, 'text of 20000 characters (40000 bytes) fits');
  assert.equal((await t.get(`/api/v1/notes/${n.body.id}`, u.token)).body.text, big);
});
