// The API reference page /api/docs (web/docs, served by the API from NOTEJAM_DOCS_ROOT): every operation of the
// served description is on the page, "Try it out" signs in and then runs an authorized request on this origin with
// the token sign-in returned, a pasted token works too, all under the strict CSP. The SPA links to it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ctx, newPage } from '../lib/context.mjs';
import { PASSWORD, assertNoProblems, screenshot, uniqueEmail } from '../lib/app.mjs';

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];
const SLOW = 30000; // Swagger UI is a 1.6 MB script: parsing it on a busy 2-core runner takes seconds

/** A page for the reference: a longer default timeout than the SPA's pages. */
async function docsPage() {
  const page = await newPage();
  page.setDefaultTimeout(SLOW);
  return page;
}

async function operations() {
  const spec = await (await fetch(`${ctx.baseUrl}/api/v1/openapi.json`)).json();
  return Object.values(spec.paths).flatMap((item) => METHODS.filter((m) => item[m]).map((m) => item[m]));
}

/** A user made through the API (faster than the SPA's sign-up page); resolves with its access token. */
async function apiSignUp(email) {
  const res = await fetch(`${ctx.baseUrl}/api/v1/auth/signup`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: PASSWORD }),
  });
  assert.equal(res.status, 201, `API sign-up for ${email}`);
  return (await res.json()).access_token;
}

/** Opens an operation (once), presses "Try it out", fills the JSON body if given, executes; returns the status and
 * response text the page shows for the request it sent. */
async function tryIt(page, op, path, body) {
  const block = page.locator(`#operations-${op.tags[0]}-${op.operationId}`);
  if (!(await block.getAttribute('class')).includes('is-open')) await block.locator('.opblock-summary-control').click();
  const toggle = block.locator('button.try-out__btn'); // "Try it out", then "Cancel"
  if ((await toggle.innerText()).trim() === 'Try it out') await toggle.click();
  if (body !== undefined) await block.locator('textarea.body-param__text').fill(JSON.stringify(body));
  const answered = page.waitForResponse((r) => new URL(r.url()).pathname === path, { timeout: SLOW });
  await block.getByRole('button', { name: 'Execute' }).click();
  const status = (await answered).status();
  const row = block.locator('.live-responses-table tr.response');
  await row.locator('.response-col_status', { hasText: String(status) }).waitFor();
  return { status, text: await row.locator('.response-col_description pre').first().innerText() };
}

export function apiDocsTests() {
  test('/api/docs lists every operation, signs in from the page and runs a request with that token', async () => {
    const email = uniqueEmail('docs');
    await apiSignUp(email);
    const ops = await operations();
    const byId = Object.fromEntries(ops.map((o) => [o.operationId, o]));

    const page = await docsPage();
    await page.goto('/api/docs');
    await page.locator('.opblock').first().waitFor();
    const shown = await page.locator('.opblock .opblock-summary-operation-id').allInnerTexts();
    assert.deepEqual(shown.map((s) => s.trim()).sort(), ops.map((o) => o.operationId).sort(), 'every operation shown');
    assert.equal(await page.locator('.opblock').count(), ops.length);

    const before = await tryIt(page, byId.getMe, '/api/v1/me');
    assert.equal(before.status, 401, 'no token yet');
    const signin = await tryIt(page, byId.signIn, '/api/v1/auth/signin', { email, password: PASSWORD });
    assert.equal(signin.status, 200, signin.text);
    const me = await tryIt(page, byId.getMe, '/api/v1/me');
    assert.equal(me.status, 200, me.text);
    assert.equal(JSON.parse(me.text).email, email);
    assert.equal(await page.evaluate(() => localStorage.length + sessionStorage.length), 0, 'the token is kept in memory only');
    assert.ok(page.apiCalls.includes('POST /api/v1/auth/signin -> 200'), page.apiCalls.join('\n'));
    assert.ok(page.apiCalls.includes('GET /api/v1/me -> 200'), page.apiCalls.join('\n'));
    await screenshot(page, 'api-docs');
    assertNoProblems(page);
  });

  test('the SPA links to /api/docs, where a pasted bearer token authorizes "Try it out"', async () => {
    const token = await apiSignUp(uniqueEmail('docs-paste'));
    const listPads = (await operations()).find((o) => o.operationId === 'listPads');

    const page = await docsPage();
    await page.goto('/signin');
    const link = page.getByRole('link', { name: 'API reference' });
    assert.equal(await link.getAttribute('href'), '/api/docs');
    await link.click();
    await page.locator('.opblock').first().waitFor();
    assert.equal(new URL(page.url()).pathname, '/api/docs');
    await page.getByRole('button', { name: /Authorize/ }).first().click();
    const dialog = page.locator('.dialog-ux');
    const bearer = dialog.locator('form', { hasText: 'bearerAuth' });
    await bearer.getByLabel('auth-bearer-value').fill(token);
    await bearer.getByRole('button', { name: 'Apply credentials' }).click();
    await bearer.locator('button.btn-done').click();
    const res = await tryIt(page, listPads, '/api/v1/pads');
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(JSON.parse(res.text), { items: [], next_cursor: null });
    assertNoProblems(page);
  });
}
