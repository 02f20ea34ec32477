// Writes dist/index.html and fingerprinted dist/assets/app-<hash>.{js,css}, like the real web build.
import { createHash } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';

const js = "document.getElementById('app').textContent = 'notejam fixture';\n";
const css = 'body { font-family: sans-serif; }\n'.repeat(20);
const hash = (s) => createHash('sha256').update(s).digest('hex').slice(0, 8);
rmSync('dist', { recursive: true, force: true });
mkdirSync('dist/assets', { recursive: true });
writeFileSync(`dist/assets/app-${hash(js)}.js`, js);
writeFileSync(`dist/assets/app-${hash(css)}.css`, css);
writeFileSync('dist/index.html', `<!doctype html>
<html><head><meta charset="utf-8"><title>Notejam</title>
<link rel="stylesheet" href="/assets/app-${hash(css)}.css"></head>
<body><div id="app"></div><script type="module" src="/assets/app-${hash(js)}.js"></script></body></html>
`);
