// The session: access token in memory only, silent refresh through the HttpOnly cookie once it has expired, back
// to sign-in (and then to the wanted page) when the refresh fails, and sign-out that the back button cannot undo.
//
// A token is refused only ACCESS_TTL + JWT_LEEWAY (33 s) after it was issued. So that the suite does not sit idle,
// prepareExpiry() signs two people in during setup and expiryTests() run last, when that time has passed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ACCESS_TTL, JWT_LEEWAY, ctx } from '../lib/context.mjs';
import { openPage } from '../lib/browser.mjs';
import {
  assertNoProblems, createNote, createPad, fillSignIn, flash, heading, signOut, signUp, uniqueEmail,
} from '../lib/app.mjs';
import { waitFor } from '../../lib/wait.mjs';

const expiry = { since: 0, kept: null, lost: null };

/** Setup (in before()): one session that will refresh fine, one whose refresh cookie is gone. */
export async function prepareExpiry() {
  const kept = await openPage(ctx.browser, ctx.baseUrl);
  await signUp(kept, uniqueEmail('ttl'));
  const padId = await createPad(kept, 'Refresh');
  await createNote(kept, { name: 'Still here', text: 'after expiry', pad: 'Refresh' });

  const lost = await openPage(ctx.browser, ctx.baseUrl);
  const email = uniqueEmail('lost');
  await signUp(lost, email);
  const noteId = await createNote(lost, { name: 'Wanted', text: 'come back here' });
  await lost.getByRole('link', { name: 'All notes' }).click();
  await heading(lost, 'All notes (1)').waitFor();
  await lost.context().clearCookies(); // the refresh cookie is gone (expired, revoked elsewhere...)

  Object.assign(expiry, { since: Date.now(), kept, lost, padId, noteId, email });
}

async function untilExpired() {
  const at = expiry.since + (ACCESS_TTL + JWT_LEEWAY + 1) * 1000;
  await waitFor(() => Date.now() > at, { timeoutMs: Math.max(0, at - Date.now()) + 5000, intervalMs: 200,
    what: 'access token expiry' });
}

export function expiryTests() {
  test('an expired access token is refreshed silently, once for concurrent requests', async () => {
    const page = expiry.kept;
    // The token lives in memory only: nothing in storage, and the refresh cookie is invisible to scripts.
    assert.deepEqual(await page.evaluate(() => [localStorage.length, sessionStorage.length, document.cookie]),
      [0, 0, '']);
    const refresh = (await page.context().cookies()).find((c) => c.name === 'notejam_refresh');
    assert.ok(refresh && refresh.httpOnly && refresh.sameSite === 'Strict', 'refresh token: HttpOnly SameSite cookie');

    await untilExpired();
    page.apiCalls.length = 0;
    // The pad page loads the pad and its notes at once: both get 401, one refresh serves both.
    await page.getByRole('link', { name: 'Refresh' }).first().click();
    await heading(page, 'Refresh (1)').waitFor();
    await page.getByRole('link', { name: 'Still here' }).waitFor();
    assert.match(page.url(), new RegExp(`/pads/${expiry.padId}$`));
    const calls = page.apiCalls.join('\n');
    assert.deepEqual(page.apiCalls.filter((c) => c.startsWith('POST /api/v1/auth/refresh')),
      ['POST /api/v1/auth/refresh -> 200'], calls);
    assert.equal(page.apiCalls.filter((c) => c.endsWith('-> 401')).length, 2, calls);
    assert.equal(await flash(page).count(), 0, 'no message: the user noticed nothing');

    // A reload starts with no token: the app restores the session from the cookie.
    await page.reload();
    await heading(page, 'Refresh (1)').waitFor();
    assertNoProblems(page);
    await page.context().close();
  });

  test('when the refresh fails the app goes to sign-in and comes back to the wanted page', async () => {
    const page = expiry.lost;
    await untilExpired();
    await page.getByRole('link', { name: 'Wanted' }).click();
    await heading(page, 'Sign in').waitFor();
    assert.equal(new URL(page.url()).search, `?next=${encodeURIComponent(`/notes/${expiry.noteId}`)}`);
    assert.match(await flash(page).textContent(), /session has ended/);
    await fillSignIn(page, expiry.email);
    await heading(page, 'Wanted').waitFor();
    assert.match(page.url(), new RegExp(`/notes/${expiry.noteId}$`));
    assertNoProblems(page);
    await page.context().close();
  });
}

export function sessionTests() {
  test('a deep link without a session signs in first, then opens the page; "next" stays in the app', async () => {
    const page = await openPage(ctx.browser, ctx.baseUrl);
    const email = uniqueEmail('deep');
    await signUp(page, email);
    const noteId = await createNote(page, { name: 'Deep', text: 'linked' });
    await page.context().clearCookies();
    await page.goto(`/notes/${noteId}/edit`);
    await heading(page, 'Sign in').waitFor();
    assert.equal(new URL(page.url()).search, `?next=${encodeURIComponent(`/notes/${noteId}/edit`)}`);
    await fillSignIn(page, email);
    await heading(page, 'Edit note').waitFor();
    assert.equal(await page.getByLabel('Name').inputValue(), 'Deep');

    await page.context().clearCookies();
    await page.goto('/signin?next=//evil.example/x');
    await heading(page, 'Sign in').waitFor();
    await fillSignIn(page, email);
    await heading(page, /^All notes/).waitFor();
    assert.equal(new URL(page.url()).origin, ctx.baseUrl);
    assert.equal(new URL(page.url()).pathname, '/');
    assertNoProblems(page);
    await page.context().close();
  });

  test('after sign-out the back button cannot show notes', async () => {
    const page = await openPage(ctx.browser, ctx.baseUrl);
    await signUp(page, uniqueEmail('out'));
    await createNote(page, { name: 'Private thoughts', text: 'nobody else' });
    const notePath = new URL(page.url()).pathname;
    await signOut(page);
    assert.match(await flash(page).textContent(), /signed out/);

    // Back lands on the note's URL, which now asks to sign in first.
    await page.goBack();
    await page.waitForURL((u) => u.searchParams.get('next') === notePath);
    await heading(page, 'Sign in').waitFor();
    assert.equal(await page.getByText('Private thoughts').count(), 0);
    assert.equal(await page.getByText('nobody else').count(), 0);
    await page.goBack();
    await page.waitForURL((u) => u.searchParams.get('next') === '/notes/new');
    await heading(page, 'Sign in').waitFor();
    assert.equal(await page.getByText('Private thoughts').count(), 0);
    // A reload cannot bring the session back either: the server revoked it and cleared the cookie.
    await page.reload();
    await heading(page, 'Sign in').waitFor();
    assert.equal(await page.getByText('Private thoughts').count(), 0);
    assert.equal((await page.context().cookies()).filter((c) => c.name === 'notejam_refresh' && c.value).length, 0);
    assertNoProblems(page);
    await page.context().close();
  });
}
