// Generates the Postman collection of contract and negative tests from an OpenAPI file with Portman
// (portman-config.json: which checks, variables, order; postman-config.json: folders by tag). Nothing here is
// hand-written per operation: Portman derives requests, schema checks and the fuzzed 422 variations from the spec.
// Usage: node generate.mjs OUT.json [SPEC] (make api-collection); or import { generateCollection }.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const here = dirname(fileURLToPath(import.meta.url));
export const SPEC = resolve(here, '../../openapi.yaml');

/** Writes the collection to out and returns it parsed. */
export async function generateCollection(out, spec = SPEC) {
  mkdirSync(dirname(out), { recursive: true });
  const args = ['-l', spec, '-c', join(here, 'portman-config.json'), '-s', join(here, 'postman-config.json'),
    '-o', out, '--includeTests', 'true', '--syncPostman', 'false', '--runNewman', 'false', '--logAssignVariables', 'false'];
  const scratch = mkdtempSync(join(tmpdir(), 'notejam-portman-')); // Portman writes tmp/working/ in its cwd
  try {
    await promisify(execFile)(join(here, 'node_modules/.bin/portman'), args, { cwd: scratch, maxBuffer: 16 << 20 });
  } catch (e) {
    throw new Error(`portman failed: ${e.message}\n${e.stdout ?? ''}${e.stderr ?? ''}`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return accountLast(out, JSON.parse(readFileSync(out, 'utf8')));
}

/** Portman appends its variation folder after the tag folders; the account folder ends with DELETE /me, after which
 * the user's token is 401 everywhere, so that folder moves to the end (written back to out). */
function accountLast(out, collection) {
  const i = collection.item.findIndex((f) => f.name === 'account');
  if (i < 0) throw new Error('the generated collection has no account folder');
  collection.item.push(...collection.item.splice(i, 1));
  writeFileSync(out, JSON.stringify(collection, null, 2));
  return collection;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = resolve(process.argv[2] || 'notejam.postman_collection.json');
  const collection = await generateCollection(out, process.argv[3] ? resolve(process.argv[3]) : SPEC);
  const count = (items) => items.reduce((n, i) => n + (i.item ? count(i.item) : 1), 0);
  console.log(`api collection: ${out} (${count(collection.item)} requests; import it into Postman and set baseUrl)`);
}
