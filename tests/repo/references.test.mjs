// The repository stands alone: every file it names exists in it. Reads every tracked text file, finds the paths it
// names (`docs/api.md`, ci/bin/x.sh, ./lib/y.mjs, README.md ...) and checks each against the tracked tree, from the
// repository root or from the naming file's own folder. Placeholders (<env>, ${X}, *, {a,b}) and URLs are not paths.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { root, repoFiles } from './lib/files.mjs';

const tracked = repoFiles().filter((f) => existsSync(path.join(root, f)));
const files = new Set(tracked);
const dirs = new Set(tracked.flatMap((f) => f.split('/').slice(0, -1).map((_, i, a) => a.slice(0, i + 1).join('/'))));

const TEXT = /\.(md|ya?ml|json|sh|mjs|js|jsx|c|h|sql|tf|tftest\.hcl|hcl|tpl|mk|txt|conf|Containerfile)$|(^|\/)(Makefile|Dockerfile\.\w+|run)$/;
const EXT = 'md|ya?ml|json|sh|mjs|jsx?|c|h|sql|tf|hcl|py|tpl|mk|conf|txt|Containerfile';
// a path: optional ./ or ../, then segments, ending in a known extension; or a bare UPPERCASE.md name.
const PATH = new RegExp(String.raw`(?<![\w./@:\x24{}()-])((?:\.{1,2}/)*(?:[\w.-]+/)*[\w.-]+\.(?:${EXT}))(?![\w/-]|\.\w)`, 'g');
const SKIP_FILES = /(^|\/)(package-lock\.json|\.terraform\.lock\.hcl)$|^tests\/.*\/(fixtures|corpus|schemas)\/|^tests\/repo\//;

function referencesIn(file) {
  const text = readFileSync(path.join(root, file), 'utf8');
  const found = [];
  text.split('\n').forEach((line, i) => {
    // the compiler checks includes and node checks imports; GitLab's own templates are not ours
    if (/^\s*#\s*include\b|\btemplate:|^\s*import\b|\bfrom\s+['"]|require\(|\.resolve\(/.test(line)) return;
    const clean = line.replace(/\bSCRIPTDIR\//g, './').replace(/[a-z][\w+.-]*:\/\/\S+/gi, ' ');           // URLs name other hosts' files
    for (const m of clean.matchAll(PATH)) {
      const ref = m[1];
      // a bare name counts when it is a document's (design.md, README.md): it must be some tracked file's name
      if (/[<>{}$*]/.test(ref) || !ref.includes('/') && !/\.md$/.test(ref)) continue;
      found.push({ ref, line: i + 1 });
    }
  });
  return found;
}

// Build output and local state (.gitignore'd, e.g. bench/results.md) is named by the commands that write it.
const ignored = (p) => { try { execFileSync('git', ['check-ignore', '-q', '--no-index', p], { cwd: root }); return true; } catch { return false; } };

// A short path (`store/db.c` in a comment under api/src) may name any tracked file it is the tail of.
const tails = new Set([...files, ...dirs].flatMap((f) => f.split('/').map((_, i, a) => a.slice(i).join('/'))));

function exists(ref, from) {
  if (ref.startsWith('../') && path.posix.normalize(path.posix.join(path.posix.dirname(from), ref)).startsWith('..')) return false;
  const candidates = [path.posix.normalize(ref), path.posix.normalize(path.posix.join(path.posix.dirname(from), ref))];
  return candidates.some((c) => !c.startsWith('..') && (files.has(c) || dirs.has(c) || ignored(c)))
    || (!ref.startsWith('.') && tails.has(ref));
}

// Test code names made-up files as data; there only outside paths and UPPERCASE.md names are checked.
const isTestCode = (f) => /\.test\.mjs$|\.tftest\.hcl$|^tests\/terraform\/static\.sh$/.test(f);

test('every file the repository names exists in it (nothing cites files outside the repository)', () => {
  const missing = [];
  for (const file of tracked.filter((f) => TEXT.test(f) && !SKIP_FILES.test(f))) {
    for (const { ref, line } of referencesIn(file)) {
      if (isTestCode(file) && !ref.startsWith('../') && !/^[A-Z][A-Z_-]*\.md$/.test(ref)) continue;
      if (!exists(ref, file)) missing.push(`${file}:${line}: ${ref}`);
    }
  }
  assert.deepEqual(missing, []);
});

test('the check sees a missing file and an outside one', () => {
  assert.equal(exists('docs/design.md', 'README.md'), true);
  assert.equal(exists('./lib/stack.mjs', 'tests/api/helpers.mjs'), false);
  assert.equal(exists('../lib/stack.mjs', 'tests/api/helpers.mjs'), true);
  assert.equal(exists('../shared/DESIGN.md', 'README.md'), false);
  assert.equal(exists('docs/no-such-page.md', 'README.md'), false);
  assert.equal(exists('interfaces.md', 'charts/notejam/files/prometheus-rules.yaml'), false); // a bare document name
  assert.equal(exists('conventions.md', 'README.md'), true);
});
