// ETag and If-Match on pads and notes: every read and write of one object carries its version, a write that names an
// old version is 412 and changes nothing, a write without If-Match behaves as before.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, teardown } from './helpers.mjs';

let t, u;
before(async () => {
  t = await setup({ env: { NOTEJAM_CORS_ORIGINS: 'https://client.example' } });
  u = await t.signup();
});
after(async () => {
  await teardown(t);
});

const send = (method, path, ifMatch, json) =>
  t.req(method, path, { token: u.token, json, headers: ifMatch === undefined ? {} : { 'if-match': ifMatch } });

for (const kind of ['pads', 'notes']) {
  const create = kind === 'pads' ? { name: 'first' } : { name: 'first', text: 'one' };
  const change = (n) => (kind === 'pads' ? { name: `v${n}` } : { text: `v${n}` });
  const field = kind === 'pads' ? 'name' : 'text';

  test(`${kind}: create, read and update carry the same ETag for the same version; every change moves it`, async () => {
    const c = await t.post(`/api/v1/${kind}`, create, u.token);
    assert.equal(c.status, 201);
    const tag = c.headers.get('etag');
    assert.equal(tag, `"${c.body.id}.1"`);
    const g = await t.get(`/api/v1/${kind}/${c.body.id}`, u.token);
    assert.equal(g.headers.get('etag'), tag, 'GET answers the ETag the create gave');
    const p = await send('PATCH', `/api/v1/${kind}/${c.body.id}`, tag, change(2));
    assert.equal(p.status, 200);
    assert.equal(p.headers.get('etag'), `"${c.body.id}.2"`);
    assert.equal((await t.get(`/api/v1/${kind}/${c.body.id}`, u.token)).headers.get('etag'), p.headers.get('etag'));
  });

  test(`${kind}: If-Match with an old version is 412 and changes nothing; the current one, a list or * pass`, async () => {
    const c = await t.post(`/api/v1/${kind}`, create, u.token);
    const path = `/api/v1/${kind}/${c.body.id}`;
    const old = c.headers.get('etag');
    const cur = (await send('PATCH', path, undefined, change(2))).headers.get('etag'); // no If-Match: as before
    assert.notEqual(cur, old);
    const stale = await send('PATCH', path, old, change(3));
    assert.equal(stale.status, 412);
    assert.equal(stale.body.title, 'Precondition Failed');
    assert.equal((await t.get(path, u.token)).body[field], 'v2', 'the refused write changed nothing');
    assert.equal((await send('PATCH', path, `W/${cur}`, change(3))).status, 412, 'a weak tag never matches');
    assert.equal((await send('PATCH', path, `${old}, ${cur}`, change(3))).status, 200, 'a list with the current tag');
    assert.equal((await send('PATCH', path, '*', change(4))).status, 200, '* matches any version');
    const other = await t.post(`/api/v1/${kind}`, create, u.token);
    const same = `"${other.body.id}.${(await t.get(path, u.token)).headers.get('etag').split('.')[1]}`;
    assert.equal((await send('PATCH', path, same, change(5))).status, 412, "another object's tag never matches");
    assert.equal((await send('DELETE', path, old)).status, 412);
    assert.equal((await t.get(path, u.token)).status, 200, 'the refused delete deleted nothing');
    assert.equal((await send('DELETE', path, (await t.get(path, u.token)).headers.get('etag'))).status, 204);
    assert.equal((await send('DELETE', path, old)).status, 404, 'gone: 404, not 412');
  });

  test(`${kind}: a malformed If-Match is 400 and changes nothing`, async () => {
    const c = await t.post(`/api/v1/${kind}`, create, u.token);
    const path = `/api/v1/${kind}/${c.body.id}`;
    for (const bad of ['abc', `"${c.body.id}.1`, `${c.body.id}.1`, '"a" "b"', '"a",x']) {
      const p = await send('PATCH', path, bad, change(9));
      assert.equal(p.status, 400, `PATCH If-Match: ${bad}`);
      assert.match(p.body.detail, /If-Match/);
      assert.equal((await send('DELETE', path, bad)).status, 400, `DELETE If-Match: ${bad}`);
    }
    const g = await t.get(path, u.token);
    assert.equal(g.headers.get('etag'), c.headers.get('etag'));
  });

  test(`${kind}: two writers with the same ETag at the same time: exactly one wins, the other gets 412`, async () => {
    const c = await t.post(`/api/v1/${kind}`, create, u.token);
    const path = `/api/v1/${kind}/${c.body.id}`;
    const tag = c.headers.get('etag');
    const results = await Promise.all([1, 2, 3, 4].map((n) => send('PATCH', path, tag, change(10 + n))));
    const statuses = results.map((r) => r.status).sort();
    assert.deepEqual(statuses, [200, 412, 412, 412]);
    const winner = results.find((r) => r.status === 200);
    assert.equal((await t.get(path, u.token)).body[field], winner.body[field]);
  });
}

test("a pad's ETag versions its own fields: a note added to it does not make a rename 412", async () => {
  const pad = await t.post('/api/v1/pads', { name: 'box' }, u.token);
  await t.post('/api/v1/notes', { name: 'in it', text: '', pad_id: pad.body.id }, u.token);
  const r = await send('PATCH', `/api/v1/pads/${pad.body.id}`, pad.headers.get('etag'), { name: 'renamed' });
  assert.equal(r.status, 200);
  assert.equal(r.body.notes_count, 1);
});

test('every operation the spec gives If-Match answers 412 to an old tag; every one it gives ETag sends it', async () => {
  const spec = t.v.spec;
  const pad = await t.post('/api/v1/pads', { name: 'seam' }, u.token);
  const note = await t.post('/api/v1/notes', { name: 'seam', text: '' }, u.token);
  const objects = { pads: pad, notes: note };
  const bodies = { pads: { name: 'x' }, notes: { text: 'x' } };
  const withIfMatch = [], withEtag = [];
  for (const [path, item] of Object.entries(spec.paths))
    for (const [m, op] of Object.entries(item)) {
      if (!op?.responses) continue;
      if ((op.parameters ?? []).some((p) => p.$ref === '#/components/parameters/IfMatch')) withIfMatch.push([m, path]);
      const ok = Object.entries(op.responses).find(([c]) => /^2/.test(c))[1];
      if (ok.headers?.ETag?.$ref === '#/components/headers/ETag') withEtag.push([m, path]); // pads' and notes' versions
    }
  assert.equal(withIfMatch.length, 4);
  for (const [m, path] of withIfMatch) {
    const kind = path.split('/')[3];
    await send('PATCH', `/api/v1/${kind}/${objects[kind].body.id}`, undefined, bodies[kind]); // moves the version
    const r = await send(m.toUpperCase(), path.replace('{id}', objects[kind].body.id), objects[kind].headers.get('etag'), m === 'patch' ? bodies[kind] : undefined);
    assert.equal(r.status, 412, `${m} ${path}`);
  }
  assert.equal(withEtag.length, 6);
  for (const [m, path] of withEtag) {
    const kind = path.split('/')[3];
    const concrete = path.replace('{id}', objects[kind].body.id);
    const r = await send(m.toUpperCase(), concrete, undefined, m === 'get' ? undefined : m === 'post' ? { name: 'n', ...(kind === 'notes' ? { text: '' } : {}) } : bodies[kind]);
    assert.match(r.headers.get('etag') ?? '', /^"[1-9][0-9]*\.[1-9][0-9]*"$/, `${m} ${path}`);
  }
});

test('CORS: a browser client on an allowed origin may send and read every header the spec gives pads and notes', async () => {
  const requestHeaders = new Set(), responseHeaders = new Set();
  const resolve = (node) => (node.$ref ? node.$ref.slice(2).split('/').reduce((o, k) => o[k], t.v.spec) : node);
  for (const [path, item] of Object.entries(t.v.spec.paths)) {
    if (!/^\/api\/v1\/(pads|notes)/.test(path)) continue;
    for (const [m, op] of Object.entries(item)) {
      if (!op?.responses) continue;
      for (const p of [...(item.parameters ?? []), ...(op.parameters ?? [])].map(resolve))
        if (p.in === 'header') requestHeaders.add(p.name.toLowerCase());
      // what a client acts on: the success headers and the retry hints (409, 503)
      for (const [code, r] of Object.entries(op.responses).map(([c, x]) => [c, resolve(x)]))
        if (/^2|^409$|^503$/.test(code)) for (const h of Object.keys(r.headers ?? {})) responseHeaders.add(h.toLowerCase());
    }
  }
  assert.ok(requestHeaders.has('if-match') && requestHeaders.has('idempotency-key'));
  const origin = { origin: 'https://client.example' };
  const pre = await t.req('OPTIONS', '/api/v1/notes', { headers: { ...origin, 'access-control-request-method': 'POST' } });
  const allowed = pre.headers.get('access-control-allow-headers').toLowerCase().split(/,\s*/);
  for (const h of requestHeaders) assert.ok(allowed.includes(h), `preflight allows ${h}`);
  const res = await t.req('GET', '/api/v1/notes', { token: u.token, headers: origin });
  const exposed = res.headers.get('access-control-expose-headers').toLowerCase().split(/,\s*/);
  // CORS-safelisted response headers need no exposing
  for (const h of [...responseHeaders].filter((x) => !['content-type', 'cache-control'].includes(x)))
    assert.ok(exposed.includes(h), `exposed: ${h}`);
});
