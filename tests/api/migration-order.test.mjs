// How `notejam migrate` treats gaps in the numbering: it applies every file not yet recorded, in name order, so a
// branch's 0004 can land before another branch's 0002/0003, and those are still applied when they arrive.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setup, teardown } from './helpers.mjs';

let t, dir;
before(async () => {
  t = await setup();
  dir = mkdtempSync(join(tmpdir(), 'notejam-migrations-'));
});
after(async () => {
  rmSync(dir, { recursive: true, force: true });
  await teardown(t);
});

test('a gap in the numbering is filled later: 0001 + 0004 first, then 0002 is still applied', async () => {
  const src = new URL('../../api/migrations/', import.meta.url).pathname;
  for (const f of ['0001_init.sql', '0004_row_versions.sql']) copyFileSync(join(src, f), join(dir, f));
  const admin = t.stack.pg.url.replace(/\/notejam$/, '/postgres');
  execFileSync('psql', [admin, '-qc', 'CREATE DATABASE migrate_gap']);
  const url = t.stack.pg.url.replace(/\/notejam$/, '/migrate_gap');
  const env = { ...t.stack.api.env, NOTEJAM_DATABASE_URL: url, NOTEJAM_MIGRATIONS_DIR: dir };
  const bin = new URL(`../../build/${process.env.NOTEJAM_TEST_ASAN === '1' ? 'asan/' : ''}notejam`, import.meta.url).pathname;
  const migrate = () => new Promise((resolve) => spawn(bin, ['migrate'], { env, stdio: 'ignore' }).on('exit', resolve));
  const versions = () => execFileSync('psql', [url, '-Atc', 'SELECT string_agg(version::text, \',\' ORDER BY version) FROM schema_migrations']).toString().trim();
  assert.equal(await migrate(), 0);
  assert.equal(versions(), '1,4', '0004 needs nothing from 0002/0003');
  writeFileSync(join(dir, '0002_late.sql'), 'CREATE TABLE late_probe (x int);\n');
  assert.equal(await migrate(), 0);
  assert.equal(versions(), '1,2,4', 'the late 0002 is applied after 0004');
  assert.equal(execFileSync('psql', [url, '-Atc', "SELECT count(*) FROM information_schema.columns WHERE table_name IN ('pads', 'notes') AND column_name = 'version'"]).toString().trim(), '2');
});
