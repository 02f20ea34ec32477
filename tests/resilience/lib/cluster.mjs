// Three (or n) API instances sharing one PostgreSQL and one Redis (tests/lib/stack.mjs), behind a private nginx,
// plus users with access tokens for load generators and a psql helper for checking what reached the database.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { startStack } from '../../lib/stack.mjs';
import { apiInstance } from './instance.mjs';
import { startNginx } from './nginx.mjs';
import { accessToken } from './tokens.mjs';

export const PASSWORD = 'resilience password';

export async function startCluster({ n = 3, users = 20, env = {}, maxFails } = {}) {
  const stack = await startStack({ env: { NOTEJAM_TRUSTED_PROXIES: '1', NOTEJAM_SHUTDOWN_GRACE: '10', ...env } });
  await stack.api.stop('SIGTERM'); // the instances below replace it
  const psql = (sql) => execFileSync('psql', [stack.pg.url, '-Atqc', sql]).toString().trim();
  const names = 'abcdefgh';
  const make = (name, port) => apiInstance({ env: stack.api.env, name, dir: stack.dir, port });
  const instances = [];
  for (let i = 0; i < n; i++) instances.push(make(names[i]));
  await Promise.all(instances.map((x) => x.start()));
  const lb = await startNginx({ dir: join(stack.dir, 'nginx'), upstreams: instances.map((x) => x.port), maxFails });

  // one user with a real password (for sign-in tests), the others share its hash (made in SQL, fast)
  const r = await fetch(`${instances[0].url}/api/v1/auth/signup`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'res-0@example.org', password: PASSWORD }),
  });
  if (r.status !== 201) throw new Error(`signup: ${r.status} ${await r.text()}`);
  psql(`INSERT INTO users (email, password_hash) SELECT 'res-' || i || '@example.org', (SELECT password_hash FROM users
        WHERE email = 'res-0@example.org') FROM generate_series(1, ${users - 1}) i`);
  const ids = psql("SELECT id FROM users WHERE email LIKE 'res-%' ORDER BY id").split('\n').map(Number);
  const tokens = ids.map((id) => accessToken(stack.api.env.NOTEJAM_JWT_KEYS, id));
  return {
    stack, lb, instances, tokens, userIds: ids, psql,
    /** A new process in place of instances[i], on the same port (not started). */
    replacement(i) {
      const old = instances[i];
      instances[i] = make(`${old.name}${Date.now() % 100000}`, old.port);
      return instances[i];
    },
    /** Ids of the given notes that are in the database. */
    notesPresent(ids) {
      if (!ids.length) return new Set();
      const rows = psql(`SELECT id FROM notes WHERE id IN (${ids.join(',')})`);
      return new Set(rows ? rows.split('\n').map(Number) : []);
    },
    async stop() {
      await lb.stop().catch(() => {});
      const codes = await Promise.all(instances.map((x) => x.stop('SIGTERM')));
      await stack.stop();
      return codes;
    },
  };
}
