// What the numbers were measured on: CPU, cores, memory, kernel, load, versions.
import { cpus, totalmem, release, loadavg } from 'node:os';
import { execFileSync } from 'node:child_process';

const sh = (cmd, args) => {
  try {
    return execFileSync(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] }).toString().trim();
  } catch {
    return 'unknown';
  }
};

export function machine(pgUrl) {
  return {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGiB: (totalmem() / 2 ** 30).toFixed(1),
    kernel: release(),
    loadavg: loadavg().map((x) => x.toFixed(2)).join(' '),
    commit: sh('git', ['describe', '--always', '--dirty']),
    postgres: pgUrl ? sh('psql', [pgUrl, '-Atc', 'SHOW server_version']) : 'unknown',
    wrk: sh('dpkg-query', ['-W', '-f=${Version}', 'wrk']),
    civetweb: sh('dpkg-query', ['-W', '-f=${Version}', 'libcivetweb1']),
  };
}
