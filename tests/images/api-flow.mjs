// Signs up a fresh user and creates and lists a note through BASE_URL (the web image's /api/ proxy).
// Usage: node api-flow.mjs BASE_URL [EMAIL PASSWORD]   (signs in instead when EMAIL exists; prints the email)
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';

const [base, givenEmail, givenPassword] = process.argv.slice(2);
const email = givenEmail ?? `images-${randomBytes(6).toString('hex')}@example.com`;
const password = givenPassword ?? `pw-${randomBytes(12).toString('hex')}`;

async function call(method, path, body, token) {
  const res = await fetch(new URL(path, base), {
    method,
    headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) },
    body: body && JSON.stringify(body),
    signal: AbortSignal.timeout(10000),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null, headers: res.headers };
}

const auth = givenEmail
  ? await call('POST', '/api/v1/auth/signin', { email, password })
  : await call('POST', '/api/v1/auth/signup', { email, password });
assert.equal(auth.status, givenEmail ? 200 : 201, `auth answered ${auth.status}: ${JSON.stringify(auth.json)}`);
assert.equal(auth.json.user.email, email);
const token = auth.json.access_token;
assert.ok(token, 'no access_token');

const name = `note from the images suite ${Date.now()}`;
const created = await call('POST', '/api/v1/notes', { name, text: 'made through nginx' }, token);
assert.equal(created.status, 201, `create note answered ${created.status}: ${JSON.stringify(created.json)}`);
assert.equal(created.json.name, name);

const list = await call('GET', '/api/v1/notes', undefined, token);
assert.equal(list.status, 200);
assert.ok(list.json.items.some((n) => n.id === created.json.id), 'the new note is not listed');
console.log(JSON.stringify({ email, password, notes: list.json.items.length }));
