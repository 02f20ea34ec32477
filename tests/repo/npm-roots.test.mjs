// The npm roots agree with each other and with the make files that install them. There is one root per suite that
// needs npm tools (docs/conventions.md, "Installing tools"), so a suite and its CI job install only what they run;
// what several roots share must then be one package at one version: one YAML library, one Playwright.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { root, repoFiles } from './lib/files.mjs';

const tracked = repoFiles();
const roots = tracked.filter((f) => /(^|\/)package\.json$/.test(f) && !f.includes('node_modules/'))
  .map((f) => path.dirname(f));
const readJson = (f) => JSON.parse(readFileSync(path.join(root, f), 'utf8'));
const manifest = Object.fromEntries(roots.map((d) => [d, readJson(`${d}/package.json`)]));
const deps = (d) => ({ ...manifest[d].dependencies, ...manifest[d].devDependencies });
// Packages that do the same job: a root picks the one the others use.
const SAME_JOB = [
  ['yaml', 'js-yaml', 'yamljs', 'yaml-js'],
  ['playwright-core', 'playwright', 'puppeteer', 'puppeteer-core'],
  ['ajv', 'jsonschema', 'z-schema'],
];

test('there are npm roots to check', () => {
  assert.ok(roots.length >= 2, `found ${roots}`);
});

test('every npm root has its lockfile, and the lockfile installs the versions package.json pins', () => {
  for (const d of roots) {
    assert.ok(tracked.includes(`${d}/package-lock.json`), `${d}/package-lock.json is missing (npm ci needs it)`);
    const lock = readJson(`${d}/package-lock.json`);
    for (const [name, spec] of Object.entries(deps(d))) {
      if (spec.startsWith('npm:')) continue; // an alias names another package; npm ci checks it
      assert.match(spec, /^\d+\.\d+\.\d+$/, `${d}: ${name} is pinned to an exact version, not "${spec}"`);
      assert.equal(lock.packages?.[`node_modules/${name}`]?.version, spec, `${d}: the lockfile's ${name} is not ${spec}`);
    }
  }
});

test('a package several roots use is at one version in all of them', () => {
  const seen = new Map();
  for (const d of roots) {
    for (const [name, spec] of Object.entries(deps(d))) seen.set(name, [...(seen.get(name) ?? []), `${d}: ${spec}`]);
  }
  for (const [name, uses] of seen) {
    const versions = new Set(uses.map((u) => u.split(': ')[1]));
    assert.equal(versions.size, 1, `${name} at several versions: ${uses.join(', ')}`);
  }
});

test('one package per job across the roots (one YAML library, one browser driver, one JSON Schema validator)', () => {
  const all = new Set(roots.flatMap((d) => Object.keys(deps(d))));
  for (const group of SAME_JOB) {
    const used = group.filter((p) => all.has(p));
    assert.ok(used.length <= 1, `several packages do one job: ${used.join(', ')}`);
  }
});

test('every npm root is installed by a make target, and every installed folder is a root', () => {
  const mk = ['Makefile', ...tracked.filter((f) => /^mk\/.*\.mk$/.test(f))].map((f) => readFileSync(path.join(root, f), 'utf8')).join('\n');
  const vars = Object.fromEntries([...mk.matchAll(/^(\w+)\s*:?=\s*(?:\$\(ROOT\)\/)?(\S+)\s*$/gm)].map((m) => [m[1], m[2]]));
  const installed = [...mk.matchAll(/\$\(ENSURE_NPM\)\s+(\S+)/g)]
    .map((m) => m[1].replace(/^\$\(ROOT\)\/?/, '').replace(/^\$\((\w+)\)$/, (_, v) => vars[v] ?? `$(${v})`))
    .map((d) => d.replace(/^\$\(ROOT\)\/?/, ''));
  for (const d of roots) assert.ok(installed.includes(d), `nothing runs scripts/ensure-npm.sh ${d}`);
  for (const d of new Set(installed)) assert.ok(roots.includes(d), `make installs ${d}, which has no package.json`);
});
