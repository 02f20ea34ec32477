// A private nginx (Debian's binary, our own config, prefix and logs in a temp dir) balancing over API instances
// on loopback, like the ALB in production: round robin, retry on connection errors (proxy_next_upstream), and
// reconfigurable (deregister/register) with a graceful reload.
import { spawn, execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, waitFor } from '../../lib/stack.mjs';

function config({ dir, port, upstreams, generation, maxFails = 1 }) {
  const servers = upstreams.length
    ? upstreams.map((u) => `    server 127.0.0.1:${u} max_fails=${maxFails} fail_timeout=2s;`).join('\n')
    : '    server 127.0.0.1:1 down;';
  const user = process.getuid?.() === 0 ? 'user root;\n' : '';
  return `${user}worker_processes 1;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 4096; }
http {
  log_format lb '$msec|$request_method|$uri|$status|$upstream_addr|$upstream_status|$request_time';
  access_log ${dir}/access.log lb;
  client_body_temp_path ${dir}/tmp/body;
  proxy_temp_path ${dir}/tmp/proxy;
  fastcgi_temp_path ${dir}/tmp/fastcgi;
  uwsgi_temp_path ${dir}/tmp/uwsgi;
  scgi_temp_path ${dir}/tmp/scgi;
  upstream notejam {
${servers}
  }
  server {
    listen 127.0.0.1:${port};
    location = /lb-generation { return 200 "${generation}"; }
    location / {
      proxy_pass http://notejam;
      proxy_next_upstream error timeout;
      proxy_next_upstream_tries 3;
      proxy_connect_timeout 1s;
      proxy_read_timeout 30s;
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
    }
  }
}
`;
}

/** Starts nginx in front of the given upstream ports; resolves once it answers. */
export async function startNginx({ dir, upstreams, maxFails = 1 }) {
  mkdirSync(join(dir, 'tmp'), { recursive: true });
  const port = freePort();
  const conf = join(dir, 'nginx.conf');
  let generation = 1;
  let current = [...upstreams];
  writeFileSync(conf, config({ dir, port, upstreams: current, generation, maxFails }));
  const proc = spawn('nginx', ['-p', dir, '-e', join(dir, 'error.log'), '-c', conf], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  proc.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise((r) => proc.on('exit', r));
  const url = `http://127.0.0.1:${port}`;
  const workers = () => readFileSync(`/proc/${proc.pid}/task/${proc.pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).length;
  const generationIs = async (g) => (await (await fetch(`${url}/lb-generation`, { headers: { connection: 'close' } })).text()) === String(g);
  await waitFor(() => generationIs(generation), { what: `nginx on ${port}: ${stderr}` });
  return {
    url,
    port,
    get upstreams() {
      return [...current];
    },
    /** Rewrites the upstream list and reloads gracefully; resolves once new workers answer with the new config. */
    async setUpstreams(list) {
      current = [...list];
      generation++;
      writeFileSync(conf, config({ dir, port, upstreams: current, generation, maxFails }));
      execFileSync('nginx', ['-t', '-q', '-p', dir, '-e', join(dir, 'error.log'), '-c', conf]);
      proc.kill('SIGHUP');
      await waitFor(async () => (await generationIs(generation)) && (await generationIs(generation)), { what: 'nginx reload' });
      // the old worker finishes what it accepted under the old upstream list, then exits: only then is the change complete
      await waitFor(() => workers() === 1, { timeoutMs: 30000, what: 'the old nginx worker to finish' });
    },
    /** Access log lines: { t, method, uri, status, tried: [addr...], upstream: the address that answered }. */
    accessLog() {
      return readFileSync(join(dir, 'access.log'), 'utf8').trim().split('\n').filter(Boolean).map((l) => {
        const [t, method, uri, status, addrs, upstreamStatus] = l.split('|');
        const tried = addrs.split(/, | : /);
        return { t: Number(t) * 1000, method, uri, status: Number(status), tried, upstream: tried[tried.length - 1], upstreamStatus };
      });
    },
    errorLog: () => readFileSync(join(dir, 'error.log'), 'utf8'),
    async stop() {
      proc.kill('SIGQUIT');
      await exited;
    },
  };
}
