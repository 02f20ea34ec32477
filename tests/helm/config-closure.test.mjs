// Configuration cannot drift: every NOTEJAM_* variable the chart (each environment) and docker-compose.yml give the API is one it reads, with a value it accepts. The judge is the API binary
// itself (`notejam check-config serve|migrate`: the checks `serve`/`migrate` run before connecting anywhere), so the
// test reads both sides. The proxy hops (NOTEJAM_TRUSTED_PROXIES) must match the path traffic takes.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { after, describe, test } from 'node:test';
import { parse } from 'yaml';
import { CHART_ENVS, render, ROOT } from './lib/helm.mjs';
import { allContainers, ofKind } from './lib/manifests.mjs';

const BINARY = join(ROOT, 'build', 'notejam');
const tmp = mkdtempSync(join(tmpdir(), 'notejam-config-closure-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

// Sample values for what the chart mounts as files (the Secret's keys) and compose takes from .env.
const JWT = `k1:${randomBytes(32).toString('base64')}`;
const SECRET_SAMPLES = {
  'database-url': 'postgresql://notejam_api:pw@db.example:5432/notejam?sslmode=require',
  'redis-url': 'redis://:token@127.0.0.1:6379/0',
  'jwt-keys': JWT,
  'smtp-url': 'smtp://user:pass@email-smtp.eu-west-1.amazonaws.com:587',
};

/** Runs the API's own check; returns { status, stderr }. */
function check(command, vars) {
  const r = spawnSync(BINARY, ['check-config', command], { env: { PATH: process.env.PATH, ...vars }, encoding: 'utf8' });
  return { status: r.status, stderr: r.stderr };
}

/** A secret file path in the pod -> a temp file holding a sample value of that key. */
function sampleFile(podPath) {
  const key = basename(podPath);
  assert.ok(key in SECRET_SAMPLES, `no sample for secret key ${key} (${podPath})`);
  const file = join(tmp, key);
  writeFileSync(file, `${SECRET_SAMPLES[key]}\n`);
  return file;
}

/** The NOTEJAM_* variables a container gets: its ConfigMaps (envFrom) and env entries, as the kubelet resolves them. */
function containerEnv(objects, container) {
  const maps = Object.fromEntries(ofKind(objects, 'ConfigMap').map((c) => [c.metadata.name, c.data ?? {}]));
  const vars = {};
  for (const from of container.envFrom ?? []) {
    assert.ok(from.configMapRef, 'only ConfigMaps are loaded whole');
    Object.assign(vars, maps[from.configMapRef.name]);
  }
  for (const e of container.env ?? []) {
    if (e.value !== undefined) vars[e.name] = e.value;
    else if (e.valueFrom?.configMapKeyRef) vars[e.name] = maps[e.valueFrom.configMapKeyRef.name][e.valueFrom.configMapKeyRef.key];
    else assert.fail(`${e.name}: secrets reach the API as files (*_FILE), not as env values`);
  }
  const api = Object.fromEntries(Object.entries(vars).filter(([k]) => k.startsWith('NOTEJAM_')));
  for (const [k, v] of Object.entries(api)) if (k.endsWith('_FILE')) api[k] = sampleFile(v);
  return api;
}

function apiContainers(objects) {
  const image = allContainers(objects).find((c) => c.workload.kind === 'Deployment' && c.container.name === 'api').container.image;
  return allContainers(objects).filter((c) => c.container.image === image);
}

const RELEASES = [
  ...CHART_ENVS.notejam.map((env) => ({ what: env, opts: { env }, hops: 2, path: 'CloudFront -> ALB (TargetGroupBinding)' })),
];

for (const { what, opts, hops, path } of RELEASES) {
  describe(`notejam chart (${what})`, async () => {
    const objects = await render('helm4', 'notejam', opts);
    const containers = apiContainers(objects);

    test('the API and its migrations are both checked (they run the API image)', () => {
      const commands = containers.map((c) => c.container.args?.[0] ?? 'serve').sort();
      assert.deepEqual([...new Set(commands)], ['migrate', 'serve']);
    });

    test('every NOTEJAM_* variable given to the API image is one it reads, with a value it accepts', () => {
      for (const { container, where } of containers) {
        const command = container.args?.[0] ?? 'serve';
        const r = check(command, containerEnv(objects, container));
        assert.equal(r.status, 0, `${where}: ${r.stderr}`);
      }
    });

    test(`proxy hops match the path traffic takes: ${path} = ${hops}`, () => {
      const api = containers.find((c) => c.container.name === 'api').container;
      assert.equal(containerEnv(objects, api).NOTEJAM_TRUSTED_PROXIES, String(hops));
    });
  });
}

describe('docker-compose.yml', () => {
  const compose = parse(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true });
  // ${VAR:-default} -> default, ${VAR:?message} -> the sample .env value, as `docker compose` substitutes them.
  const dotenv = { POSTGRES_PASSWORD: 'pw', REDIS_PASSWORD: 'token', NOTEJAM_JWT_KEYS: JWT };
  const substitute = (v) => String(v).replace(/\$\{(\w+)(?::?[-?]([^}]*))?\}/g, (_, name, rest) => dotenv[name] ?? rest ?? '');
  const services = Object.entries(compose.services).filter(([, s]) => /^notejam-api:/.test(s.image));

  test('the API and its migrations are both checked', () => {
    assert.deepEqual(services.map(([, s]) => s.command[0]).sort(), ['migrate', 'serve']);
  });

  test('every NOTEJAM_* variable compose gives the API image is one it reads, with a value it accepts', () => {
    for (const [name, s] of services) {
      const vars = Object.fromEntries(Object.entries(s.environment).map(([k, v]) => [k, substitute(v)]));
      const r = check(s.command[0], vars);
      assert.equal(r.status, 0, `${name}: ${r.stderr}`);
    }
  });

  test('proxy hops: the web container\'s nginx is the one hop in front of the API', () => {
    const api = services.find(([, s]) => s.command[0] === 'serve')[1];
    assert.equal(api.environment.NOTEJAM_TRUSTED_PROXIES, '1');
    assert.match(readFileSync(join(ROOT, 'docker/web/api-proxy.conf.in'), 'utf8'), /X-Forwarded-For \$proxy_add_x_forwarded_for/);
  });
});

test('the check itself refuses a misspelt variable (so a pass above means something)', () => {
  const r = check('serve', { NOTEJAM_DATABASE_URL: SECRET_SAMPLES['database-url'], NOTEJAM_REDIS_URL: SECRET_SAMPLES['redis-url'],
    NOTEJAM_JWT_KEYS: JWT, NOTEJAM_TRUST_PROXY: 'true' });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /NOTEJAM_TRUST_PROXY/);
});
