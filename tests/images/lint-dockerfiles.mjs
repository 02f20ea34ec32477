// Lints Dockerfiles with dockerfile-utils (the linter behind VS Code's Docker support): fails on any
// error or warning it reports. Usage: node lint-dockerfiles.mjs FILE...
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const bin = join(dirname(fileURLToPath(import.meta.url)), 'node_modules/.bin/dockerfile-utils');
let problems = 0;
for (const file of process.argv.slice(2)) {
  let out;
  try {
    out = execFileSync(bin, ['lint', '--json', file], { encoding: 'utf8' });
  } catch (e) {
    out = e.stdout; // exits 1 when it found errors; the JSON is still on stdout
  }
  const diagnostics = JSON.parse(out);
  for (const d of diagnostics) console.log(`${file}:${d.range.start.line + 1}: ${d.severity}: ${d.message}`);
  problems += diagnostics.length;
}
if (problems) process.exit(1);
console.log(`dockerfile-utils: no problems in ${process.argv.length - 2} file(s)`);
