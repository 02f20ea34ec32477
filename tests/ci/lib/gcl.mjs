// Run gitlab-ci-local against the repository's .gitlab-ci.yml as a given kind of pipeline would see it.
// GitLab's security templates cannot be downloaded here: seedTemplates() puts our stand-ins
// (fixtures/gitlab-templates) into gitlab-ci-local's include cache first.
import { execFile } from 'node:child_process';
import { cp, mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
export const testsDir = path.resolve(here, '..');
export const repoRoot = path.resolve(testsDir, '../..');
const bin = path.join(testsDir, 'node_modules/.bin/gitlab-ci-local');
const templateCache = '.gitlab-ci-local/includes/gitlab.com/gitlab-org/gitlab/-/raw/HEAD/lib/gitlab/ci/templates';

// The predefined variables GitLab sets for each kind of pipeline (CI_COMMIT_BRANCH is absent in MR and tag ones).
export const contexts = {
  mr: { set: { CI_PIPELINE_SOURCE: 'merge_request_event', CI_MERGE_REQUEST_IID: '42',
    CI_COMMIT_REF_NAME: 'feature-x', CI_COMMIT_REF_SLUG: 'feature-x' }, unset: ['CI_COMMIT_BRANCH'] },
  main: { set: { CI_PIPELINE_SOURCE: 'push', CI_COMMIT_BRANCH: 'main', CI_COMMIT_REF_NAME: 'main' }, unset: [] },
  tag: { set: { CI_PIPELINE_SOURCE: 'push', CI_COMMIT_TAG: 'v1.4.0', CI_COMMIT_REF_NAME: 'v1.4.0' },
    unset: ['CI_COMMIT_BRANCH'] },
  branch: { set: { CI_PIPELINE_SOURCE: 'push', CI_COMMIT_BRANCH: 'feature-x', CI_COMMIT_REF_NAME: 'feature-x' }, unset: [] },
  'schedule:restore-drill': { set: { CI_PIPELINE_SOURCE: 'schedule', CI_COMMIT_BRANCH: 'main', SCHEDULE_TASK: 'restore-drill' }, unset: [] },
  'schedule:dr-plan': { set: { CI_PIPELINE_SOURCE: 'schedule', CI_COMMIT_BRANCH: 'main', SCHEDULE_TASK: 'dr-plan' }, unset: [] },
  'schedule:deps': { set: { CI_PIPELINE_SOURCE: 'schedule', CI_COMMIT_BRANCH: 'main', SCHEDULE_TASK: 'deps' }, unset: [] },
};

export async function seedTemplates(cwd = repoRoot) {
  const dest = path.join(cwd, templateCache);
  await mkdir(dest, { recursive: true });
  await cp(path.join(testsDir, 'fixtures/gitlab-templates/Jobs'), path.join(dest, 'Jobs'), { recursive: true });
}

// gcl(args, {context, cwd, variables}) -> {code, stdout, stderr}; never throws on a non-zero exit.
export function gcl(args, { context = 'main', cwd = repoRoot, variables = {}, timeout = 300_000 } = {}) {
  const ctx = contexts[context];
  if (!ctx) throw new Error(`unknown pipeline context ${context}`);
  const vars = { CI_DEFAULT_BRANCH: 'main', AWS_ACCOUNT_ID: '123456789012', ...ctx.set, ...variables };
  const argv = [...args, '--no-color', '--no-evaluate-rule-changes', '--no-artifacts-to-source',
    '--ignore-predefined-vars', Object.keys(vars).concat(ctx.unset).join(',')];
  for (const [k, v] of Object.entries(vars)) argv.push('--variable', `${k}=${v}`);
  for (const k of ctx.unset) argv.push('--unset-variable', k);
  return new Promise((resolve) => {
    execFile(bin, argv, { cwd, timeout, maxBuffer: 64 << 20, env: { ...process.env, FORCE_COLOR: '0' } },
      (err, stdout, stderr) => resolve({ code: err ? (err.code ?? 1) : 0, stdout, stderr }));
  });
}

// The jobs a pipeline of this context would contain: name -> {stage, when, allow_failure, needs}.
export async function pipelineJobs(context, opts = {}) {
  const r = await gcl(['--list-json'], { context, ...opts });
  if (r.code !== 0) throw new Error(`gitlab-ci-local --list-json (${context}) failed:\n${r.stderr}\n${r.stdout}`);
  const jobs = JSON.parse(r.stdout.slice(r.stdout.indexOf('[')));
  return new Map(jobs.filter((j) => j.when !== 'never').map((j) => [j.name.replace(/: \[.*\]$/, ''), j]));
}
