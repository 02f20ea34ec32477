// Two tabs of one browser (one cookie jar) reload at the same moment: both restore the session from the same
// refresh cookie at once. Before the API's concurrent refresh grace, the second exchange counted as token reuse
// and signed the user out of both. Both refresh requests are held until both have been sent, so they really race.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newPage } from '../lib/context.mjs';
import { createPad, heading, signUp, uniqueEmail } from '../lib/app.mjs';

export function tabTests() {
  test('two tabs refreshing together stay signed in', async () => {
    const first = await newPage();
    await signUp(first, uniqueEmail('tabs'));
    const padId = await createPad(first, 'Two tabs');
    const second = await first.context().newPage();
    second.setDefaultTimeout(10000);
    await second.goto(`/pads/${padId}`);
    await heading(second, 'Two tabs (0)').waitFor();

    const statuses = [];
    let arrived = 0, release;
    const bothSent = new Promise((r) => (release = r));
    for (const page of [first, second]) {
      await page.route('**/api/v1/auth/refresh', async (route) => {
        if (++arrived === 2) release();
        await bothSent; // both requests carry the same cookie now
        const res = await route.fetch();
        statuses.push(res.status());
        await route.fulfill({ response: res });
      });
    }
    await Promise.all([first.reload(), second.reload()]);
    for (const page of [first, second]) await heading(page, 'Two tabs (0)').waitFor();
    assert.deepEqual(statuses, [200, 200]);
    for (const page of [first, second]) await page.unroute('**/api/v1/auth/refresh');

    // the session survived in both: each tab restores it again, one after the other
    for (const page of [first, second]) {
      await page.reload();
      await heading(page, 'Two tabs (0)').waitFor();
    }
  });
}
