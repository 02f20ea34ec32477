// One API process of a multi-instance setup: same env as the stack's API (shared PostgreSQL and Redis) but its own
// port, with stdout/stderr going to a log file instead of memory (long load runs write many log lines).
import { spawn } from 'node:child_process';
import { openSync, closeSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, freePort, waitFor } from '../../lib/stack.mjs';

/** opts: { env (the stack's api.env), name, dir (for the log), port?, binary?, extraEnv? } */
export function apiInstance(opts) {
  const port = opts.port ?? freePort();
  const url = `http://127.0.0.1:${port}`;
  const logFile = join(opts.dir, `${opts.name}.log`);
  const binary = opts.binary ?? join(ROOT, 'build', 'notejam');
  let proc = null;
  let exited = null;
  return {
    name: opts.name,
    port,
    url,
    logFile,
    get pid() {
      return proc?.pid;
    },
    get running() {
      return !!proc && proc.exitCode === null && proc.signalCode === null;
    },
    logs: () => readFileSync(logFile, 'utf8'),
    /** Starts the process and resolves once /readyz answers 200. */
    async start() {
      const fd = openSync(logFile, 'a');
      const env = { ...opts.env, NOTEJAM_LISTEN: `127.0.0.1:${port}`, ...(opts.extraEnv ?? {}) };
      proc = spawn(binary, ['serve'], { env, stdio: ['ignore', fd, fd] });
      closeSync(fd);
      exited = new Promise((resolve) => proc.on('exit', (code, signal) => resolve(code ?? signal)));
      const died = exited.then((c) => {
        throw new Error(`${opts.name} exited with ${c} during start-up`);
      });
      died.catch(() => {});
      await Promise.race([
        died,
        waitFor(async () => (await fetch(`${url}/readyz`)).status === 200, { what: `${opts.name} /readyz` }),
      ]);
    },
    /** Sends the signal; resolves with the exit code (or signal name). */
    async stop(signal = 'SIGTERM') {
      if (!proc) return null;
      if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal);
      return exited;
    },
    /** Resident set size in KiB, from /proc. */
    rssKiB() {
      const m = readFileSync(`/proc/${proc.pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+)/m);
      return m ? Number(m[1]) : 0;
    },
    /** User + system CPU seconds used so far, from /proc. */
    cpuSeconds() {
      const f = readFileSync(`/proc/${proc.pid}/stat`, 'utf8');
      const fields = f.slice(f.lastIndexOf(')') + 2).split(' ');
      return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
    },
  };
}
