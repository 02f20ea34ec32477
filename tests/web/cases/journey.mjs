// Two people use Notejam side by side: every main screen, flash messages, and ids of the other user -> Not found.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newPage } from '../lib/context.mjs';
import {
  assertNoProblems, createNote, createPad, flash, heading, rowNames, screenshot, signUp, uniqueEmail,
} from '../lib/app.mjs';

export function journeyTests() {
  test('two users: sign up, pads, notes, edit, rename, and each other\'s ids are Not found', async () => {
    const ann = await newPage();
    await ann.goto('/');
    await heading(ann, 'Sign in').waitFor();
    assert.match(ann.url(), /\/signin$/);
    await screenshot(ann, 'signin');

    const annEmail = uniqueEmail('ann');
    await signUp(ann, annEmail);
    assert.match(await flash(ann).textContent(), /Welcome to Notejam/);
    await heading(ann, 'All notes (0)').waitFor();
    await ann.getByRole('link', { name: 'Create your first note.' }).waitFor();

    // A pad from the sidebar; its empty page offers the first note, preselecting the pad.
    const work = await createPad(ann, 'Work');
    assert.equal(await flash(ann).textContent(), 'Pad created.');
    await ann.getByRole('link', { name: 'Create first note in the pad.' }).waitFor();
    await ann.getByRole('link', { name: 'New note' }).click();
    await heading(ann, 'New note').waitFor();
    assert.equal(new URL(ann.url()).search, `?pad=${work}`);
    assert.equal(await ann.getByLabel('Pad', { exact: true }).inputValue(), String(work), 'pad preselected from the pad page');
    await ann.getByLabel('Name').fill('Meeting');
    await ann.getByLabel('Text').fill('first line\nsecond line\n\n  indented');
    await ann.getByRole('button', { name: 'Create note' }).click();
    await heading(ann, 'Meeting').waitFor();
    const meeting = Number(new URL(ann.url()).pathname.split('/')[2]);
    assert.equal(await flash(ann).textContent(), 'Note created.');
    // The note page: text with its line breaks, the pad, "Last edited Today at HH:MM".
    const text = ann.locator('.note-text');
    assert.equal(await text.innerText(), 'first line\nsecond line\n\n  indented');
    assert.equal(await text.evaluate((el) => getComputedStyle(el).whiteSpace), 'pre-wrap');
    assert.match(await ann.locator('.meta').innerText(), /^In Work · Last edited Today at \d\d:\d\d$/);
    await screenshot(ann, 'note');

    // Pad page and its count.
    await ann.getByRole('link', { name: 'Work' }).first().click();
    await heading(ann, 'Work (1)').waitFor();
    assert.deepEqual(await rowNames(ann), ['Meeting']);
    await screenshot(ann, 'pad');

    // A note without a pad from All notes; the table shows Note | Pad | Last modified.
    await ann.getByRole('link', { name: 'All notes' }).click();
    await heading(ann, 'All notes (1)').waitFor();
    await createNote(ann, { name: 'Groceries', text: 'milk' });
    assert.match(await ann.locator('.meta').innerText(), /^No pad · Last edited Today at/);
    await ann.getByRole('link', { name: 'All notes' }).click();
    await heading(ann, 'All notes (2)').waitFor();
    const heads = await ann.locator('table.notes thead th').allInnerTexts();
    assert.deepEqual(heads.map((t) => t.split(',')[0].replace(/[▲▼]/g, '').trim()), ['Note', 'Pad', 'Last modified']);
    const rows = await ann.locator('table.notes tbody tr').evaluateAll((trs) => trs.map((tr) =>
      [...tr.cells].map((c) => c.innerText)));
    assert.equal(rows.length, 2);
    assert.deepEqual(rows.map((r) => r[0]), ['Groceries', 'Meeting']);
    assert.deepEqual(rows.map((r) => r[1]), ['No pad', 'Work']);
    for (const r of rows) assert.match(r[2], /^Today at \d\d:\d\d$/);
    await screenshot(ann, 'all-notes');

    // Edit: rename and move out of the pad.
    await ann.getByRole('link', { name: 'Meeting' }).click();
    await ann.getByRole('link', { name: 'Edit' }).click();
    await heading(ann, 'Edit note').waitFor();
    assert.equal(await ann.getByLabel('Name').inputValue(), 'Meeting');
    await ann.getByLabel('Name').fill('Meeting notes');
    await ann.getByLabel('Pad', { exact: true }).selectOption({ label: 'No pad' });
    await ann.getByRole('button', { name: 'Save' }).click();
    await heading(ann, 'Meeting notes').waitFor();
    assert.equal(await flash(ann).textContent(), 'Note saved.');
    assert.match(await ann.locator('.meta').innerText(), /^No pad/);

    // Pad settings: rename; the sidebar follows.
    await ann.getByRole('link', { name: 'Work' }).click();
    await heading(ann, 'Work (0)').waitFor();
    await ann.getByRole('link', { name: 'Pad settings' }).click();
    await heading(ann, 'Pad settings').waitFor();
    await ann.getByLabel('Name').fill('Office');
    await ann.getByRole('button', { name: 'Save' }).click();
    await heading(ann, 'Office (0)').waitFor();
    assert.equal(await flash(ann).textContent(), 'Pad renamed.');
    assert.deepEqual(await ann.locator('.sidebar .pads a').allTextContents(), ['Office']);

    // Delete a note through its confirmation screen.
    await ann.goto('/');
    await ann.getByRole('link', { name: 'Groceries' }).click();
    await ann.getByRole('link', { name: 'Delete' }).click();
    await heading(ann, 'Delete note “Groceries”?').waitFor();
    await ann.getByRole('link', { name: 'Cancel' }).click();
    await heading(ann, 'Groceries').waitFor();
    await ann.getByRole('link', { name: 'Delete' }).click();
    await ann.getByRole('button', { name: 'Yes, delete note' }).click();
    await heading(ann, 'All notes (1)').waitFor();
    assert.equal(await flash(ann).textContent(), 'Note deleted.');

    // Bob: his own empty account; Ann's note and pad ids typed into the URL are Not found.
    const bob = await newPage();
    await signUp(bob, uniqueEmail('bob'));
    await heading(bob, 'All notes (0)').waitFor();
    assert.equal(await bob.locator('.sidebar .pads').count(), 0);
    assert.equal(await bob.getByText('No pads yet.').count(), 1);
    for (const path of [`/notes/${meeting}`, `/notes/${meeting}/edit`, `/notes/${meeting}/delete`, `/pads/${work}`,
      `/pads/${work}/edit`, `/pads/${work}/delete`, '/notes/999999999', '/no/such/page', '/notes/abc']) {
      await bob.goto(path);
      await heading(bob, 'Not found').waitFor();
      assert.equal(await bob.getByText('Meeting notes').count(), 0, path);
      assert.equal(await bob.getByText('Office').count(), 0, path);
    }
    // Bob's note never shows up for Ann.
    await bob.goto('/');
    await createNote(bob, { name: 'Bob private', text: 'secret' });
    await ann.goto('/');
    await heading(ann, 'All notes (1)').waitFor();
    assert.deepEqual(await rowNames(ann), ['Meeting notes']);
    assertNoProblems(ann);
    assertNoProblems(bob);
  });
}
