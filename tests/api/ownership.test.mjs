// The ownership matrix: user B on each of user A's pads and notes, with every verb, gets 404 exactly like a
// missing id, and nothing of A's changes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, teardown } from './helpers.mjs';

let t, a, b, padA, noteA, padB;
before(async () => {
  t = await setup();
  a = await t.signup();
  b = await t.signup();
  padA = (await t.post('/api/v1/pads', { name: 'A pad' }, a.token)).body;
  noteA = (await t.post('/api/v1/notes', { name: 'A note', text: 'secret', pad_id: padA.id }, a.token)).body;
  padB = (await t.post('/api/v1/pads', { name: 'B pad' }, b.token)).body;
});
after(async () => {
  await teardown(t);
});

const snapshot = async () => ({
  pads: (await t.get('/api/v1/pads', a.token)).body,
  notes: (await t.get('/api/v1/notes', a.token)).body,
});

test("every verb on another user's pad or note is 404, identical to a missing id, and changes nothing", async () => {
  const before_ = await snapshot();
  const missingPad = 999999999, missingNote = 999999998;
  const calls = (padId, noteId) => [
    ['GET', `/api/v1/pads/${padId}`],
    ['PATCH', `/api/v1/pads/${padId}`, { name: 'hijacked' }],
    ['DELETE', `/api/v1/pads/${padId}`],
    ['GET', `/api/v1/pads/${padId}/notes`],
    ['GET', `/api/v1/notes?pad_id=${padId}`],
    ['GET', `/api/v1/pads/${padId}/notes?q=secret`],
    ['GET', `/api/v1/notes?pad_id=${padId}&q=secret`],
    ['GET', `/api/v1/notes/${noteId}`],
    ['PATCH', `/api/v1/notes/${noteId}`, { name: 'hijacked', text: 'x' }],
    ['PATCH', `/api/v1/notes/${noteId}`, { pad_id: padB.id }],
    ['DELETE', `/api/v1/notes/${noteId}`],
  ];
  const foreign = calls(padA.id, noteA.id), missing = calls(missingPad, missingNote);
  for (let i = 0; i < foreign.length; i++) {
    const [m, path, json] = foreign[i];
    const r = await t.req(m, path, { token: b.token, json });
    const r2 = await t.req(missing[i][0], missing[i][1], { token: b.token, json: missing[i][2] });
    assert.equal(r.status, 404, `${m} ${path}`);
    assert.equal(r2.status, 404, `${m} ${missing[i][1]}`);
    assert.deepEqual({ ...r.body }, { ...r2.body }, `same problem body for ${m} ${path}`);
  }
  assert.deepEqual(await snapshot(), before_, "A's data is unchanged");
  assert.equal((await t.get('/api/v1/notes', b.token)).body.items.length, 0, 'B sees none of it in lists');
  assert.equal((await t.get('/api/v1/notes?q=secret', b.token)).body.items.length, 0, 'nor in searches');
  const exported = (await t.get('/api/v1/me/export', b.token)).body;
  assert.deepEqual([exported.pads.map((p) => p.id), exported.notes], [[padB.id], []], 'nor in its export');
  assert.deepEqual((await t.get('/api/v1/pads', b.token)).body.items.map((p) => p.id), [padB.id]);
});

test("a note cannot be created in or moved to another user's pad", async () => {
  const c = await t.post('/api/v1/notes', { name: 'sneaky', text: '', pad_id: padA.id }, b.token);
  assert.equal(c.status, 422);
  assert.ok(c.body.errors.pad_id);
  const mine = (await t.post('/api/v1/notes', { name: 'mine', text: '' }, b.token)).body;
  const mv = await t.patch(`/api/v1/notes/${mine.id}`, { pad_id: padA.id }, b.token);
  assert.equal(mv.status, 422);
  assert.equal((await t.get(`/api/v1/notes/${mine.id}`, b.token)).body.pad_id, null);
  assert.equal((await t.get(`/api/v1/pads/${padA.id}`, a.token)).body.notes_count, 1);
});

test('ids that are not positive integers are 404, never 500', async () => {
  for (const id of ['abc', '0', '-1', '1.5', '1e3', '99999999999999999999', "1'%20OR%20'1'='1", '%00']) {
    const r = await t.req('GET', `/api/v1/notes/${id}`, { token: a.token, unrouted: true });
    assert.equal(r.status, 404, id);
    assert.equal(r.headers.get('content-type'), 'application/problem+json');
  }
});

test("with If-Match (the owner's own current ETag, or *), another user's pad or note is still 404, never 412", async () => {
  const before_ = await snapshot();
  const padTag = (await t.get(`/api/v1/pads/${padA.id}`, a.token)).headers.get('etag');
  const noteTag = (await t.get(`/api/v1/notes/${noteA.id}`, a.token)).headers.get('etag');
  const stale = (tag) => tag.replace(/\.(\d+)"$/, (_, v) => `.${Number(v) + 1}"`);
  for (const [path, tag, json] of [
    [`/api/v1/pads/${padA.id}`, padTag, { name: 'hijacked' }],
    [`/api/v1/notes/${noteA.id}`, noteTag, { text: 'hijacked' }],
  ])
    for (const ifMatch of [tag, stale(tag), '*'])
      for (const m of ['PATCH', 'DELETE']) {
        const r = await t.req(m, path, { token: b.token, json: m === 'PATCH' ? json : undefined, headers: { 'if-match': ifMatch } });
        assert.equal(r.status, 404, `${m} ${path} If-Match: ${ifMatch}`);
        assert.equal(r.headers.get('etag'), null, 'no ETag leaks');
      }
  assert.deepEqual(await snapshot(), before_, "A's data is unchanged");
});
