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
const SAMPLE = { db_username: 'notejam', db_password: 'p@ss:w/rd?#%+&=[]é', db_api_password: 'a/p:i@pw%', db_migrate_password: 'm#igr?ate',
  db_backup_password: 'b&ack=up+', redis_token: 'Tok3nABCdef', jwt_keys: 'k1:c2VjcmV0', smtp_url: 'smtps://u%40x:pw@email-smtp.eu-west-1.amazonaws.com:465' };

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

    const migrate = one(objects, 'ExternalSecret', 'migrate');
    const dbUrl = (user, pw) => `postgresql://${user}:${pw}@${tf.database.host}:${tf.database.port}/${tf.database.name}?sslmode=require`;

    test('data reads exactly Terraform\'s secrets: the API\'s and the backup\'s role passwords, the Redis token, JWT keys, SMTP URL (never the master user)', () => {
      assert.deepEqual(es.spec.data.map((d) => [d.secretKey, d.remoteRef.key, d.remoteRef.property]), [
        ['db_api_password', tf.remoteKeys.dbApiPassword, undefined], ['db_backup_password', tf.remoteKeys.dbBackupPassword, undefined],
        ['redis_token', tf.remoteKeys.redisAuthToken, undefined], ['jwt_keys', tf.remoteKeys.jwtKeys, undefined],
        ['smtp_url', tf.remoteKeys.smtpUrl, undefined]]);
    });

    test('the template is ESO\'s engine v2 and Helm printed its braces as they are', () => {
      assert.equal(template.engineVersion, 'v2');
      assert.deepEqual(template.data, {
        'database-url': dbUrl('notejam_api', '{{ .db_api_password | urlquery }}'),
        'backup-database-url': dbUrl('notejam_backup', '{{ .db_backup_password | urlquery }}'),
        'redis-url': 'redis://:{{ .redis_token | urlquery }}@127.0.0.1:6379/0',
        'jwt-keys': '{{ .jwt_keys }}',
        'smtp-url': '{{ .smtp_url }}',
      });
    });

    test('evaluated with sample secrets, the keys the API mounts hold valid URLs that decode to the secrets', async () => {
      const out = await evaluate(template.data, SAMPLE);
      for (const [key, user, pw] of [['database-url', 'notejam_api', SAMPLE.db_api_password], ['backup-database-url', 'notejam_backup', SAMPLE.db_backup_password]]) {
        const db = new URL(out[key]);
        assert.equal(db.protocol, 'postgresql:');
        assert.deepEqual([decodeURIComponent(db.username), decodeURIComponent(db.password)], [user, pw]);
        assert.deepEqual([db.hostname, db.port, db.pathname, db.search], [tf.database.host, String(tf.database.port), `/${tf.database.name}`, '?sslmode=require']);
      }
      const redis = new URL(out['redis-url']);
      assert.deepEqual([redis.protocol, redis.username, decodeURIComponent(redis.password), redis.host, redis.pathname],
        ['redis:', '', SAMPLE.redis_token, '127.0.0.1:6379', '/0']);
      assert.equal(out['jwt-keys'], SAMPLE.jwt_keys);
      assert.equal(out['smtp-url'], SAMPLE.smtp_url);
    });

    test('the migration hook\'s own ExternalSecret: the migrator\'s URL, and the master user and role passwords for provisioning only', async () => {
      assert.deepEqual(migrate.spec.data.map((d) => [d.secretKey, d.remoteRef.key, d.remoteRef.property]), [
        ['db_username', tf.remoteKeys.database, 'username'], ['db_password', tf.remoteKeys.database, 'password'],
        ['db_migrate_password', tf.remoteKeys.dbMigratePassword, undefined], ['db_api_password', tf.remoteKeys.dbApiPassword, undefined],
        ['db_backup_password', tf.remoteKeys.dbBackupPassword, undefined]]);
      const out = await evaluate(migrate.spec.target.template.data, SAMPLE);
      const url = (k) => { const u = new URL(out[k]); return [decodeURIComponent(u.username), decodeURIComponent(u.password)]; };
      assert.deepEqual(url('database-url'), ['notejam_migrate', SAMPLE.db_migrate_password]);
      assert.deepEqual(url('master-database-url'), [SAMPLE.db_username, SAMPLE.db_password]);
      assert.deepEqual([out['role-password-api'], out['role-password-migrate'], out['role-password-backup']],
        [SAMPLE.db_api_password, SAMPLE.db_migrate_password, SAMPLE.db_backup_password]);
    });

    test('each container mounts only its own keys: the master user only in the provisioning init container', () => {
      const keysOf = (workload, container) => {
        const spec = workload.kind === 'CronJob' ? workload.spec.jobTemplate.spec.template.spec : workload.spec.template.spec;
        const c = [...(spec.initContainers ?? []), ...spec.containers].find((x) => x.name === container);
        return c.volumeMounts.flatMap((m) => spec.volumes.find((v) => v.name === m.name).secret?.items?.map((i) => i.key) ?? []).sort();
      };
      assert.deepEqual(keysOf(one(objects, 'Deployment', 'api'), 'api'), ['database-url', 'jwt-keys', 'redis-url', 'smtp-url']);
      const job = objects.find((o) => o.kind === 'Job' && o.spec.template.spec.containers[0].name === 'migrate');
      assert.deepEqual(keysOf(job, 'migrate'), ['database-url']);
      assert.deepEqual(keysOf(job, 'provision-roles'), ['master-database-url', 'role-password-api', 'role-password-backup', 'role-password-migrate']);
      const backup = objects.find((o) => o.kind === 'CronJob' && o.metadata.labels['app.kubernetes.io/component'] === 'backup');
      if (env !== 'dev') assert.ok(backup, 'backups run in test and prod');
      if (backup) assert.deepEqual(keysOf(backup, 'backup'), ['backup-database-url']);
    });

    test('Redis goes through the stunnel sidecar the redis-url points at', () => {
      const stunnel = objects.find((o) => o.kind === 'ConfigMap' && o.data?.['stunnel.conf']).data['stunnel.conf'];
      assert.match(stunnel, /^accept = 127\.0\.0\.1:6379$/m);
    });
  });
}

for (const [what, opts, message] of [
  ['Terraform\'s secrets without the ElastiCache endpoint', { setString: ['redisTls.host='] }, /redisTls\.host is required/],
  ['Terraform\'s secrets without the RDS secret', { setString: ['secrets.externalSecret.remoteKeys.database='] }, /remoteKeys\.database is required/],
  ['Terraform\'s secrets without the API role\'s password', { setString: ['secrets.externalSecret.remoteKeys.dbApiPassword='] }, /remoteKeys\.dbApiPassword is required/],
  ['Terraform\'s secrets without the migrator\'s password', { setString: ['secrets.externalSecret.remoteKeys.dbMigratePassword='] }, /remoteKeys\.dbMigratePassword is required/],
  ['Terraform\'s secrets without the RDS host', { setString: ['secrets.externalSecret.database.host='] }, /database\.host is required/],
  ['SMTP without Terraform\'s smtp-url secret', { set: ['secrets.smtp=true'], setString: ['secrets.externalSecret.remoteKeys.smtpUrl='] }, /remoteKeys\.smtpUrl is required/],
]) {
  test(`refused: ${what}`, async () => {
    assert.match(await renderError('helm4', 'notejam', { env: 'prod', ...opts }), message);
  });
}
