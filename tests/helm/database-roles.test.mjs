// The database roles agree everywhere they are named: the chart's URLs (ESO template), the SQL that provisions
// them with their passwords (ops/backup/sql/provision-roles.sql), migration 0002 (grants) and the hook that runs
// the provisioning before `notejam migrate`. A renamed role on one side fails here, not at the first deploy.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { render, ROOT } from './lib/helm.mjs';
import { one } from './lib/manifests.mjs';

const read = (p) => readFileSync(join(ROOT, p), 'utf8');
const provision = read('ops/backup/sql/provision-roles.sql');
const grants = read('api/migrations/0002_least_privilege_roles.sql');
const objects = await render('helm4', 'notejam', { env: 'prod' });
const userOf = (es, key) => /^postgresql:\/\/([a-z_]+):/.exec(es.spec.target.template.data[key])?.[1];

test('the chart logs each workload in as a role the provisioning creates and sets a password for', () => {
  const app = one(objects, 'ExternalSecret', 'api');
  const migrate = one(objects, 'ExternalSecret', 'migrate');
  const roles = [userOf(app, 'database-url'), userOf(app, 'backup-database-url'), userOf(migrate, 'database-url')];
  assert.deepEqual(roles, ['notejam_api', 'notejam_backup', 'notejam_migrate']);
  for (const r of roles) {
    assert.match(provision, new RegExp(`'${r}'`), `${r} created`);
    assert.match(provision, new RegExp(`ALTER ROLE ${r} LOGIN .*PASSWORD :'${r.replace('notejam_', '')}_verifier'`), `${r} gets its password`);
  }
  for (const r of ['notejam_api', 'notejam_backup']) assert.match(grants, new RegExp(`TO [a-z_, ]*${r}`), `migration 0002 grants to ${r}`);
});

test('the provisioning runs in the migration hook before the migrations, with the role passwords the SQL expects', () => {
  const job = objects.find((o) => o.kind === 'Job' && o.spec.template.spec.containers[0].name === 'migrate');
  const init = job.spec.template.spec.initContainers.find((c) => c.name === 'provision-roles');
  assert.deepEqual(init.command, ['/opt/notejam/ops/provision-roles.sh']);
  const dir = init.env.find((e) => e.name === 'ROLE_PASSWORDS_DIR').value;
  const mount = init.volumeMounts.find((m) => dir.startsWith(m.mountPath));
  const files = job.spec.template.spec.volumes.find((v) => v.name === mount.name).secret.items
    .map((i) => join(mount.mountPath, i.path)).filter((p) => p.startsWith(`${dir}/`)).map((p) => p.slice(dir.length + 1)).sort();
  const wanted = [...provision.matchAll(/:'([a-z]+)_verifier'/g)].map((m) => m[1]).sort();
  assert.deepEqual(files, wanted);
  assert.match(read('ops/backup/provision-roles.sh'), /for role in migrate api backup/);
});
