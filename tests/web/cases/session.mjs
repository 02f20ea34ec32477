// The session: access token in memory only, silent refresh through the HttpOnly cookie when it expires, back to
// sign-in (and then to the wanted page) when the refresh fails, and sign-out that the back button cannot undo.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ACCESS_TTL, newPage } from '../lib/context.mjs';
import {
  assertNoProblems, createNote, createPad, eventually, fillSignIn, flash, heading, signOut, signUp, uniqueEmail,
} from '../lib/app.mjs';

// Waits until an access token issued at `since` has certainly expired (the only wait on the clock here).
async function untilExpired(since) {
  await eventually(() => Date.now() > since + ACCESS_TTL * 1000 + 600, { timeout: ACCESS_TTL * 1000 + 5000,
    interval: 100, what: 'access token expiry' });
}

export function sessionTests() {
  test('an expired access token is refreshed silently, once for concurrent requests', async () => {
    const page = await newPage();
    await signUp(page, uniqueEmail('ttl'));
    const padId = await createPad(page, 'Refresh');
    await createNote(page, { name: 'Still here', text: 'after expiry', pad: 'Refresh' });
    // The token lives in memory only: nothing in storage, and the refresh cookie is invisible to scripts.
    assert.deepEqual(await page.evaluate(() => [localStorage.length, sessionStorage.length, document.cookie]),
      [0, 0, '']);
    const cookies = await page.context().cookies();
    const refresh = cookies.find((c) => c.name === 'notejam_refresh');
    assert.ok(refresh && refresh.httpOnly, 'refresh token is an HttpOnly cookie');

    const since = Date.now();
    await untilExpired(since);
    page.apiCalls.length = 0;
    // The pad page loads the pad and its notes at once: both get 401, one refresh serves both.
    await page.getByRole('link', { name: 'Refresh' }).first().click();
    await heading(page, 'Refresh (1)').waitFor();
    await page.getByRole('link', { name: 'Still here' }).waitFor();
    assert.match(page.url(), new RegExp(`/pads/${padId}$`));
    assert.deepEqual(page.apiCalls.filter((c) => c.startsWith('POST /api/v1/auth/refresh')),
      ['POST /api/v1/auth/refresh -> 200'], page.apiCalls.join('\n'));
    assert.equal(page.apiCalls.filter((c) => c.endsWith('-> 401')).length, 2, page.apiCalls.join('\n'));
    assert.equal(await flash(page).count(), 0, 'no message: the user noticed nothing');

    // A reload starts with no token: the app restores the session from the cookie.
    await page.reload();
    await heading(page, 'Refresh (1)').waitFor();
    assertNoProblems(page);
  });

  test('when the refresh fails the app goes to sign-in and comes back to the wanted page', async () => {
    const page = await newPage();
    const email = uniqueEmail('lost');
    await signUp(page, email);
    const noteId = await createNote(page, { name: 'Wanted', text: 'come back here' });
    await page.getByRole('link', { name: 'All notes' }).click();
    await heading(page, 'All notes (1)').waitFor();

    await page.context().clearCookies(); // the refresh cookie is gone (expired, revoked elsewhere...)
    await untilExpired(Date.now());
    await page.getByRole('link', { name: 'Wanted' }).click();
    await heading(page, 'Sign in').waitFor();
    assert.equal(new URL(page.url()).search, `?next=${encodeURIComponent(`/notes/${noteId}`)}`);
    assert.match(await flash(page).textContent(), /session has ended/);
    await fillSignIn(page, email);
    await heading(page, 'Wanted').waitFor();
    assert.match(page.url(), new RegExp(`/notes/${noteId}$`));

    // A deep link opened without any session: sign in first, then the page.
    const fresh = await newPage();
    await fresh.goto(`/notes/${noteId}/edit`);
    await heading(fresh, 'Sign in').waitFor();
    await fillSignIn(fresh, email);
    await heading(fresh, 'Edit note').waitFor();
    assert.equal(await fresh.getByLabel('Name').inputValue(), 'Wanted');
    // "next" never leaves the app.
    await fresh.context().clearCookies();
    await fresh.goto('/signin?next=//evil.example/x');
    await heading(fresh, 'Sign in').waitFor();
    await fillSignIn(fresh, email);
    await heading(fresh, /^All notes/).waitFor();
    assert.equal(new URL(fresh.url()).origin, new URL(page.url()).origin);
    assertNoProblems(page);
    assertNoProblems(fresh);
  });

  test('after sign-out the back button cannot show notes', async () => {
    const page = await newPage();
    await signUp(page, uniqueEmail('out'));
    await createNote(page, { name: 'Private thoughts', text: 'nobody else' });
    const noteUrl = page.url();
    await signOut(page);
    assert.match(await flash(page).textContent(), /signed out/);
    assert.equal(await page.evaluate(() => document.cookie), '');

    // Back lands on the note's URL, which now asks to sign in first.
    await page.goBack();
    await page.waitForURL((u) => u.searchParams.get('next') === new URL(noteUrl).pathname);
    await heading(page, 'Sign in').waitFor();
    assert.equal(await page.getByText('Private thoughts').count(), 0);
    assert.equal(await page.getByText('nobody else').count(), 0);
    await page.goBack();
    await page.waitForURL((u) => u.pathname === '/notes/new' || u.pathname === '/signin');
    await heading(page, 'Sign in').waitFor();
    assert.equal(await page.getByText('Private thoughts').count(), 0);
    // A reload cannot bring the session back either: the server revoked it and cleared the cookie.
    await page.reload();
    await heading(page, 'Sign in').waitFor();
    assert.equal(await page.getByText('Private thoughts').count(), 0);
    assert.equal((await page.context().cookies()).filter((c) => c.name === 'notejam_refresh' && c.value).length, 0);
    assertNoProblems(page);
  });
}
