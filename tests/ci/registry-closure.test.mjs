// The registry holds exactly what the pipeline pushes: the repositories Terraform creates
// (terraform/environments/_shared/main.tf, registry_repositories) against the images image-publish.sh pushes (the
// package:image matrix and lint's CI builder, as $IMAGE_PREFIX-<name>) and the chart chart-publish.sh pushes
// (oci://$ECR_REGISTRY/charts + the chart's name). A push to a missing repository fails the job; a repository
// nothing pushes to is an image nobody builds, scans or deploys.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import YAML from 'yaml';
import { repoRoot } from './lib/gcl.mjs';

const read = (f) => readFile(path.join(repoRoot, f), 'utf8');
const customTags = [{ tag: '!reference', collection: 'seq', resolve: (seq) => seq.toJSON() }];
const yaml = async (f) => YAML.parse(await read(f), { customTags });

async function pushed() {
  const prefix = (await yaml('.gitlab-ci.yml')).variables.IMAGE_PREFIX;
  const names = [];
  for (const f of ['ci/package.yml', 'ci/lint.yml']) {
    for (const job of Object.values(await yaml(f))) {
      const script = [job?.script ?? []].flat().join('\n');
      for (const m of script.matchAll(/ci\/bin\/image-publish\.sh\s+("?\$IMAGE"?|[\w-]+)/g)) {
        names.push(...(m[1].includes('$IMAGE') ? job.parallel.matrix.flatMap((row) => [row.IMAGE].flat()) : [m[1]]));
      }
      if (/ci\/bin\/chart-publish\.sh/.test(script)) {
        const chart = YAML.parse(await read('charts/notejam/Chart.yaml')).name;
        const oci = /oci:\/\/\$ECR_REGISTRY\/([\w/-]+)/.exec(await read('ci/bin/chart-publish.sh'))[1];
        names.push(`=${oci}/${chart}`);
      }
    }
  }
  return names.map((n) => (n.startsWith('=') ? n.slice(1) : `${prefix}-${n}`)).sort();
}

async function created() {
  const main = await read('terraform/environments/_shared/main.tf');
  const list = /registry_repositories\s*=\s*\[([^\]]*)\]/.exec(main);
  assert.ok(list, '_shared/main.tf no longer names registry_repositories');
  return [...list[1].matchAll(/"([^"]+)"/g)].map((m) => m[1]).sort();
}

test('Terraform creates exactly the repositories the pipeline pushes to', async () => {
  const [p, c] = await Promise.all([pushed(), created()]);
  assert.ok(p.length >= 3, `found only ${p} pushed`);
  assert.deepEqual(c, p);
});

test('the registry module has no list of its own: the environment root names the repositories once', async () => {
  const vars = await read('terraform/modules/registry/variables.tf');
  const block = vars.slice(vars.indexOf('variable "repositories"'));
  assert.doesNotMatch(block.slice(0, block.indexOf('\n}')), /default\s*=/);
});
