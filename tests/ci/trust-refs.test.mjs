// The refs each environment's CI roles trust (terraform/environments/<env>/terraform.tfvars: gitlab.deploy_refs,
// infra_refs and plan_refs) against the refs of the pipelines whose jobs
// assume them (gitlab-ci-local's job list per kind of pipeline, and each job's GitLab environment: <env> is the
// deploy role, infra/<env> the infra role, plan/<env> the plan role). A job on a ref its role does not trust cannot
// sign in to AWS; a trusted ref no job runs on is a door left open (an ID token of any such branch gets the role).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import YAML from 'yaml';
import { gcl, pipelineJobs, seedTemplates, repoRoot, contexts } from './lib/gcl.mjs';

// The ID token's ref in each kind of pipeline (lib/gcl.mjs sets the same names): a merge request pipeline runs on
// its source branch, which can be any branch; schedules run on the default branch.
const TOKEN_REF = {
  mr: { ref_type: 'branch', ref: 'feature-x' },
  main: { ref_type: 'branch', ref: 'main' },
  tag: { ref_type: 'tag', ref: 'v1.4.0' },
  branch: { ref_type: 'branch', ref: 'feature-x' },
};
const tokenRef = (context) => TOKEN_REF[context] ?? TOKEN_REF.main; // schedule:*
const ENVS = ['dev', 'test', 'prod'];
const glob = (p) => new RegExp(`^${p.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
const matches = (pattern, ref) => pattern.ref_type === ref.ref_type && glob(pattern.ref).test(ref.ref);
const show = (r) => `${r.ref_type}:${r.ref}`;

function refList(tfvars, key) {
  const m = new RegExp(`^\\s*${key}\\s*=\\s*\\[(.*)\\]`, 'm').exec(tfvars);
  if (!m) return null;
  return [...m[1].matchAll(/\{\s*ref_type\s*=\s*"([^"]+)"\s*,\s*ref\s*=\s*"([^"]+)"\s*\}/g)].map(([, t, r]) => ({ ref_type: t, ref: r }));
}

let trusted; // env -> role -> patterns
let used;    // env -> role -> [{ref, job, context}]

before(async () => {
  await seedTemplates();
  const preview = await gcl(['--preview'], { context: 'main' });
  assert.equal(preview.code, 0, preview.stderr);
  const config = YAML.parse(preview.stdout.slice(preview.stdout.search(/^[A-Za-z.]/m)));
  const envOf = (job) => { const e = config[job]?.environment; return typeof e === 'string' ? e : e?.name; };
  const defaultPlan = refList(await readFile(path.join(repoRoot, 'terraform/modules/ci-access/variables.tf'), 'utf8')
    .then((t) => t.slice(t.indexOf('variable "plan_refs"'))), 'default');
  trusted = {}; used = {};
  for (const env of ENVS) {
    const tfvars = await readFile(path.join(repoRoot, `terraform/environments/${env}/terraform.tfvars`), 'utf8');
    const deploy = refList(tfvars, 'deploy_refs'), infra = refList(tfvars, 'infra_refs');
    assert.ok(deploy?.length && infra?.length, `${env}: gitlab.deploy_refs or infra_refs missing`);
    trusted[env] = { deploy, infra, plan: refList(tfvars, 'plan_refs') ?? defaultPlan };
    used[env] = { deploy: [], infra: [], plan: [] };
  }
  for (const context of Object.keys(contexts)) {
    const jobs = await pipelineJobs(context).catch(() => new Map()); // no pipeline at all (workflow) is no job
    for (const job of jobs.keys()) {
      const m = /^(?:(infra|plan)\/)?(dev|test|prod)$/.exec(envOf(job) ?? '');
      if (m) used[m[2]][m[1] ?? 'deploy'].push({ ref: tokenRef(context), job, context });
    }
  }
});

for (const env of ENVS) {
  for (const role of ['deploy', 'infra', 'plan']) {
    test(`${env}: every job that assumes the ${role} role runs on a ref it trusts`, () => {
      for (const u of used[env][role]) {
        assert.ok(trusted[env][role].some((p) => matches(p, u.ref)),
          `${u.job} (${u.context} pipeline, ${show(u.ref)}) cannot assume notejam-${env}-ci-${role}: it trusts ${trusted[env][role].map(show)}`);
      }
    });
    test(`${env}: the ${role} role trusts no ref that no job of it runs on`, () => {
      const jobs = [...new Set(used[env][role].map((u) => `${u.job}@${show(u.ref)}`))];
      for (const p of trusted[env][role]) {
        assert.ok(used[env][role].some((u) => matches(p, u.ref)),
          `notejam-${env}-ci-${role} trusts ${show(p)}, but no job that assumes it runs there (jobs: ${jobs})`);
        // a wide pattern (branch *) is only as wide as the pipelines that need it: every kind of pipeline's ref it
        // lets in has a job of this role
        for (const ref of Object.values(TOKEN_REF).filter((r) => matches(p, r))) {
          assert.ok(used[env][role].some((u) => show(u.ref) === show(ref)),
            `notejam-${env}-ci-${role} trusts ${show(p)}, which lets in ${show(ref)}, where no job of it runs (jobs: ${jobs})`);
        }
      }
    });
  }
}

test('the jobs were found: deploys, applies and plans of every environment', () => {
  for (const env of ENVS) {
    for (const role of ['deploy', 'infra', 'plan']) assert.ok(used[env][role].length > 0, `no job assumes ${env}'s ${role} role`);
  }
});

test("the DR copy of prod trusts what prod trusts: after a failover the same jobs assume its roles", async () => {
  const read = (e) => readFile(path.join(repoRoot, `terraform/environments/${e}/terraform.tfvars`), 'utf8');
  const [prod, dr] = await Promise.all([read('prod'), read('prod-dr')]);
  for (const key of ['deploy_refs', 'infra_refs', 'plan_refs']) assert.deepEqual(refList(dr, key), refList(prod, key), key);
});

test('the ref matching is live: a tag does not match a branch pattern, release/* does not match main', () => {
  assert.ok(matches({ ref_type: 'branch', ref: '*' }, TOKEN_REF.mr));
  assert.ok(!matches({ ref_type: 'branch', ref: 'v*' }, TOKEN_REF.tag));
  assert.ok(!matches({ ref_type: 'branch', ref: 'release/*' }, TOKEN_REF.main));
  assert.ok(matches({ ref_type: 'tag', ref: 'v*' }, TOKEN_REF.tag));
});
