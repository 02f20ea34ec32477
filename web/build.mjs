// Builds the SPA into dist/: one JS and one CSS bundle with content hashes in their names, and an index.html
// that loads them (no inline script or style, so `script-src 'self'; style-src 'self'` holds). Prints gzip sizes.
// Runs on Node 18 (Debian 12) and Node 20. Usage: node build.mjs [outdir] (default dist/).
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = dirname(fileURLToPath(import.meta.url));
const dist = resolve(process.argv[2] || join(root, 'dist')); // `node build.mjs [outdir]`
const assets = join(dist, 'assets');

rmSync(dist, { recursive: true, force: true });
mkdirSync(assets, { recursive: true });

const result = await build({
  entryPoints: [join(root, 'src/main.jsx')],
  bundle: true,
  minify: true,
  format: 'esm',
  target: ['es2020'],
  jsx: 'automatic',
  jsxImportSource: 'preact',
  outdir: assets,
  entryNames: '[name]-[hash]',
  legalComments: 'none',
  metafile: true,
  absWorkingDir: root,
  logLevel: 'warning',
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

// The favicon gets a content hash too, so every file under /assets/ can be cached forever.
const icon = readFileSync(join(root, 'src/favicon.svg'));
const iconName = `favicon-${createHash('sha256').update(icon).digest('hex').slice(0, 8)}.svg`;
copyFileSync(join(root, 'src/favicon.svg'), join(assets, iconName));

const url = (file) => `/${relative(dist, file).split('\\').join('/')}`;
const html = readFileSync(join(root, 'src/index.html'), 'utf8')
  .replace('{{js}}', url(js))
  .replace('{{css}}', url(css))
  .replace('{{favicon}}', `/assets/${iconName}`);
writeFileSync(join(dist, 'index.html'), html);

const gz = (file) => gzipSync(readFileSync(file), { level: 9 }).length;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const total = gz(js) + gz(css);
console.log(`web build: ${basename(js)} ${kb(gz(js))} gz, ${basename(css)} ${kb(gz(css))} gz, JS+CSS ${kb(total)} gzipped`);
