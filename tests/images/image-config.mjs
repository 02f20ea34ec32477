// Checks an image's configuration (`podman image inspect` JSON on stdin) against what the Dockerfiles promise.
// Usage: podman image inspect IMG | node image-config.mjs UID HEALTHCHECK_JSON VERSION COMMIT BUILD_TIME
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const [uid, healthcheck, version, commit, buildTime] = process.argv.slice(2);
const [image] = JSON.parse(readFileSync(0, 'utf8'));
const config = image.Config;

assert.equal(config.User.split(':')[0], uid, 'USER');
assert.ok(Object.keys(config.ExposedPorts ?? {}).includes('8080/tcp'), 'EXPOSE 8080');
// podman reports it beside Config, Docker inside it; an OCI-format build drops it.
assert.deepEqual((image.Healthcheck ?? config.Healthcheck)?.Test, JSON.parse(healthcheck), 'HEALTHCHECK (needs --format docker)');

const labels = config.Labels ?? {};
assert.equal(labels['org.opencontainers.image.version'], version);
assert.equal(labels['org.opencontainers.image.revision'], commit);
assert.equal(labels['org.opencontainers.image.created'], buildTime);
assert.ok('org.opencontainers.image.source' in labels, 'source label');

// No secret in env, labels or any layer's command (history keeps the RUN lines and build args).
const secretish = /(PASSWORD|SECRET|TOKEN|JWT_KEYS|DATABASE_URL|REDIS_URL|SMTP_URL)=\S/i;
for (const e of config.Env ?? []) assert.doesNotMatch(e, secretish, `env ${e}`);
for (const h of image.History ?? []) assert.doesNotMatch(h.created_by ?? '', secretish, `history ${h.created_by}`);
console.log(`image config ok: user ${config.User}, ${Object.keys(labels).length} labels, ${image.History.length} history entries`);
