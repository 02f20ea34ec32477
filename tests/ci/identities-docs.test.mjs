// Every IAM role name the docs mention exists in Terraform: the CI roles of terraform/modules/ci-access (per
// environment root in terraform/environments/*), the build role of the registry owner, and the admin roles the
// tfvars give cluster access. Names with <env> are expanded for every environment.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { repoRoot } from './lib/gcl.mjs';

const read = (f) => readFile(path.join(repoRoot, f), 'utf8');
const DOCS = ['docs/ci-cd.md', 'docs/disaster-recovery.md', 'terraform/README.md'];

async function terraformRoleNames() {
  const ciAccess = await read('terraform/modules/ci-access/main.tf');
  const shared = await read('terraform/environments/_shared/main.tf');
  const kinds = [...ciAccess.matchAll(/(\w+)\s*=\s*"\$\{var\.name\}-ci-(\w+)"/g)].map((m) => { assert.equal(m[1], m[2]); return m[2]; });
  assert.deepEqual(kinds.sort(), ['deploy', 'infra', 'plan'], 'terraform/modules/ci-access names its roles <name>-ci-<kind>');
  const build = /build_role_name\s*=\s*.*"\$\{var\.project\}-(ci-build)"/.exec(shared);
  assert.ok(build, 'the environment root no longer names the build role');
  const names = new Set([`notejam-${build[1]}`]);
  const envs = (await readdir(path.join(repoRoot, 'terraform/environments'))).filter((e) => e !== '_shared');
  for (const env of envs) {
    const tfvars = await read(`terraform/environments/${env}/terraform.tfvars`);
    const name = /^environment\s*=\s*"([^"]+)"/m.exec(tfvars)[1];
    for (const k of kinds) names.add(`notejam-${name}-ci-${k}`);
    for (const m of (/^eks_admin_role_names\s*=\s*\[(.*)\]/m.exec(tfvars)?.[1] ?? '').matchAll(/"([^"]+)"/g)) names.add(m[1]);
  }
  return { names, envs };
}

test('every role name in the docs exists in Terraform, and the docs name every CI role kind', async () => {
  const { names, envs } = await terraformRoleNames();
  const mentioned = new Set();
  for (const doc of DOCS) {
    const text = await read(doc);
    for (const m of text.matchAll(/\b(notejam-(?:<env>-|[a-z0-9]+(?:-[a-z0-9]+)?-)?ci-(?:deploy|infra|plan|build)|notejam-admins)\b/g)) {
      const expanded = m[1].includes('<env>') ? envs.map((e) => m[1].replace('<env>', e)) : [m[1]];
      for (const n of expanded) {
        assert.ok(names.has(n), `${doc} mentions the role ${m[1]} (${n}), which Terraform does not create: ${[...names].join(', ')}`);
        mentioned.add(n);
      }
    }
  }
  for (const n of names) {
    if (/-ci-(deploy|infra|plan)$/.test(n) || n.endsWith('ci-build')) assert.ok(mentioned.has(n), `docs/ci-cd.md does not mention ${n}`);
  }
});

test('the role-name check fails on a name Terraform does not know', async () => {
  const { names } = await terraformRoleNames();
  for (const wrong of ['notejam-ci-infra-prod', 'notejam-prod-gitlab-deploy', 'notejam-ci-deploy-prod']) assert.ok(!names.has(wrong), wrong);
});
