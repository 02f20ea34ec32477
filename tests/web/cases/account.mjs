// Password reset through the mail outbox, account settings (change password with the server's field errors),
// and account deletion with its confirmation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ctx, newPage } from '../lib/context.mjs';
import { resetLink, mailsTo } from '../lib/mail.mjs';
import {
  PASSWORD, assertNoProblems, fillSignIn, flash, heading, screenshot, signIn, signOut, signUp, uniqueEmail,
} from '../lib/app.mjs';

export function accountTests() {
  test('forgot password: the emailed link sets a new password, once', async () => {
    const page = await newPage();
    const email = uniqueEmail('forgot');
    await signUp(page, email);
    await signOut(page);
    const before = mailsTo(ctx.stack.mailDir, email).length;

    await page.getByRole('link', { name: 'Forgot password?' }).click();
    await heading(page, 'Forgot password').waitFor();
    await page.getByLabel('Email').fill(email);
    await page.getByRole('button', { name: 'Send reset link' }).click();
    await heading(page, 'Sign in').waitFor();
    assert.match(await flash(page).textContent(), /If an account exists for that email/);

    const link = await resetLink(ctx.stack.mailDir, email, { already: before });
    assert.match(link.path, /^\/reset-password\?token=[A-Za-z0-9_-]{20,}/);
    await page.goto(link.path);
    await heading(page, 'Choose a new password').waitFor();
    // Client-side checks first: too short, then not repeated.
    await page.getByLabel('New password', { exact: true }).fill('short');
    await page.getByRole('button', { name: 'Change password' }).click();
    assert.match(await page.locator('#password-error').textContent(), /at least 8/);
    assert.equal(await page.getByLabel('New password', { exact: true }).getAttribute('aria-invalid'), 'true');
    const fresh = 'a brand new pass 2';
    await page.getByLabel('New password', { exact: true }).fill(fresh);
    await page.getByLabel('Repeat new password').fill(fresh);
    await page.getByRole('button', { name: 'Change password' }).click();
    await heading(page, 'Sign in').waitFor();
    assert.match(await flash(page).textContent(), /password was changed/);

    await fillSignIn(page, email, PASSWORD);
    await page.locator('.form-error').waitFor();
    assert.equal(await page.locator('.form-error').textContent(), 'Wrong email or password.');
    await fillSignIn(page, email, fresh);
    await heading(page, 'All notes (0)').waitFor();

    // The link works once.
    await signOut(page);
    await page.goto(link.path);
    await page.getByLabel('New password', { exact: true }).fill('yet another one 3');
    await page.getByLabel('Repeat new password').fill('yet another one 3');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.locator('.form-error').waitFor();
    assert.match(await page.locator('.form-error').textContent(), /invalid or has expired/);
    assertNoProblems(page);
  });

  test('settings: change password (server field errors shown), then delete the account', async () => {
    const page = await newPage();
    const email = uniqueEmail('settings');
    await signUp(page, email);
    await page.getByRole('link', { name: 'Account settings' }).click();
    await heading(page, 'Account settings').waitFor();
    assert.match(await page.locator('main').innerText(), new RegExp(`Signed in as ${email.replace(/[.+]/g, '\\$&')}`));
    await screenshot(page, 'settings');

    // Wrong current password: the API's 422 errors.current_password appears next to that field.
    const next = 'changed password 9';
    await page.getByLabel('Current password').fill('not my password');
    await page.getByLabel('New password', { exact: true }).fill(next);
    await page.getByLabel('Repeat new password').fill(next);
    await page.getByRole('button', { name: 'Change password' }).click();
    const current = page.getByLabel('Current password');
    await page.locator('#current_password-error').waitFor();
    assert.equal(await page.locator('#current_password-error').textContent(), 'Current password is not correct.');
    assert.equal(await current.getAttribute('aria-invalid'), 'true');
    assert.equal(await current.getAttribute('aria-describedby'), 'current_password-error');
    assert.ok(await current.evaluate((el) => el === document.activeElement), 'focus moves to the wrong field');

    await current.fill(PASSWORD);
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.locator('.flash').waitFor();
    assert.equal(await flash(page).textContent(), 'Your password was changed.');
    assert.equal(await page.getByLabel('Current password').inputValue(), '', 'the form is cleared');
    assert.equal(await page.locator('#current_password-error').count(), 0);
    // The session goes on with the fresh token pair, across a reload.
    await page.reload();
    await heading(page, 'Account settings').waitFor();

    // Delete account: a confirmation screen asking for the password.
    await page.getByRole('link', { name: 'Delete account…' }).click();
    await heading(page, 'Delete account').waitFor();
    await page.getByLabel('Your password').fill('wrong password');
    await page.getByRole('button', { name: 'Yes, delete my account' }).click();
    await page.locator('#password-error').waitFor();
    await page.getByLabel('Your password').fill(next);
    await page.getByRole('button', { name: 'Yes, delete my account' }).click();
    await heading(page, 'Sign in').waitFor();
    assert.match(await flash(page).textContent(), /account and all its notes were deleted/);
    await page.goto('/');
    await heading(page, 'Sign in').waitFor();
    await fillSignIn(page, email, next);
    await page.locator('.form-error').waitFor();
    assert.equal(await page.locator('.form-error').textContent(), 'Wrong email or password.');
    assertNoProblems(page);
  });

  test('sign-up shows the server\'s per-field error for an email already taken', async () => {
    const page = await newPage();
    const email = uniqueEmail('taken');
    await signUp(page, email);
    await signOut(page);
    await page.goto('/signup');
    await page.getByLabel('Email').fill(email.toUpperCase());
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByLabel('Repeat password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign up' }).click();
    // The API's 422 errors.email ("is already registered") is shown as a sentence under the Email field.
    await page.locator('#email-error').waitFor();
    assert.equal(await page.locator('#email-error').textContent(), 'Email is already registered.');
    assert.equal(await page.getByLabel('Email').getAttribute('aria-invalid'), 'true');
    assert.equal(await heading(page, 'Sign up').count(), 1, 'still on the sign-up page');
    await signIn(page, email);
    assertNoProblems(page);
  });
}
