// The repository as git sees it: its root, and the files it holds (tracked, plus new ones git does not ignore).
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** Paths relative to the root, optionally only those under the given folders. */
export function repoFiles(...under) {
  return execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard', ...under], { cwd: root })
    .toString().split('\0').filter(Boolean);
}
