// helm lint --strict and helm template for every chart in every environment, with Helm 3 and Helm 4; both
// versions must render the same objects.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { join } from 'node:path';
import { CHARTS, CHART_ENVS, envValueFiles, HELMS, lint, render, runHelm } from './lib/helm.mjs';

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

// A client-side dry-run install: NOTES.txt renders and the migration Job is sorted among the hooks. Helm 4
// only: Helm 3's `install --dry-run=client` still contacts a cluster (helm/helm#13144); Helm 3 renders NOTES.txt
// in `helm lint` above, so a template error there fails for both versions.
for (const env of CHART_ENVS.notejam) {
  for (const which of ['helm4']) {
    test(`${which} install --dry-run=client notejam (${env}): NOTES and hooks`, async () => {
      const { code, stdout, stderr } = await runHelm(which, ['install', 'notejam', join(CHARTS, 'notejam'),
        '--namespace', `notejam-${env}`, '--dry-run=client', ...envValueFiles('notejam', env).flatMap((f) => ['-f', f])]);
      assert.equal(code, 0, stderr);
      assert.match(stdout, new RegExp(`Notejam \\S+ \\(${env}\\) is installed as release notejam in namespace notejam-${env}`));
      assert.match(stdout, /kubectl label namespace notejam-\w+ elbv2\.k8s\.aws\/pod-readiness-gate-inject=enabled/);
      const hooks = stdout.slice(stdout.indexOf('HOOKS:'), stdout.indexOf('MANIFEST:'));
      assert.match(hooks, /kind: Job[\s\S]*name: notejam-migrate/);
    });
  }
}
