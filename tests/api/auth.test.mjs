// Sign-up, sign-in, refresh rotation and reuse, sign-out, password change and reset, account deletion.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setup, teardown, email, PASSWORD, waitFor } from './helpers.mjs';

let t;
before(async () => {
  t = await setup();
});
after(async () => {
  await teardown(t);
});

const cookieOf = (res) => (res.headers.get('set-cookie') ?? '').match(/notejam_refresh=([^;]*)/)?.[1];

test('sign-up answers 201 with tokens, the user, and an HttpOnly SameSite=Strict cookie on the auth path', async () => {
  const addr = email('signup');
  const r = await t.post('/api/v1/auth/signup', { email: addr, password: PASSWORD });
  assert.equal(r.status, 201);
  assert.equal(r.body.token_type, 'Bearer');
  assert.equal(r.body.expires_in, 900);
  assert.equal(r.body.user.email, addr);
  assert.ok(r.body.refresh_token.length >= 43, '>= 256 bits');
  const cookie = r.headers.get('set-cookie');
  assert.match(cookie, /HttpOnly/);
  assert.match(cookie, /SameSite=Strict/);
  assert.match(cookie, /Path=\/api\/v1\/auth/);
  assert.equal(cookieOf(r), r.body.refresh_token);
  const me = await t.get('/api/v1/me', r.body.access_token);
  assert.equal(me.status, 200);
  assert.deepEqual(me.body, r.body.user);
});

test('emails are unique case-insensitively', async () => {
  const u = await t.signup(email('case'));
  const r = await t.post('/api/v1/auth/signup', { email: u.email.toUpperCase(), password: PASSWORD });
  assert.equal(r.status, 422);
  assert.ok(r.body.errors.email);
});

test('sign-up validation: bad email, short and long passwords, missing fields', async () => {
  const cases = [
    [{ email: 'not-an-email', password: PASSWORD }, 'email'],
    [{ email: email(), password: 'short' }, 'password'],
    [{ email: email(), password: 'x'.repeat(129) }, 'password'],
    [{ password: PASSWORD }, 'email'],
    [{ email: email() }, 'password'],
  ];
  for (const [body, field] of cases) {
    const r = await t.post('/api/v1/auth/signup', body);
    assert.equal(r.status, 422, JSON.stringify(body));
    assert.ok(r.body.errors[field], `${field} error for ${JSON.stringify(body)}`);
  }
});

test('sign-in: same answer for unknown email and wrong password; email case does not matter', async () => {
  const u = await t.signup(email('signin'));
  const wrong = await t.post('/api/v1/auth/signin', { email: u.email, password: 'wrong password' });
  const unknown = await t.post('/api/v1/auth/signin', { email: email('nobody'), password: PASSWORD });
  assert.equal(wrong.status, 401);
  assert.equal(unknown.status, 401);
  assert.equal(wrong.body.detail, unknown.body.detail);
  assert.equal(wrong.body.detail, 'Wrong email or password.');
  const ok = await t.post('/api/v1/auth/signin', { email: u.email.toUpperCase(), password: PASSWORD });
  assert.equal(ok.status, 200);
  assert.equal(ok.body.user.id, u.user.id);
});

test('sign-in of an unknown email costs a password hash too (timing)', async () => {
  const u = await t.signup(email('timing'));
  const time = async (body) => {
    const s = performance.now();
    await t.post('/api/v1/auth/signin', body);
    return performance.now() - s;
  };
  const wrong = [], unknown = [];
  for (let i = 0; i < 4; i++) {
    wrong.push(await time({ email: u.email, password: 'wrong password' }));
    unknown.push(await time({ email: email('ghost'), password: 'wrong password' }));
  }
  const med = (a) => a.sort((x, y) => x - y)[a.length >> 1];
  // an unknown email must not be answered without hashing (that would be ~1 ms vs ~10+ ms)
  assert.ok(med(unknown) > med(wrong) / 3, `unknown ${med(unknown)} ms vs wrong ${med(wrong)} ms`);
});

test('refresh rotates the token; reusing the old one revokes the whole family', async () => {
  const u = await t.signup(email('rotate'));
  const r1 = await t.post('/api/v1/auth/refresh', { refresh_token: u.refresh });
  assert.equal(r1.status, 200);
  assert.notEqual(r1.body.refresh_token, u.refresh);
  assert.equal(r1.body.user.id, u.user.id);
  const r2 = await t.post('/api/v1/auth/refresh', { refresh_token: r1.body.refresh_token });
  assert.equal(r2.status, 200);
  const reuse = await t.post('/api/v1/auth/refresh', { refresh_token: u.refresh });
  assert.equal(reuse.status, 401);
  assert.match(reuse.headers.get('set-cookie'), /Max-Age=0/);
  const after = await t.post('/api/v1/auth/refresh', { refresh_token: r2.body.refresh_token });
  assert.equal(after.status, 401, 'the newest token of the family died with it');
  await waitFor(() => t.stack.api.logs().includes('"security_event":"refresh_reuse"'), { what: 'reuse log line' });
});

test('concurrent double refresh with one token: both get a pair of the same session (grace), never a revoke', async () => {
  const u = await t.signup(email('race'));
  const [a, b] = await Promise.all([
    t.post('/api/v1/auth/refresh', { refresh_token: u.refresh }),
    t.post('/api/v1/auth/refresh', { refresh_token: u.refresh }),
  ]);
  assert.deepEqual([a.status, b.status], [200, 200]);
  assert.notEqual(a.body.refresh_token, b.body.refresh_token);
  const next = await t.post('/api/v1/auth/refresh', { refresh_token: a.body.refresh_token });
  const nextB = await t.post('/api/v1/auth/refresh', { refresh_token: b.body.refresh_token });
  assert.deepEqual([next.status, nextB.status], [200, 200], 'the session lives on in both');
  const late = await t.post('/api/v1/auth/refresh', { refresh_token: u.refresh });
  assert.equal(late.status, 401, 'once a successor was used, the old token is reuse again: the family is revoked');
  assert.equal((await t.post('/api/v1/auth/refresh', { refresh_token: next.body.refresh_token })).status, 401);
});

test('refresh and sign-out through the cookie with an empty body', async () => {
  const u = await t.signup(email('cookie'));
  const r = await t.req('POST', '/api/v1/auth/refresh', { headers: { cookie: `notejam_refresh=${u.refresh}` } });
  assert.equal(r.status, 200);
  const newCookie = cookieOf(r);
  assert.ok(newCookie && r.body.refresh_token === undefined, 'the new token only in the cookie');
  const out = await t.req('POST', '/api/v1/auth/signout', { headers: { cookie: `notejam_refresh=${newCookie}` } });
  assert.equal(out.status, 204);
  assert.match(out.headers.get('set-cookie'), /Max-Age=0/);
  const again = await t.post('/api/v1/auth/refresh', { refresh_token: newCookie });
  assert.equal(again.status, 401);
  const none = await t.req('POST', '/api/v1/auth/refresh', {});
  assert.equal(none.status, 422);
  assert.ok(none.body.errors.refresh_token);
});

test('sign-out revokes only that session', async () => {
  const u = await t.signup(email('signout'));
  const other = await t.post('/api/v1/auth/signin', { email: u.email, password: PASSWORD });
  assert.equal((await t.post('/api/v1/auth/signout', { refresh_token: u.refresh })).status, 204);
  assert.equal((await t.post('/api/v1/auth/refresh', { refresh_token: u.refresh })).status, 401);
  assert.equal((await t.post('/api/v1/auth/refresh', { refresh_token: other.body.refresh_token })).status, 200);
});

test('password change needs the current password, revokes other sessions, returns fresh tokens', async () => {
  const u = await t.signup(email('change'));
  const other = await t.post('/api/v1/auth/signin', { email: u.email, password: PASSWORD });
  const bad = await t.req('PUT', '/api/v1/me/password', {
    token: u.token, json: { current_password: 'not it at all', new_password: 'another password' } });
  assert.equal(bad.status, 422);
  assert.ok(bad.body.errors.current_password);
  const weak = await t.req('PUT', '/api/v1/me/password', {
    token: u.token, json: { current_password: PASSWORD, new_password: 'short' } });
  assert.equal(weak.status, 422);
  assert.ok(weak.body.errors.new_password);
  const ok = await t.req('PUT', '/api/v1/me/password', {
    token: u.token, json: { current_password: PASSWORD, new_password: 'another password' } });
  assert.equal(ok.status, 200);
  assert.ok(ok.body.access_token);
  assert.equal((await t.post('/api/v1/auth/refresh', { refresh_token: other.body.refresh_token })).status, 401);
  assert.equal((await t.post('/api/v1/auth/refresh', { refresh_token: u.refresh })).status, 401);
  assert.equal((await t.post('/api/v1/auth/refresh', { refresh_token: ok.body.refresh_token })).status, 200);
  assert.equal((await t.post('/api/v1/auth/signin', { email: u.email, password: PASSWORD })).status, 401);
  assert.equal((await t.post('/api/v1/auth/signin', { email: u.email, password: 'another password' })).status, 200);
});

/** Waits for a mail to addr in the outbox and returns the reset token from its link. */
async function resetTokenFor(addr, seen = new Set()) {
  const dir = t.stack.mailDir;
  return waitFor(() => {
    for (const f of readdirSync(dir)) {
      if (!f.endsWith('.eml') || seen.has(f)) continue;
      const text = readFileSync(join(dir, f), 'utf8');
      if (!text.includes(`To: ${addr}`)) continue;
      seen.add(f);
      const m = text.match(/\/reset-password\?token=([A-Za-z0-9_-]+)/);
      assert.ok(m, 'the mail carries a reset link');
      assert.ok(text.includes(`${t.stack.baseUrl}/reset-password?token=`), 'link to the web app');
      return m[1];
    }
    return null;
  }, { what: `reset mail to ${addr}` });
}

test('forgot password: 202 either way; the mailed single-use token resets the password and revokes sessions', async () => {
  const u = await t.signup(email('forgot'));
  const unknown = await t.post('/api/v1/auth/forgot-password', { email: email('ghost') });
  const known = await t.post('/api/v1/auth/forgot-password', { email: u.email });
  assert.equal(unknown.status, 202);
  assert.equal(known.status, 202);
  assert.deepEqual(unknown.body, known.body);
  const token = await resetTokenFor(u.email);
  const weak = await t.post('/api/v1/auth/reset-password', { token, password: 'short' });
  assert.equal(weak.status, 422);
  const ok = await t.post('/api/v1/auth/reset-password', { token, password: 'brand new password' });
  assert.equal(ok.status, 204);
  const again = await t.post('/api/v1/auth/reset-password', { token, password: 'yet another password' });
  assert.equal(again.status, 422, 'single use');
  assert.ok(again.body.errors.token);
  assert.equal((await t.post('/api/v1/auth/refresh', { refresh_token: u.refresh })).status, 401);
  assert.equal((await t.post('/api/v1/auth/signin', { email: u.email, password: 'brand new password' })).status, 200);
  const forged = await t.post('/api/v1/auth/reset-password', { token: 'A'.repeat(43), password: 'brand new password' });
  assert.equal(forged.status, 422);
});

test('reset tokens are stored only as hashes and expire after an hour', async () => {
  const u = await t.signup(email('hash'));
  await t.post('/api/v1/auth/forgot-password', { email: u.email });
  const token = await resetTokenFor(u.email);
  const { execFileSync } = await import('node:child_process');
  const psql = (sql) => execFileSync('psql', [t.stack.pg.url, '-Atc', sql]).toString().trim();
  const stored = psql(`SELECT encode(token_hash,'hex'), extract(epoch from expires_at - now())::int FROM password_resets r JOIN users u ON u.id = r.user_id WHERE u.email = '${u.email}'`);
  const [hash, ttl] = stored.split('|');
  assert.equal(hash.length, 64);
  assert.ok(!stored.includes(token));
  assert.ok(Number(ttl) > 3500 && Number(ttl) <= 3600, `ttl ${ttl}`);
  psql(`UPDATE password_resets SET expires_at = now() - interval '1 second' WHERE encode(token_hash,'hex') = '${hash}'`);
  const r = await t.post('/api/v1/auth/reset-password', { token, password: 'brand new password' });
  assert.equal(r.status, 422, 'expired');
});

test('delete account: needs the password, removes pads, notes and sessions', async () => {
  const u = await t.signup(email('delete'));
  const pad = await t.post('/api/v1/pads', { name: 'Doomed' }, u.token);
  await t.post('/api/v1/notes', { name: 'n', text: 't', pad_id: pad.body.id }, u.token);
  const wrong = await t.del('/api/v1/me', u.token, { password: 'not my password' });
  assert.equal(wrong.status, 422);
  assert.equal((await t.get('/api/v1/notes', u.token)).body.items.length, 1);
  const ok = await t.del('/api/v1/me', u.token, { password: PASSWORD });
  assert.equal(ok.status, 204);
  assert.equal((await t.get('/api/v1/me', u.token)).status, 401);
  assert.equal((await t.post('/api/v1/auth/refresh', { refresh_token: u.refresh })).status, 401);
  assert.equal((await t.post('/api/v1/auth/signin', { email: u.email, password: PASSWORD })).status, 401);
  const { execFileSync } = await import('node:child_process');
  const left = execFileSync('psql', [t.stack.pg.url, '-Atc',
    `SELECT (SELECT count(*) FROM pads WHERE user_id = ${u.user.id}) + (SELECT count(*) FROM notes WHERE user_id = ${u.user.id})`]).toString().trim();
  assert.equal(left, '0');
});
