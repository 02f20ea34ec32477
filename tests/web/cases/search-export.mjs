// The search box (words in the URL like the order, any script, inside a pad too) and "Download my data" on the
// settings page (the downloaded file holds every note byte for byte).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { ctx, newPage } from '../lib/context.mjs';
import { apiPost, apiSignIn, assertNoProblems, heading, signUp, uniqueEmail } from '../lib/app.mjs';

async function expectRows(page, names) {
  await page.waitForFunction((want) => {
    const got = [...document.querySelectorAll('table.notes tbody td.note-name')].map((td) => td.textContent);
    return JSON.stringify(got) === JSON.stringify(want);
  }, names);
}

async function searchFor(page, words) {
  await page.getByRole('searchbox', { name: 'Search notes' }).fill(words);
  await page.getByRole('button', { name: 'Search' }).click();
}

export function searchExportTests() {
  test('search box: words in the URL with the order, any script, inside a pad, cleared again', async () => {
    const page = await newPage();
    const email = uniqueEmail('search');
    await signUp(page, email);
    const token = await apiSignIn(ctx.baseUrl, email);
    const pad = await apiPost(ctx.baseUrl, token, '/pads', { name: 'Kitchen' });
    await apiPost(ctx.baseUrl, token, '/notes', { name: 'Pancakes', text: 'eggs, milk, FLOUR', pad_id: pad.id });
    await apiPost(ctx.baseUrl, token, '/notes', { name: 'Bread', text: 'flour and water', pad_id: pad.id });
    await apiPost(ctx.baseUrl, token, '/notes', { name: 'Loose flour', text: 'in no pad' });
    await apiPost(ctx.baseUrl, token, '/notes', { name: 'Καλημέρα', text: 'Ο ΚΌΣΜΟΣ' });

    await page.goto('/');
    await searchFor(page, 'flour');
    await heading(page, 'Notes matching “flour” (3)').waitFor();
    await expectRows(page, ['Loose flour', 'Bread', 'Pancakes']);
    assert.equal(new URL(page.url()).search, '?q=flour');

    await page.locator('table.notes thead th a', { hasText: 'Note' }).click();
    await expectRows(page, ['Bread', 'Loose flour', 'Pancakes']);
    assert.equal(new URL(page.url()).search, '?order=name&q=flour', 'sorting keeps the search');
    await searchFor(page, 'flour milk');
    await expectRows(page, ['Pancakes']);
    assert.equal(new URL(page.url()).search, '?order=name&q=flour+milk', 'searching keeps the order');
    await page.reload();
    await expectRows(page, ['Pancakes']);
    assert.equal(await page.getByRole('searchbox', { name: 'Search notes' }).inputValue(), 'flour milk');

    await searchFor(page, 'καλημερα κοσμος');
    await expectRows(page, ['Καλημέρα']);
    await searchFor(page, 'nothing-here');
    await page.getByText('No notes match “nothing-here”.').waitFor();
    await page.goBack();
    await expectRows(page, ['Καλημέρα']);

    await page.goto(`/pads/${pad.id}`);
    await searchFor(page, 'flour');
    await expectRows(page, ['Bread', 'Pancakes']);
    assert.equal(new URL(page.url()).pathname, `/pads/${pad.id}`);
    await page.getByRole('link', { name: 'Clear search' }).click();
    assert.equal(new URL(page.url()).search, '');
    await expectRows(page, ['Bread', 'Pancakes']);
    assertNoProblems(page);
  });

  test('settings: "Download my data" saves every note, byte for byte', async () => {
    const page = await newPage();
    const email = uniqueEmail('export');
    await signUp(page, email);
    const token = await apiSignIn(ctx.baseUrl, email);
    const texts = ['plain', 'quotes " \' \\ and </script>', 'Καλημέρα 東京 🎉\n\ttabbed', ''];
    const made = [];
    for (const [i, text] of texts.entries()) made.push(await apiPost(ctx.baseUrl, token, '/notes', { name: `n${i}`, text }));

    await page.getByRole('link', { name: 'Account settings' }).click();
    await heading(page, 'Account settings').waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download my data' }).click(),
    ]);
    assert.equal(download.suggestedFilename(), 'notejam-export.json');
    const doc = JSON.parse(await readFile(await download.path(), 'utf8'));
    assert.equal(doc.user.email, email);
    assert.deepEqual(doc.notes.map((n) => [n.id, n.name, n.text]), made.map((n, i) => [n.id, `n${i}`, texts[i]]));
    assert.ok(page.apiCalls.includes('GET /api/v1/me/export -> 200'));
    assertNoProblems(page);
  });
}
