// helm lint --strict and helm template for every chart in every environment, with Helm 3 and Helm 4; both
// versions must render the same objects.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CHART_ENVS, HELMS, lint, render, runHelm } from './lib/helm.mjs';

test('the pinned Helm binaries are Helm 3.18 and Helm 4.1', async () => {
  assert.match((await runHelm('helm3', ['version', '--short'])).stdout, /^v3\.18\./);
  assert.match((await runHelm('helm4', ['version', '--short'])).stdout, /^v4\.1\./);
});

for (const [chart, envs] of Object.entries(CHART_ENVS)) {
  for (const env of envs) {
    for (const which of Object.keys(HELMS)) {
      test(`${which} lint --strict ${chart} (${env})`, async () => {
        const { code, stdout, stderr } = await lint(which, chart, { env });
        assert.equal(code, 0, `${stdout}\n${stderr}`);
        assert.match(stdout, /1 chart\(s\) linted, 0 chart\(s\) failed/);
      });
    }
    test(`helm template ${chart} (${env}): Helm 3 and Helm 4 render the same objects`, async () => {
      const [three, four] = await Promise.all([render('helm3', chart, { env }), render('helm4', chart, { env })]);
      assert.ok(four.length >= 3, `only ${four.length} objects rendered`);
      assert.deepEqual(three, four);
    });
  }
}
