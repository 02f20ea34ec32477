// Structural rules for the pipeline, as pure functions over the expanded configuration (gitlab-ci-local --preview:
// includes, extends and !reference resolved). Each returns a list of human-readable violations; [] = fine.
const KEYWORDS = new Set(['workflow', 'stages', 'variables', 'default', 'include', 'image', 'services', 'cache',
  'before_script', 'after_script', 'spec']);

export function jobsOf(config) {
  return Object.entries(config).filter(([name, job]) => !KEYWORDS.has(name) && !name.startsWith('.')
    && job && typeof job === 'object' && !Array.isArray(job));
}

const scriptLines = (job) => ['before_script', 'script', 'after_script']
  .flatMap((k) => [job[k] ?? []].flat(Infinity)).map(String);
const envName = (job) => (typeof job.environment === 'string' ? job.environment : job.environment?.name);
const envAction = (job) => (typeof job.environment === 'object' ? job.environment.action ?? 'start' : 'start');

// 1. No Docker-in-Docker: no dind service or image, no Docker daemon over TCP.
export function dindViolations(config) {
  const out = [];
  const imageName = (i) => (typeof i === 'string' ? i : i?.name ?? '');
  const visit = (where, holder) => {
    for (const s of [holder.services ?? []].flat()) {
      if (/dind|^docker(:|$)|\/docker(:|$)/i.test(imageName(s))) out.push(`${where}: service ${imageName(s)}`);
    }
    if (/dind/i.test(imageName(holder.image))) out.push(`${where}: image ${imageName(holder.image)}`);
    for (const [k, v] of Object.entries(holder.variables ?? {})) {
      if (k === 'DOCKER_HOST' && /^tcp:/.test(String(v?.value ?? v))) out.push(`${where}: DOCKER_HOST=${v}`);
    }
  };
  visit('(top level)', config);
  if (config.default) visit('default', config.default);
  for (const [name, job] of jobsOf(config)) visit(name, job);
  return out;
}

// 2. Every job of the deploy stage names its environment and holds that environment's resource_group.
export function deployJobViolations(config) {
  const out = [];
  for (const [name, job] of jobsOf(config)) {
    if (job.stage !== 'deploy') continue;
    if (!envName(job)) out.push(`${name}: deploy job without environment`);
    if (!job.resource_group) out.push(`${name}: deploy job without resource_group`);
    if (job.interruptible === true) out.push(`${name}: deploy job must not be interruptible`);
  }
  return out;
}

// 3. Anything that changes prod (its deployments and its infrastructure) only ever runs by hand.
export function prodManualViolations(config) {
  const out = [];
  for (const [name, job] of jobsOf(config)) {
    const env = envName(job) ?? '';
    if (!/^(prod|infra\/prod)$/.test(env) || !['start', 'stop'].includes(envAction(job))) continue;
    const rules = job.rules;
    if (!rules) {
      if (job.when !== 'manual') out.push(`${name}: changes ${env} without when: manual`);
      continue;
    }
    for (const rule of rules) {
      const when = rule.when ?? job.when ?? 'on_success';
      if (when !== 'never' && when !== 'manual') out.push(`${name}: rule ${JSON.stringify(rule.if ?? '(always)')} runs it ${when}`);
    }
  }
  return out;
}

// 4. No plaintext secrets: no static AWS keys, no key material, no passwords in URLs, no literal values in
//    variables whose names say secret. `texts` maps file names to their raw contents for the textual scan.
const SECRET_NAME = /(PASSWORD|PASSWD|SECRET|TOKEN|PRIVATE_KEY|ACCESS_KEY|API_KEY|CREDENTIAL)/i;
const SECRET_TEXT = [
  [/\b(AKIA|ASIA)[0-9A-Z]{16}\b/, 'an AWS access key id'],
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----/, 'a private key'],
  [/\bglpat-[0-9A-Za-z_-]{20}/, 'a GitLab token'],
  [/[a-z][a-z0-9+.-]*:\/\/[^\s/:@$]*:[^\s/@$%]+@/i, 'a password in a URL'],
  [/aws_secret_access_key\s*[=:]\s*["']?[A-Za-z0-9/+]{30,}/i, 'an AWS secret key'],
];
export function secretViolations(config, texts = {}) {
  const out = [];
  const visitVars = (where, vars) => {
    for (const [k, raw] of Object.entries(vars ?? {})) {
      const v = String(raw && typeof raw === 'object' ? raw.value ?? '' : raw ?? '');
      if (/^AWS_(ACCESS_KEY_ID|SECRET_ACCESS_KEY)$/.test(k)) out.push(`${where}: defines ${k} (static AWS keys)`);
      else if (SECRET_NAME.test(k) && v !== '' && !/^\$\{?[A-Za-z_]/.test(v)) out.push(`${where}: literal value for ${k}`);
    }
  };
  visitVars('variables', config.variables);
  for (const [name, job] of jobsOf(config)) {
    visitVars(name, job.variables);
    for (const s of [job.services ?? []].flat()) if (typeof s === 'object') visitVars(`${name} service`, s.variables);
  }
  for (const [file, text] of Object.entries(texts)) {
    for (const [re, what] of SECRET_TEXT) if (re.test(text)) out.push(`${file}: contains ${what}`);
  }
  return out;
}

// 5. Every job that talks to AWS (aws/terraform/helm/kubectl/trivy image, or our scripts that do) gets an OIDC
//    id_token and exchanges it with aws-oidc.sh: no other way to AWS exists.
const AWS_USE = /(^|[\s;&|(])(aws|helm|kubectl)\s|\bterraform\s+(init|plan|apply)|\btrivy\s+image|ci\/bin\/(aws-oidc|kube-login|image-publish|chart-publish|image-scan|terraform|helm-deploy|helm-rollback|spa-publish|restore-drill)\.sh/;
export function awsJobs(config) {
  return jobsOf(config).filter(([, job]) => scriptLines(job).some((l) => AWS_USE.test(l))).map(([n]) => n);
}
export function awsOidcViolations(config) {
  const out = [];
  for (const name of awsJobs(config)) {
    const job = config[name];
    const tokens = Object.values(job.id_tokens ?? {});
    if (!tokens.length || !tokens.every((t) => t && t.aud)) out.push(`${name}: talks to AWS without id_tokens (aud)`);
    if (!scriptLines(job).some((l) => /ci\/bin\/aws-oidc\.sh/.test(l))) out.push(`${name}: never runs ci/bin/aws-oidc.sh`);
  }
  return out;
}

// 6. Tool images carry an explicit version (no implicit or explicit :latest).
export function imagePinViolations(config) {
  const out = [];
  for (const [k, v] of Object.entries(config.variables ?? {})) {
    if (!/_IMAGE$/.test(k)) continue;
    const ref = String(v?.value ?? v);
    const tag = ref.includes('@sha256:') ? 'digest' : ref.split('/').pop().split(':')[1];
    if (!tag || tag === 'latest') out.push(`${k}=${ref}: no pinned version`);
  }
  return out;
}

// The make targets and ci/bin scripts the job scripts call.
export function makeTargets(config) {
  const targets = new Map();
  for (const [name, job] of jobsOf(config)) {
    for (const line of scriptLines(job)) {
      for (const m of line.matchAll(/(?:^|[;&|]\s*)make\s+([^;&|]*)/g)) {
        for (const t of m[1].trim().split(/\s+/)) if (/^[A-Za-z0-9_.-]+$/.test(t)) targets.set(t, name);
      }
    }
  }
  return targets;
}
// ci/bin scripts the jobs call -> true when they are sourced (`. ci/bin/job-setup.sh`) rather than executed.
export function ciScripts(config) {
  const found = new Map();
  for (const [, job] of jobsOf(config)) {
    for (const l of scriptLines(job)) {
      for (const m of l.matchAll(/(^|\s)(\.\s+)?(ci\/bin\/[\w.-]+)/g)) found.set(m[3], Boolean(m[2]) || found.get(m[3]) === true);
    }
  }
  return found;
}

// 7. Terraform's helm_values output reaches the deploys: each environment's deploy job takes the artifact
// build/terraform/<env>/helm-values.json (ci/bin/helm-values.sh reads it) of a job that keeps it (ci/bin/terraform.sh
// writes it): infra:apply:<env>, or for prod, whose apply is manual, the read-only infra:output:<env>.
export const terraformValuesPath = (env) => `build/terraform/${env}/helm-values.json`;
export function terraformValuesViolations(config, envs = ['dev', 'test', 'prod']) {
  const out = [];
  const jobName = (n) => (typeof n === 'string' ? n : n.job);
  for (const env of envs) {
    const deploy = config[`deploy:${env}`];
    const need = (deploy?.needs ?? []).find((n) => [`infra:apply:${env}`, `infra:output:${env}`].includes(jobName(n)));
    if (!need || need.artifacts === false || need.optional) {
      out.push(`deploy:${env}: does not take the artifacts of infra:apply:${env} or infra:output:${env}`);
      continue;
    }
    const source = config[jobName(need)];
    const tfEnv = String(source?.variables?.TF_ENV?.value ?? source?.variables?.TF_ENV);
    const kept = [source?.artifacts?.paths ?? []].flat().map((p) => String(p).replace(/\$\{?TF_ENV\}?/g, tfEnv));
    if (!kept.includes(terraformValuesPath(env))) out.push(`${jobName(need)}: does not keep ${terraformValuesPath(env)}`);
  }
  return out;
}
