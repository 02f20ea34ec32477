// The API's Secret in AWS environments: External Secrets Operator assembles it from the secrets Terraform
// creates (RDS's {username, password}, <name>/redis-auth-token, <name>/jwt-keys, <name>/smtp-url) with a
// template (engine v2). Helm must print ESO's braces untouched; the template is then evaluated by Go's
// text/template (Helm's own engine, as ESO's) with awkward sample values and must yield valid URLs.
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { parse, stringify } from 'yaml';
import { CHART_ENVS, render, renderError, runHelm, TERRAFORM_VALUES } from './lib/helm.mjs';
import { one } from './lib/manifests.mjs';

const tf = parse(readFileSync(TERRAFORM_VALUES, 'utf8')).secrets.externalSecret;
const SAMPLE = { db_username: 'notejam', db_password: 'p@ss:w/rd?#%+&=[]é', redis_token: 'Tok3nABCdef', jwt_keys: 'k1:c2VjcmV0', smtp_url: 'smtps://u%40x:pw@email-smtp.eu-west-1.amazonaws.com:465' };

// Evaluate ESO template strings with Go's text/template through a throwaway chart: `.x` inside the template
// resolves against `vars`, exactly as ESO binds the ExternalSecret's data (secretKey -> value).
const scratch = mkdtempSync(join(tmpdir(), 'notejam-eso-'));
after(() => rmSync(scratch, { recursive: true, force: true }));
async function evaluate(templates, vars) {
  const chart = mkdtempSync(join(scratch, 'chart-'));
  mkdirSync(join(chart, 'templates'));
  writeFileSync(join(chart, 'Chart.yaml'), 'apiVersion: v2\nname: eval\nversion: 0.0.1\n');
  // One block scalar per key, so whatever the template yields (':', '#', '%') stays a plain string.
  const text = Object.entries(templates).map(([k, t]) => `${k}: |-\n  {{ with .Values.vars }}${t}{{ end }}`).join('\n');
  writeFileSync(join(chart, 'templates', 'eval.yaml'), `${text}\n`);
  writeFileSync(join(chart, 'values.yaml'), stringify({ vars }));
  const { code, stdout, stderr } = await runHelm('helm4', ['template', 'eval', chart]);
  assert.equal(code, 0, stderr);
  return parse(stdout.replace(/^---\n# Source: .*\n/m, ''));
}

for (const env of CHART_ENVS.notejam) {
  describe(`the API's ExternalSecret (${env}): Terraform's secrets through an ESO template`, async () => {
    const objects = await render('helm4', 'notejam', { env, set: ['secrets.smtp=true'] });
    const es = one(objects, 'ExternalSecret', 'api');
    const { template } = es.spec.target;

    test('data reads exactly Terraform\'s secrets: RDS\'s username/password, the Redis token, JWT keys, SMTP URL', () => {
      assert.deepEqual(es.spec.data.map((d) => [d.secretKey, d.remoteRef.key, d.remoteRef.property]), [
        ['db_username', tf.remoteKeys.database, 'username'], ['db_password', tf.remoteKeys.database, 'password'],
        ['redis_token', tf.remoteKeys.redisAuthToken, undefined], ['jwt_keys', tf.remoteKeys.jwtKeys, undefined],
        ['smtp_url', tf.remoteKeys.smtpUrl, undefined]]);
    });

    test('the template is ESO\'s engine v2 and Helm printed its braces as they are', () => {
      assert.equal(template.engineVersion, 'v2');
      const { host, port, name } = tf.database;
      assert.deepEqual(template.data, {
        'database-url': `postgresql://{{ .db_username | urlquery }}:{{ .db_password | urlquery }}@${host}:${port}/${name}?sslmode=require`,
        'redis-url': 'redis://:{{ .redis_token | urlquery }}@127.0.0.1:6379/0',
        'jwt-keys': '{{ .jwt_keys }}',
        'smtp-url': '{{ .smtp_url }}',
      });
    });

    test('evaluated with sample secrets, the keys the API mounts hold valid URLs that decode to the secrets', async () => {
      const out = await evaluate(template.data, SAMPLE);
      const db = new URL(out['database-url']);
      assert.equal(db.protocol, 'postgresql:');
      assert.deepEqual([decodeURIComponent(db.username), decodeURIComponent(db.password)], [SAMPLE.db_username, SAMPLE.db_password]);
      assert.deepEqual([db.hostname, db.port, db.pathname, db.search], [tf.database.host, String(tf.database.port), `/${tf.database.name}`, '?sslmode=require']);
      const redis = new URL(out['redis-url']);
      assert.deepEqual([redis.protocol, redis.username, decodeURIComponent(redis.password), redis.host, redis.pathname],
        ['redis:', '', SAMPLE.redis_token, '127.0.0.1:6379', '/0']);
      assert.equal(out['jwt-keys'], SAMPLE.jwt_keys);
      assert.equal(out['smtp-url'], SAMPLE.smtp_url);
    });

    test('the migration hook\'s own ExternalSecret builds the same Secret from the same secrets', () => {
      const migrate = one(objects, 'ExternalSecret', 'migrate');
      assert.deepEqual([migrate.spec.target.template, migrate.spec.data], [template, es.spec.data]);
    });

    test('Redis goes through the stunnel sidecar the redis-url points at', () => {
      const stunnel = objects.find((o) => o.kind === 'ConfigMap' && o.data?.['stunnel.conf']).data['stunnel.conf'];
      assert.match(stunnel, /^accept = 127\.0\.0\.1:6379$/m);
    });
  });
}

test('layout json: one Secrets Manager secret\'s JSON properties, no template (clusters without Terraform)', async () => {
  const objects = await render('helm4', 'notejam', { env: 'dev', setString: ['secrets.externalSecret.layout=json', 'secrets.externalSecret.remoteKey=notejam/dev/app'] });
  const es = one(objects, 'ExternalSecret', 'api');
  assert.equal(es.spec.target.template, undefined);
  assert.deepEqual(es.spec.data.map((d) => [d.secretKey, d.remoteRef.key, d.remoteRef.property]),
    [['database-url', 'notejam/dev/app', 'database_url'], ['redis-url', 'notejam/dev/app', 'redis_url'], ['jwt-keys', 'notejam/dev/app', 'jwt_keys']]);
});

for (const [what, opts, message] of [
  ['layout terraform without the Redis TLS sidecar', { set: ['redisTls.enabled=false'] }, /redisTls\.enabled/],
  ['layout terraform without the RDS secret', { setString: ['secrets.externalSecret.remoteKeys.database='] }, /remoteKeys\.database is required/],
  ['layout terraform without the RDS host', { setString: ['secrets.externalSecret.database.host='] }, /database\.host is required/],
  ['SMTP without Terraform\'s smtp-url secret', { set: ['secrets.smtp=true'], setString: ['secrets.externalSecret.remoteKeys.smtpUrl='] }, /remoteKeys\.smtpUrl is required/],
  ['layout json without a remoteKey', { setString: ['secrets.externalSecret.layout=json'] }, /remoteKey/],
]) {
  test(`refused: ${what}`, async () => {
    assert.match(await renderError('helm4', 'notejam', { env: 'prod', ...opts }), message);
  });
}
