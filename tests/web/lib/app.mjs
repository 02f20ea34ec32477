// Helpers that act like a person in the SPA (sign up, create a pad...) plus direct API calls used only to set up
// data quickly (55 notes for "Load more"), and artefact screenshots checked to be non-blank.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { imageStats } from './png.mjs';

export const PASSWORD = 'correct horse 1';
export const ARTIFACTS = join(dirname(fileURLToPath(import.meta.url)), '../../artifacts/web');

let counter = 0;
export const uniqueEmail = (who) => `${who}-${process.pid}-${Date.now()}-${++counter}@example.com`;

export const heading = (page, name) => page.getByRole('heading', { level: 1, name });
export const flash = (page) => page.locator('.flash');

export async function signUp(page, email, password = PASSWORD) {
  await page.goto('/signup');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByLabel('Repeat password').fill(password);
  await page.getByRole('button', { name: 'Sign up' }).click();
  await heading(page, /^All notes/).waitFor();
}

/** Fills the sign-in form on the current page (call after reaching /signin). */
export async function fillSignIn(page, email, password = PASSWORD) {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

export async function signIn(page, email, password = PASSWORD) {
  await page.goto('/signin');
  await fillSignIn(page, email, password);
  await heading(page, /^All notes/).waitFor();
}

export async function signOut(page) {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await heading(page, 'Sign in').waitFor();
}

/** Creates a pad from the sidebar; returns its id. */
export async function createPad(page, name) {
  await page.getByRole('link', { name: 'New pad' }).click();
  await heading(page, 'New pad').waitFor();
  await page.getByLabel('Name').fill(name);
  await page.getByRole('button', { name: 'Create pad' }).click();
  await heading(page, `${name} (0)`).waitFor();
  return Number(new URL(page.url()).pathname.split('/')[2]);
}

/** Creates a note from the current page's "New note" button; returns its id. */
export async function createNote(page, { name, text = '', pad }) {
  await page.getByRole('link', { name: 'New note' }).click();
  await heading(page, 'New note').waitFor();
  await page.getByLabel('Name').fill(name);
  if (pad !== undefined) await page.getByLabel('Pad', { exact: true }).selectOption({ label: pad });
  await page.getByLabel('Text').fill(text);
  await page.getByRole('button', { name: 'Create note' }).click();
  await heading(page, name).waitFor();
  return Number(new URL(page.url()).pathname.split('/')[2]);
}

/** The names in the notes table, read once the list has loaded (its table or its empty state shows). */
export async function rowNames(page) {
  await page.locator('table.notes, p.empty').first().waitFor();
  return page.locator('table.notes tbody td.note-name').allTextContents();
}

/** Saves a full-page screenshot under tests/artifacts/web/ and checks it shows something. */
export async function screenshot(page, name) {
  mkdirSync(ARTIFACTS, { recursive: true });
  const png = await page.screenshot({ fullPage: true });
  writeFileSync(join(ARTIFACTS, `${name}.png`), png);
  const stats = imageStats(png);
  assert.ok(stats.colours >= 16 && stats.inkShare >= 0.03,
    `screenshot ${name} looks blank: ${JSON.stringify(stats)}`);
  return stats;
}

/** API helpers (JSON over fetch) for test data only; the browser never sees these tokens. */
export async function apiSignIn(baseUrl, email, password = PASSWORD) {
  const res = await fetch(`${baseUrl}/api/v1/auth/signin`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }),
  });
  assert.equal(res.status, 200, `API sign-in for ${email}`);
  return (await res.json()).access_token;
}

export async function apiPost(baseUrl, token, path, body) {
  const res = await fetch(`${baseUrl}/api/v1${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  assert.equal(res.status, 201, `POST ${path}`);
  return res.json();
}

/** The app must never have hit a CSP violation or an uncaught error. */
export function assertNoProblems(page) {
  assert.deepEqual(page.problems, [], 'CSP violations or page errors');
}

/** Writes text next to the screenshots (e.g. the axe report). */
export function saveArtifact(name, text) {
  mkdirSync(ARTIFACTS, { recursive: true });
  writeFileSync(join(ARTIFACTS, name), text);
}
