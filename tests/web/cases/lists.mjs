// Sorting kept in the URL, pad deletion cascading to its notes, and "Load more" on long lists.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ctx, newPage } from '../lib/context.mjs';
import {
  apiPost, apiSignIn, assertNoProblems, createPad, flash, heading, rowNames, signUp, uniqueEmail,
} from '../lib/app.mjs';

const sortLink = (page, column) => page.locator('table.notes thead th a', { hasText: column });
const ariaSort = (page, column) => page.locator('table.notes thead th', { hasText: column }).getAttribute('aria-sort');

async function expectRows(page, names) {
  await page.waitForFunction((want) => {
    const got = [...document.querySelectorAll('table.notes tbody td.note-name')].map((td) => td.textContent);
    return JSON.stringify(got) === JSON.stringify(want);
  }, names);
}

export function listTests() {
  test('sorting by name and by last modified, both ways, kept in the URL', async () => {
    const page = await newPage();
    const email = uniqueEmail('sort');
    await signUp(page, email);
    const token = await apiSignIn(ctx.baseUrl, email);
    const pad = await apiPost(ctx.baseUrl, token, '/pads', { name: 'Letters' });
    for (const name of ['bravo', 'alpha', 'charlie']) {
      await apiPost(ctx.baseUrl, token, '/notes', { name, text: name, pad_id: pad.id });
    }
    for (const base of ['/', `/pads/${pad.id}`]) {
      await page.goto(base);
      await expectRows(page, ['charlie', 'alpha', 'bravo']); // default: newest first
      assert.equal(await ariaSort(page, 'Last modified'), 'descending');

      await sortLink(page, 'Note').click();
      await expectRows(page, ['alpha', 'bravo', 'charlie']);
      assert.equal(new URL(page.url()).search, '?order=name');
      assert.equal(await ariaSort(page, 'Note'), 'ascending');

      await sortLink(page, 'Note').click();
      await expectRows(page, ['charlie', 'bravo', 'alpha']);
      assert.equal(new URL(page.url()).search, '?order=-name');
      assert.equal(await ariaSort(page, 'Note'), 'descending');

      await sortLink(page, 'Last modified').click();
      await expectRows(page, ['charlie', 'alpha', 'bravo']);
      assert.equal(new URL(page.url()).search, '?order=-updated_at');

      await sortLink(page, 'Last modified').click();
      await expectRows(page, ['bravo', 'alpha', 'charlie']);
      assert.equal(new URL(page.url()).search, '?order=updated_at');
      assert.equal(await ariaSort(page, 'Last modified'), 'ascending');

      // The order survives a reload and follows the back button.
      await page.reload();
      await expectRows(page, ['bravo', 'alpha', 'charlie']);
      await page.goBack();
      await expectRows(page, ['charlie', 'alpha', 'bravo']);
      await page.goto(`${base}?order=name`);
      await expectRows(page, ['alpha', 'bravo', 'charlie']);
    }
    assertNoProblems(page);
  });

  test('deleting a pad asks first, then deletes its notes too', async () => {
    const page = await newPage();
    const email = uniqueEmail('cascade');
    await signUp(page, email);
    const token = await apiSignIn(ctx.baseUrl, email);
    const padId = await createPad(page, 'Doomed');
    const inPad = [];
    for (const name of ['one', 'two']) {
      inPad.push(await apiPost(ctx.baseUrl, token, '/notes', { name, text: '', pad_id: padId }));
    }
    await apiPost(ctx.baseUrl, token, '/notes', { name: 'keeper', text: 'stays', pad_id: null });

    await page.goto(`/pads/${padId}`);
    await heading(page, 'Doomed (2)').waitFor();
    await page.getByRole('link', { name: 'Pad settings' }).click();
    await page.getByRole('link', { name: 'Delete pad…' }).click();
    await heading(page, 'Delete pad “Doomed”?').waitFor();
    assert.match(await page.locator('.confirm').innerText(), /Its 2 notes are deleted too\./);
    // Cancel keeps everything.
    await page.getByRole('link', { name: 'Cancel' }).click();
    await heading(page, 'Pad settings').waitFor();
    await page.getByRole('link', { name: 'Delete pad…' }).click();
    await page.getByRole('button', { name: 'Yes, delete pad' }).click();
    await heading(page, 'All notes (1)').waitFor();
    assert.equal(await flash(page).textContent(), 'Pad deleted.');
    assert.deepEqual(await rowNames(page), ['keeper']);
    assert.equal(await page.locator('.sidebar .pads').count(), 0, 'the pad left the sidebar');
    for (const note of inPad) {
      await page.goto(`/notes/${note.id}`);
      await heading(page, 'Not found').waitFor();
    }
    await page.goto(`/pads/${padId}`);
    await heading(page, 'Not found').waitFor();
    assertNoProblems(page);
  });

  test('long lists load more pages on demand, in the chosen order', async () => {
    const page = await newPage();
    const email = uniqueEmail('many');
    await signUp(page, email);
    const token = await apiSignIn(ctx.baseUrl, email);
    const names = Array.from({ length: 55 }, (_, i) => `note ${String(i + 1).padStart(2, '0')}`);
    for (const name of names) await apiPost(ctx.baseUrl, token, '/notes', { name, text: '', pad_id: null });

    await page.goto('/?order=name');
    await page.locator('table.notes tbody tr').nth(49).waitFor();
    assert.equal(await page.locator('table.notes tbody tr').count(), 50);
    await heading(page, 'All notes (55)').waitFor(); // the API's total, before the second page is loaded
    const more = page.getByRole('button', { name: 'Load more' });
    await more.click();
    await page.locator('table.notes tbody tr').nth(54).waitFor();
    assert.deepEqual(await rowNames(page), names, 'the second page continues the first, no gaps or repeats');
    await more.waitFor({ state: 'detached' });
    await heading(page, 'All notes (55)').waitFor();
    assertNoProblems(page);
  });
}
