// A private Prometheus server (Debian's prometheus package) that scrapes one target every second and evaluates the
// chart's rule file, on a free loopback port in a temporary directory.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, waitFor } from '../../lib/stack.mjs';

// target: 'host:port'; labels: extra target labels (what the Prometheus Operator would add, e.g. namespace, pod).
export async function startPrometheus({ target, job, labels, rulesFile }) {
  const dir = mkdtempSync(join(tmpdir(), 'notejam-prom-'));
  const config = {
    global: { scrape_interval: '1s', evaluation_interval: '1s' },
    rule_files: [rulesFile],
    scrape_configs: [{ job_name: job, static_configs: [{ targets: [target], labels }] }],
  };
  writeFileSync(join(dir, 'prometheus.yml'), JSON.stringify(config)); // JSON is YAML
  const port = freePort();
  const url = `http://127.0.0.1:${port}`;
  let output = '';
  const proc = spawn('prometheus', [`--config.file=${join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${join(dir, 'data')}`,
    `--web.listen-address=127.0.0.1:${port}`, '--log.level=warn'], { stdio: ['ignore', 'pipe', 'pipe'] });
  proc.stdout.on('data', (d) => (output += d));
  proc.stderr.on('data', (d) => (output += d));
  const exited = new Promise((r) => proc.on('exit', r));

  async function query(expr) {
    const res = await fetch(`${url}/api/v1/query?query=${encodeURIComponent(expr)}`);
    const body = await res.json();
    if (body.status !== 'success') throw new Error(`${expr}: ${body.errorType} ${body.error}`);
    return body.data.result;
  }
  async function stop() {
    proc.kill('SIGTERM');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  }
  try {
    await waitFor(async () => (await fetch(`${url}/-/ready`)).ok, { what: 'Prometheus ready', timeoutMs: 30000 });
  } catch (e) {
    await stop();
    throw new Error(`${e.message}\n${output}`);
  }
  return { url, query, stop, output: () => output };
}
