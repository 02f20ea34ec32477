// docs/disaster-recovery.md's helm install for the DR region, rendered as written: its -f/--set arguments are
// read from the runbook, the shell variables get sample values and Terraform's output file is the fixture.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parse } from 'yaml';
import { FIXTURES, render, ROOT, TERRAFORM_VALUES } from './lib/helm.mjs';
import { envOf, one } from './lib/manifests.mjs';

const runbook = readFileSync(join(ROOT, 'docs/disaster-recovery.md'), 'utf8');
const recipient = parse(readFileSync(join(FIXTURES, 'deploy-prod.yaml'), 'utf8')).backup.ageRecipient;
const SHELL = { NS: 'notejam', VERSION: '1.4.2', AGE_RECIPIENT: recipient };

// The first `helm upgrade --install` of the runbook, continuation lines joined, split into words.
function installCommand() {
  const line = /^helm upgrade --install (?:.*\\\n)*.*$/m.exec(runbook)?.[0];
  assert.ok(line, 'the runbook has a helm upgrade --install command');
  return line.replaceAll('\\\n', ' ').replace(/\$([A-Z_]+)/g, (_, v) => SHELL[v] ?? assert.fail(`unknown variable $${v}`))
    .split(/\s+/).filter(Boolean);
}

test('the DR runbook\'s helm install renders the prod chart (every value the prod schema requires is given)', async () => {
  const words = installCommand();
  const opts = { namespace: '', values: [], set: [], setString: [] };
  for (let i = 5; i < words.length; i++) {
    const [flag, arg] = [words[i], words[i + 1]];
    if (flag === '-f') { opts.values.push(arg === '/tmp/prod-dr-values.json' ? TERRAFORM_VALUES : join(ROOT, arg)); i++; }
    else if (flag === '--set') { opts.set.push(arg); i++; }
    else if (flag === '--set-string') { opts.setString.push(arg); i++; }
    else if (flag === '-n') { opts.namespace = arg; i++; }
    else if (flag === '--timeout') i++;
    else assert.ok(['--create-namespace', '--wait'].includes(flag), `unexpected argument ${flag}`);
  }
  assert.deepEqual(words.slice(0, 5), ['helm', 'upgrade', '--install', 'notejam', 'charts/notejam']);
  assert.ok(opts.values.includes(TERRAFORM_VALUES), 'Terraform\'s helm_values output is passed');
  const objects = await render('helm4', 'notejam', opts);
  const backup = one(objects, 'CronJob', 'backup').spec.jobTemplate.spec.template.spec.containers[0];
  assert.equal(envOf(backup).AGE_RECIPIENT.value, recipient);
  assert.match(one(objects, 'Deployment', 'api').spec.template.spec.containers[0].image, /:1\.4\.2$/);
  assert.ok(one(objects, 'ExternalSecret', 'api').spec.target.template, 'the API\'s Secret from Terraform\'s secrets');
});
