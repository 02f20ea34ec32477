// Safe rendering of user text, loading and network-error states, a 360 px phone, keyboard-only use and an
// automated accessibility audit (axe-core) of every screen.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { ctx, newPage } from '../lib/context.mjs';
import {
  PASSWORD, apiPost, apiSignIn, assertNoProblems, createNote, createPad, heading, saveArtifact, signUp, uniqueEmail,
} from '../lib/app.mjs';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export function uiTests() {
  test('note names and texts are shown as text, never as HTML', async () => {
    const page = await newPage();
    await signUp(page, uniqueEmail('xss'));
    const name = '<img src=x onerror="window.__xss=1">';
    const text = '<script>window.__xss=2</script>\n<b>not bold</b> & "quotes"';
    const padName = '<svg onload="window.__xss=3">';
    await createPad(page, padName);
    await createNote(page, { name, text, pad: padName });
    assert.equal(await page.locator('h1').textContent(), name);
    assert.equal(await page.locator('.note-text').innerText(), text);
    await page.goto('/');
    await page.getByRole('link', { name }).waitFor();
    assert.equal(await page.locator('main img, main script, main b, main svg, .sidebar svg').count(), 0);
    assert.equal(await page.evaluate(() => window.__xss), undefined);
    assertNoProblems(page);
  });

  test('loading and network-error states, with a working "Try again"', async () => {
    const page = await newPage();
    await signUp(page, uniqueEmail('offline'));
    await createNote(page, { name: 'Survivor', text: '' });

    // Hold the notes request to see the loading state, then let it through.
    let release;
    const held = new Promise((r) => { release = r; });
    await page.route('**/api/v1/notes?*', async (route) => { await held; await route.continue(); });
    await page.goto('/');
    await page.getByRole('status').filter({ hasText: 'Loading notes…' }).waitFor();
    release();
    await page.getByRole('link', { name: 'Survivor' }).waitFor();
    await page.unroute('**/api/v1/notes?*');

    // The network drops: an error the user can retry, not a blank page or a sign-out.
    await page.route('**/api/v1/notes/*', (route) => route.abort('internetdisconnected'));
    await page.getByRole('link', { name: 'Survivor' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'Could not reach Notejam' });
    await alert.waitFor();
    await page.unroute('**/api/v1/notes/*');
    await alert.getByRole('button', { name: 'Try again' }).click();
    await heading(page, 'Survivor').waitFor();

    // A form submit while offline keeps what was typed and says why it failed.
    await page.getByRole('link', { name: 'Edit' }).click();
    await page.getByLabel('Name').fill('Survivor 2');
    await page.route('**/api/v1/notes/*', (route) => route.abort('internetdisconnected'));
    await page.getByRole('button', { name: 'Save' }).click();
    await page.locator('.form-error').filter({ hasText: 'Could not reach Notejam' }).waitFor();
    assert.equal(await page.getByLabel('Name').inputValue(), 'Survivor 2');
    await page.unroute('**/api/v1/notes/*');
    await page.getByRole('button', { name: 'Save' }).click();
    await heading(page, 'Survivor 2').waitFor();
    assertNoProblems(page);
  });

  test('a 360 px phone: no sideways scrolling, everything reachable', async () => {
    const page = await newPage({ width: 360, height: 740 });
    const email = uniqueEmail('phone');
    await signUp(page, email);
    const token = await apiSignIn(ctx.baseUrl, email);
    const pad = await apiPost(ctx.baseUrl, token, '/pads', { name: 'A rather long pad name for a small phone' });
    await apiPost(ctx.baseUrl, token, '/notes', {
      name: 'Averyveryverylongnotenamewithoutanyspacesthatmustwrapsomehow', text: 'x '.repeat(300), pad_id: pad.id,
    });
    for (const path of ['/', `/pads/${pad.id}`, '/notes/new', '/settings']) {
      await page.goto(path);
      await page.locator('main h1').waitFor();
      await page.locator('.loading').waitFor({ state: 'detached' });
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 360, `${path} scrolls sideways: ${width}px`);
      await page.getByRole('link', { name: 'New pad' }).waitFor(); // the sidebar is still there
    }
    assertNoProblems(page);
  });

  test('keyboard only: skip link, sign in, open a note', async () => {
    const page = await newPage();
    const email = uniqueEmail('keys');
    await signUp(page, email);
    await createNote(page, { name: 'Typed', text: 'by keyboard' });
    await page.context().clearCookies();
    await page.goto('/signin');
    await heading(page, 'Sign in').waitFor();
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Skip to content');
    await page.keyboard.press('Enter');
    // From the main content, the form fields come in reading order.
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'email');
    await page.keyboard.type(email);
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'password');
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    await heading(page, 'All notes (1)').waitFor();
    // Focus moved to the new page's content; tabbing reaches the note link; Enter opens it.
    assert.equal(await page.evaluate(() => document.activeElement.id), 'main');
    for (let i = 0; i < 10; i++) {
      await page.keyboard.press('Tab');
      if (await page.evaluate(() => document.activeElement.textContent === 'Typed')) break;
    }
    await page.keyboard.press('Enter');
    await heading(page, 'Typed').waitFor();
    assertNoProblems(page);
  });

  test('every screen passes an axe-core accessibility audit', async () => {
    // Injecting axe needs an inline script, which the app's CSP rightly forbids: this context bypasses CSP.
    const page = await newPage({ bypassCSP: true });
    const email = uniqueEmail('axe');
    const audit = async (name) => {
      await page.locator('main h1').waitFor();
      await page.locator('.loading').waitFor({ state: 'detached' });
      await page.addScriptTag({ content: AXE });
      const result = await page.evaluate(() => window.axe.run(document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
      }));
      const found = result.violations.map((v) => `${name}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target).join(' ')}`);
      return found;
    };
    const violations = [];
    await page.goto('/signin');
    violations.push(...await audit('signin'));
    await page.getByRole('button', { name: 'Sign in' }).click(); // with field errors shown
    violations.push(...await audit('signin-errors'));
    await page.goto('/signup');
    violations.push(...await audit('signup'));
    await page.goto('/forgot-password');
    violations.push(...await audit('forgot'));
    await signUp(page, email);
    violations.push(...await audit('all-notes-empty'));
    const padId = await createPad(page, 'Audit');
    const noteId = await createNote(page, { name: 'Audited', text: 'text', pad: 'Audit' });
    for (const [name, path] of [['note', `/notes/${noteId}`], ['all-notes', '/'], ['pad', `/pads/${padId}`],
      ['note-edit', `/notes/${noteId}/edit`], ['note-delete', `/notes/${noteId}/delete`],
      ['pad-settings', `/pads/${padId}/edit`], ['pad-delete', `/pads/${padId}/delete`], ['settings', '/settings'],
      ['account-delete', '/settings/delete'], ['not-found', '/notes/999999999']]) {
      await page.goto(path);
      violations.push(...await audit(name));
    }
    saveArtifact('axe.txt', violations.join('\n') || 'no violations\n');
    assert.deepEqual(violations, []);
  });
}
