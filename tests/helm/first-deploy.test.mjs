// docs/first-deploy.md is a runbook a new team follows word for word: every command it gives must exist (scripts,
// make targets, Terraform roots, outputs and backend files, secrets Terraform creates, pipeline jobs), and every
// repository file it names must be there. Files the operator brings are named as such on the page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { accessSync, constants, existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './lib/helm.mjs';

const page = readFileSync(join(ROOT, 'docs/first-deploy.md'), 'utf8');
const ENVS = ['dev', 'test', 'prod'];
// Brought by the operator (the page says what each holds); never in the repository.
const OPERATOR_FILES = ['admins-trust.json', 'age-identity.txt', 'restore-drill.json'];
const TOOLS = new Set(['terraform', 'aws', 'helm', 'kubectl', 'jq', 'git', 'make']);

const read = (f) => readFileSync(join(ROOT, f), 'utf8');
const outputs = new Set([...read('terraform/environments/_shared/outputs.tf').matchAll(/^output "([^"]+)"/gm)].map((m) => m[1]));
const secrets = new Set([...read('terraform/environments/_shared/main.tf')
  .slice(0, read('terraform/environments/_shared/main.tf').indexOf('eso_secret_keys'))
  .matchAll(/^\s+"([a-z-]+)"\s+= \{ description/gm)].map((m) => m[1]));
const makeTargets = new Set(['Makefile', ...readdirSync(join(ROOT, 'mk')).map((f) => `mk/${f}`)]
  .flatMap((f) => [...read(f).matchAll(/^([a-z][\w-]*):/gm)].map((m) => m[1])));
const ciJobs = new Set(readdirSync(join(ROOT, 'ci')).filter((f) => f.endsWith('.yml'))
  .flatMap((f) => [...read(`ci/${f}`).matchAll(/^([a-z][\w:-]*):\s*$/gm)].map((m) => m[1])));

// The shell commands of the page, continuation lines joined, one entry per command of a `&&` chain, with $ENV
// expanded to each environment the page runs the block for.
function commands() {
  const out = [];
  for (const [, block] of page.matchAll(/```sh\n([\s\S]*?)```/g))
    for (const line of block.replace(/\\\n\s*/g, ' ').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#')))
      for (const cmd of line.split('&&').map((c) => c.trim()))
        for (const env of cmd.includes('$ENV') ? ENVS : [null]) out.push(env ? cmd.replaceAll('$ENV', env) : cmd);
  return out;
}

test('the page has commands for every phase', () => {
  const cmds = commands();
  assert.ok(cmds.length >= 15, `${cmds.length} commands`);
  for (const needed of [/^terraform -chdir=terraform\/bootstrap apply/, /^terraform -chdir=terraform\/environments\/prod apply$/,
    /^ci\/platform\/install\.sh prod$/, /^aws secretsmanager put-secret-value/, /^git push/, /^ci\/bin\/smoke-test\.sh/])
    assert.ok(cmds.some((c) => needed.test(c)), `no command matches ${needed}`);
});

test('every command is a known tool, an assignment, or an executable script of the repository', () => {
  for (const cmd of commands()) {
    const first = cmd.split(/\s+/)[0];
    if (/^[A-Z_]+=/.test(first)) continue;
    if (first.includes('/')) {
      assert.ok(existsSync(join(ROOT, first)), `${first} does not exist`);
      accessSync(join(ROOT, first), constants.X_OK);
    } else assert.ok(TOOLS.has(first), `unknown command ${first} in: ${cmd}`);
  }
});

test('make targets, Terraform roots, backends and outputs, and secret ids exist', () => {
  for (const cmd of commands()) {
    if (cmd.startsWith('make '))
      for (const t of cmd.split(/\s+/).slice(1)) assert.ok(makeTargets.has(t), `make ${t}: no such target`);
    const dir = /-chdir=(\S+)/.exec(cmd)?.[1];
    if (dir) {
      assert.ok(existsSync(join(ROOT, dir)), `${dir} does not exist`);
      if (cmd.includes('-backend-config=backend.hcl')) assert.ok(existsSync(join(ROOT, dir, 'backend.hcl')), `${dir}/backend.hcl`);
      const out = /\boutput(?: -json| -raw)? ([a-z_]+)/.exec(cmd)?.[1];
      if (out) assert.ok(outputs.has(out), `terraform output ${out}: no such output`);
    }
    const secret = /--secret-id notejam-[a-z]+\/([a-z-]+)/.exec(cmd)?.[1];
    if (secret) assert.ok(secrets.has(secret), `secret ${secret} is not one Terraform creates (${[...secrets]})`);
    for (const [, f] of cmd.matchAll(/(?:file:\/\/|\$\(cat )([\w.-]+)/g)) assert.ok(OPERATOR_FILES.includes(f), `${f}: not a file the operator brings`);
  }
});

test('every repository path and pipeline job the page names exists', () => {
  const named = [...page.matchAll(/`([^`\s]+)`/g)].map((m) => m[1]);
  let paths = 0;
  for (const n of named) {
    if (/^(infra|deploy):[a-z:-]+$/.test(n)) assert.ok(ciJobs.has(n), `pipeline job ${n}`);
    else if (/^(docs|ci|terraform|tests|charts|ops|scripts)\/[\w./-]+$/.test(n)) {
      paths += 1;
      assert.ok(existsSync(join(ROOT, n.replace(/\/$/, ''))), `${n} does not exist`);
    } else if (OPERATOR_FILES.includes(n)) assert.match(page, new RegExp(`\`${n.replace('.', '\\.')}\`[^\\n]*(:|is)`), `${n} is not explained`);
  }
  assert.ok(paths >= 8, `${paths} paths`);
  for (const f of OPERATOR_FILES) assert.ok(!existsSync(join(ROOT, f)), `${f} must not be committed`);
});

test('the variables and settings the page relies on exist in Terraform', () => {
  for (const env of ENVS) assert.match(read(`terraform/environments/${env}/terraform.tfvars`), /eks_admin_role_names\s*=\s*\["notejam-admins"\]/);
  assert.match(read('terraform/environments/dev/terraform.tfvars'), /^backups_scheduled\s*=\s*false/m);
  assert.match(read('terraform/modules/eks/main.tf'), /bootstrap_cluster_creator_admin_permissions = true/);
  assert.match(read('terraform/environments/_shared/outputs.tf'), /namespace\s+= var\.app_namespace/);
});
