// One real stack (API + PostgreSQL + Redis on free ports, serving web/dist at /) and one Chromium for the run.
import { resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startStack } from '../../lib/stack.mjs';
import { launch, openPage } from './browser.mjs';

const here = dirname(fileURLToPath(import.meta.url));
export const WEB_ROOT = resolve(process.env.WEB_ROOT || resolve(here, '../../../web/dist'));
// The API reference page (make docs-build), served by the API at /api/docs.
export const DOCS_ROOT = resolve(process.env.DOCS_ROOT || resolve(here, '../../../web/dist-docs'));
export const ACCESS_TTL = 3; // seconds: short, so tests see the access token expire
// The API accepts access tokens up to 30 s past `exp` (clock-skew leeway, api/src/main.c), so a token is refused
// only ACCESS_TTL + JWT_LEEWAY seconds after it was issued.
export const JWT_LEEWAY = 30;

export const ctx = { stack: null, browser: null, baseUrl: null, pages: [] };

export async function setup() {
  ctx.stack = await startStack({
    webRoot: WEB_ROOT,
    env: {
      NOTEJAM_ACCESS_TTL: String(ACCESS_TTL),
      NOTEJAM_COOKIE_SECURE: 'false',
      NOTEJAM_RATE_LIMIT: '1000', // every test signs in from 127.0.0.1
      NOTEJAM_DOCS_ROOT: DOCS_ROOT,
    },
  });
  ctx.baseUrl = ctx.stack.baseUrl;
  ctx.browser = await launch();
}

/** A new browser context (its own cookies) and page on the stack. */
export async function newPage(opts) {
  const page = await openPage(ctx.browser, ctx.baseUrl, opts);
  ctx.pages.push(page);
  return page;
}

export async function teardown() {
  if (ctx.browser) await ctx.browser.close();
  if (ctx.stack) await ctx.stack.stop();
}

/** Closes the contexts the last test opened (afterEach). */
export async function closePages() {
  const pages = ctx.pages.splice(0);
  await Promise.all(pages.map((p) => p.context().close()));
}
