// Two pages editing one note (two devices of one user): the second save does not silently overwrite the first; it
// shows the newer version and lets the user keep theirs or take the newer one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { ctx, newPage } from '../lib/context.mjs';
import {
  apiPost, apiSignIn, assertNoProblems, flash, heading, screenshot, signIn, signUp, uniqueEmail,
} from '../lib/app.mjs';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

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

  test('deleting a note that was changed since the page opened is refused with a message; the note stays', async () => {
    const page = await newPage();
    const email = uniqueEmail('conflict-delete');
    await signUp(page, email);
    const token = await apiSignIn(ctx.baseUrl, email);
    const note = await apiPost(ctx.baseUrl, token, '/notes', { name: 'Keep me', text: 'v1' });
    await page.goto(`/notes/${note.id}/delete`);
    await heading(page, 'Delete note “Keep me”?').waitFor();
    const res = await fetch(`${ctx.baseUrl}/api/v1/notes/${note.id}`, {
      method: 'PATCH', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ text: 'v2, written elsewhere' }),
    });
    assert.equal(res.status, 200);
    await page.getByRole('button', { name: 'Yes, delete note' }).click();
    await page.getByText('This note was changed since you opened this page').waitFor();
    assert.equal(await noteText(token, note.id), 'v2, written elsewhere', 'not deleted');
    await page.reload();
    await page.getByRole('button', { name: 'Yes, delete note' }).click();
    await heading(page, /^All notes/).waitFor();
    const gone = await fetch(`${ctx.baseUrl}/api/v1/notes/${note.id}`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(gone.status, 404, 'deleted once the user saw the current version');
    assertNoProblems(page);
  });

  test('renaming a pad renamed elsewhere meanwhile says to what; a second Save uses the user\'s name', async () => {
    const page = await newPage();
    const email = uniqueEmail('conflict-pad');
    await signUp(page, email);
    const token = await apiSignIn(ctx.baseUrl, email);
    const pad = await apiPost(ctx.baseUrl, token, '/pads', { name: 'Ideas' });
    await page.goto(`/pads/${pad.id}/edit`);
    await heading(page, 'Pad settings').waitFor();
    const res = await fetch(`${ctx.baseUrl}/api/v1/pads/${pad.id}`, {
      method: 'PATCH', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ name: 'Ideas (phone)' }),
    });
    assert.equal(res.status, 200);
    await page.getByLabel('Name').fill('Ideas (laptop)');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('This pad was renamed to “Ideas (phone)” elsewhere').waitFor();
    const now = async () => (await (await fetch(`${ctx.baseUrl}/api/v1/pads/${pad.id}`, { headers: { authorization: `Bearer ${token}` } })).json()).name;
    assert.equal(await now(), 'Ideas (phone)', 'the refused rename changed nothing');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await heading(page, 'Ideas (laptop) (0)').waitFor();
    assert.equal(await now(), 'Ideas (laptop)');
    assertNoProblems(page);
  });

  test('the conflict panel passes an axe-core audit and is screenshotted (note-conflict.png)', async () => {
    const page = await newPage({ bypassCSP: true }); // injecting axe needs an inline script
    const email = uniqueEmail('conflict-axe');
    await signUp(page, email);
    const token = await apiSignIn(ctx.baseUrl, email);
    const note = await apiPost(ctx.baseUrl, token, '/notes', { name: 'Plan', text: 'first\nsecond line' });
    await openEditor(page, note.id);
    const res = await fetch(`${ctx.baseUrl}/api/v1/notes/${note.id}`, {
      method: 'PATCH', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ text: 'changed on another device' }),
    });
    assert.equal(res.status, 200);
    await save(page, 'my version');
    await page.getByRole('heading', { level: 2, name: 'This note was changed elsewhere' }).waitFor();
    await screenshot(page, 'note-conflict');
    await page.addScriptTag({ content: AXE });
    const result = await page.evaluate(() => window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    }));
    assert.deepEqual(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`), []);
  });
}
