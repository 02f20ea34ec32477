// The API client's conditional note save: the ETag of the read goes back as If-Match, the new ETag comes out of
// the save, and a 412 reaches the page as an ApiError it can tell apart (the edit page's conflict panel).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createApi, ApiError } from '../src/lib/api.js';

const reply = (status, body, headers = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

function server() {
  let version = 1;
  const calls = [];
  const fetch = async (url, init) => {
    calls.push({ url, method: init.method, ifMatch: init.headers['If-Match'] });
    const tag = () => ({ etag: `"5.${version}"` });
    if (init.method === 'GET') return reply(200, { id: 5, name: 'n', text: `v${version}` }, tag());
    if (init.headers['If-Match'] && init.headers['If-Match'] !== `"5.${version}"`)
      return reply(412, { title: 'Precondition Failed', status: 412, detail: 'changed' });
    version++;
    return reply(200, { id: 5, name: 'n', text: JSON.parse(init.body).text }, tag());
  };
  return { fetch, calls, bump: () => version++ };
}

test('getNoteTagged gives the ETag; updateNote sends it as If-Match and gives the new one', async () => {
  const srv = server();
  const api = createApi({ fetch: srv.fetch });
  const read = await api.getNoteTagged(5);
  assert.deepEqual(read, { data: { id: 5, name: 'n', text: 'v1' }, etag: '"5.1"' });
  const saved = await api.updateNote(5, { text: 'mine' }, read.etag);
  assert.equal(srv.calls[1].ifMatch, '"5.1"');
  assert.equal(saved.etag, '"5.2"');
  assert.equal(saved.data.text, 'mine');
});

test('a save over a version someone else replaced is an ApiError 412; without an ETag the save is unconditional', async () => {
  const srv = server();
  const api = createApi({ fetch: srv.fetch });
  const read = await api.getNoteTagged(5);
  srv.bump(); // another device saved
  await assert.rejects(api.updateNote(5, { text: 'mine' }, read.etag), (e) => e instanceof ApiError && e.status === 412);
  await api.updateNote(5, { text: 'forced' });
  assert.equal(srv.calls.at(-1).ifMatch, undefined);
});

test('deleteNote sends the ETag it is given as If-Match, and nothing without one', async () => {
  const calls = [];
  const api = createApi({ fetch: async (url, init) => { calls.push(init.headers['If-Match']); return new Response(null, { status: 204 }); } });
  await api.deleteNote(5, '"5.3"');
  await api.deleteNote(5);
  assert.deepEqual(calls, ['"5.3"', undefined]);
});

test('getPadTagged and renamePad carry the pad ETag the same way', async () => {
  const seen = [];
  const api = createApi({
    fetch: async (url, init) => {
      seen.push(init.headers['If-Match']);
      return reply(200, { id: 3, name: 'p', notes_count: 0 }, { etag: '"3.4"' });
    },
  });
  assert.equal((await api.getPadTagged(3)).etag, '"3.4"');
  await api.renamePad(3, 'q', '"3.4"');
  await api.renamePad(3, 'r');
  assert.deepEqual(seen, [undefined, '"3.4"', undefined]);
});
