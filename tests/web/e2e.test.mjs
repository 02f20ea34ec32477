// End-to-end tests of the Notejam SPA in Debian's Chromium against the real stack (API, PostgreSQL, Redis).
import { after, afterEach, before, describe } from 'node:test';
import { closePages, setup, teardown } from './lib/context.mjs';
import { journeyTests } from './cases/journey.mjs';
import { listTests } from './cases/lists.mjs';
import { expiryTests, prepareExpiry, sessionTests } from './cases/session.mjs';
import { accountTests } from './cases/account.mjs';
import { uiTests } from './cases/ui.mjs';
import { tabTests } from './cases/tabs.mjs';
import { conflictTests } from './cases/conflict.mjs';
import { searchExportTests } from './cases/search-export.mjs';
import { apiDocsTests } from './cases/apidocs.mjs';

describe('Notejam web app in Chromium', { timeout: 600000 }, () => {
  before(async () => {
    await setup();
    await prepareExpiry();
  }, { timeout: 180000 });
  afterEach(closePages);
  after(teardown);
  journeyTests();
  listTests();
  sessionTests();
  accountTests();
  uiTests();
  tabTests();
  conflictTests();
  searchExportTests();
  apiDocsTests();
  expiryTests(); // last: their access tokens expire while the tests above run
});
