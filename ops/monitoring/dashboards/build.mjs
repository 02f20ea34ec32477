// Writes every dashboard as Grafana JSON: node build.mjs OUTDIR (make dashboard: build/dashboards/<name>.json).
// The JSON is build output, never committed; tests/monitoring checks the same dashboards().
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { grafana } from './grafana.mjs';
import notejam from './notejam.mjs';

export const dashboards = () => [{ file: 'notejam.json', json: grafana(notejam) }];

if (resolve(process.argv[1] ?? '') === fileURLToPath(import.meta.url)) {
  const out = process.argv[2];
  if (!out) throw new Error('usage: node build.mjs OUTDIR');
  mkdirSync(out, { recursive: true });
  for (const { file, json } of dashboards()) {
    writeFileSync(join(out, file), `${JSON.stringify(json, null, 2)}\n`);
    console.log(join(out, file));
  }
}
