// Builds the API reference page (/api/docs) into dist-docs/: Swagger UI and docs/docs.js bundled by esbuild into
// docs.js and docs.css, and an index.html that loads them with their content hash as ?v= (cache busting; no inline
// script or style). A bundle of its own, never part of the SPA's. The API serves exactly these three files from
// NOTEJAM_DOCS_ROOT. Usage: node build-docs.mjs [outdir]
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = dirname(fileURLToPath(import.meta.url));
const out = resolve(process.argv[2] || join(root, 'dist-docs'));

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const result = await build({
  entryPoints: [join(root, 'docs/docs.js'), join(root, 'docs/docs.css')],
  bundle: true,
  minify: true,
  format: 'iife',
  target: ['es2020'],
  outdir: out,
  entryNames: '[name]',
  legalComments: 'none',
  metafile: true,
  absWorkingDir: root,
  logLevel: 'warning',
  loader: { '.png': 'dataurl', '.svg': 'dataurl' },
  define: { 'process.env.NODE_ENV': '"production"' },
});

const outputs = Object.keys(result.metafile.outputs).map((p) => join(root, p));
const pick = (ext) => {
  const found = outputs.filter((p) => p.endsWith(ext));
  if (found.length !== 1) throw new Error(`expected one ${ext} bundle, got ${found.length}`);
  return found[0];
};
const js = pick('.js');
const css = pick('.css');
const version = (file) => createHash('sha256').update(readFileSync(file)).digest('hex').slice(0, 12);
const html = readFileSync(join(root, 'docs/index.html'), 'utf8')
  .replace('{{js}}', `/api/docs/${basename(js)}?v=${version(js)}`)
  .replace('{{css}}', `/api/docs/${basename(css)}?v=${version(css)}`);
writeFileSync(join(out, 'index.html'), html);

const kb = (file) => `${(gzipSync(readFileSync(file), { level: 9 }).length / 1024).toFixed(1)} KB`;
console.log(`docs build: ${basename(js)} ${kb(js)} gz, ${basename(css)} ${kb(css)} gz (served at /api/docs)`);
