// The Redis TLS path follows an ElastiCache failover: the stunnel sidecar connects to the primary endpoint by name
// and resolves it on every new connection (delay = yes), never once at start; the name is the one Terraform
// outputs (helm_values.redisTls.host), which ElastiCache repoints at the new primary.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { parse } from 'yaml';
import { CHART_ENVS, render, TERRAFORM_VALUES } from './lib/helm.mjs';
import { ofKind } from './lib/manifests.mjs';

const tf = parse(readFileSync(TERRAFORM_VALUES, 'utf8'));

/** stunnel.conf -> { global: {k: v}, [service]: {k: v} }, last value wins as in stunnel. */
function sections(text) {
  const out = { global: {} };
  let current = out.global;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith(';') || line.startsWith('#')) continue;
    const name = /^\[(.+)\]$/.exec(line);
    if (name) current = out[name[1]] = {};
    else {
      const [k, ...v] = line.split('=');
      current[k.trim()] = v.join('=').trim();
    }
  }
  return out;
}

for (const env of CHART_ENVS.notejam) {
  describe(`notejam (${env}) Redis TLS`, async () => {
    const objects = await render('helm4', 'notejam', { env });
    const text = ofKind(objects, 'ConfigMap').find((c) => c.data?.['stunnel.conf']).data['stunnel.conf'];
    const conf = sections(text);

    test('the primary endpoint is re-resolved on every connection (delay = yes), by name', () => {
      assert.equal(conf.redis.delay, 'yes');
      const [host, port] = conf.redis.connect.split(':');
      assert.equal(host, tf.redisTls.host, 'Terraform\'s primary endpoint');
      assert.equal(Number(port), tf.redisTls.port);
      assert.doesNotMatch(host, /^[0-9.]+$/, 'a name ElastiCache repoints, not an address');
      assert.equal(conf.redis.checkHost, host, 'the certificate is checked against the same name');
    });

    test('nothing in the config pins one address (no failover/load-balancing lists, one connect target)', () => {
      assert.equal(conf.redis.failover, undefined);
      assert.equal(Object.keys(conf).filter((k) => k !== 'global').length, 1);
      assert.equal(text.match(/^\s*connect\s*=/gm).length, 1);
    });
  });
}
