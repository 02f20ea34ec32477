// Two pages editing one note (two devices of one user): the second save does not silently overwrite the first; it
// shows the newer version and lets the user keep theirs or take the newer one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ctx, newPage } from '../lib/context.mjs';
import { apiPost, apiSignIn, assertNoProblems, flash, heading, signIn, signUp, uniqueEmail } from '../lib/app.mjs';

async function noteText(token, id) {
  const res = await fetch(`${ctx.baseUrl}/api/v1/notes/${id}`, { headers: { authorization: `Bearer ${token}` } });
  return (await res.json()).text;
}

async function openEditor(page, id) {
  await page.goto(`/notes/${id}/edit`);
  await heading(page, 'Edit note').waitFor();
}

async function save(page, text) {
  await page.getByLabel('Text').fill(text);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
}

export function conflictTests() {
  test('two pages edit one note: the later save shows the newer version; "Keep mine" and "Take the newer one" both work', async () => {
    const email = uniqueEmail('conflict');
    const laptop = await newPage();
    await signUp(laptop, email);
    const phone = await newPage();
    await signIn(phone, email);
    const token = await apiSignIn(ctx.baseUrl, email);
    const note = await apiPost(ctx.baseUrl, token, '/notes', { name: 'Shopping', text: 'milk' });

    // Round 1: the phone saves first, the laptop's save is refused and the laptop keeps its own text.
    await openEditor(laptop, note.id);
    await openEditor(phone, note.id);
    await save(phone, 'milk, eggs (phone)');
    await heading(phone, 'Shopping').waitFor();
    await save(laptop, 'milk, bread (laptop)');
    const panel = laptop.getByRole('alert').filter({ hasText: 'This note was changed elsewhere' });
    await panel.waitFor();
    assert.equal(await panel.locator('.conflict-text').textContent(), 'milk, eggs (phone)', 'the other version is shown');
    assert.equal(await laptop.getByLabel('Text').inputValue(), 'milk, bread (laptop)', "the user's text is still there");
    assert.equal(await noteText(token, note.id), 'milk, eggs (phone)', 'nothing was overwritten');
    await panel.getByRole('button', { name: 'Keep mine' }).click();
    await heading(laptop, 'Shopping').waitFor();
    assert.equal(await laptop.locator('.note-text').textContent(), 'milk, bread (laptop)');
    assert.equal(await noteText(token, note.id), 'milk, bread (laptop)');

    // Round 2: the laptop saves first now; the phone takes the newer version and its own edit is dropped.
    await openEditor(phone, note.id);
    await openEditor(laptop, note.id);
    await save(laptop, 'bread only (laptop)');
    await heading(laptop, 'Shopping').waitFor();
    await save(phone, 'eggs only (phone)');
    const phonePanel = phone.getByRole('alert').filter({ hasText: 'This note was changed elsewhere' });
    await phonePanel.waitFor();
    assert.equal(await phonePanel.locator('.conflict-text').textContent(), 'bread only (laptop)');
    await phonePanel.getByRole('button', { name: 'Take the newer one' }).click();
    await heading(phone, 'Shopping').waitFor();
    assert.match(await flash(phone).textContent(), /discarded/);
    assert.equal(await phone.locator('.note-text').textContent(), 'bread only (laptop)');
    assert.equal(await noteText(token, note.id), 'bread only (laptop)');

    // Without a competing save, a save is a plain save (no panel).
    await openEditor(phone, note.id);
    await save(phone, 'final');
    await heading(phone, 'Shopping').waitFor();
    assert.equal(await noteText(token, note.id), 'final');
    assertNoProblems(laptop);
    assertNoProblems(phone);
  });
}
