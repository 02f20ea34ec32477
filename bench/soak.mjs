// make soak: SOAK_SECONDS (default 600) of steady mixed load (bench/wrk/mixed.lua, paced, not saturating) plus a
// sign-in every second (Argon2id, 19 MiB each) and a /metrics scrape every 5 s, with the API's RSS, open files and
// threads sampled every 5 s. civetweb hands new connections to whichever worker is free, so RSS first creeps up as
// more of the 300 threads get used once (a stack and malloc's per-thread cache each: bounded, ~30 KiB per thread);
// a 3 s warm-up with 290 connections at once touches them all before sampling starts. Memory is "flat" when the
// last minute's median RSS is within 3% (+0.5 MiB) of the second minute's. Prints the samples, writes bench/results-soak.md, exit 1 on a failed request or growth.
import { writeFileSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchStack, stopBench, PASSWORD } from './lib/setup.mjs';
import { wrk, BENCH } from './lib/tools.mjs';
import { machine } from './lib/machine.mjs';
import { manyConnections } from './lib/conns.mjs';

const seconds = Number(process.env.SOAK_SECONDS ?? 600);
const step = 5;
const b = await benchStack();
const stopAll = async () => stopBench(b).catch(() => {});
process.on('SIGINT', async () => { await stopAll(); process.exit(130); });
const info = machine(b.stack.pg.url);
const samples = [];
const sample = () => {
  const threads = Number(readFileSync(`/proc/${b.api.pid}/status`, 'utf8').match(/^Threads:\s+(\d+)/m)[1]);
  samples.push({ t: samples.length * step, rssKiB: b.api.rssKiB(), fds: readdirSync(`/proc/${b.api.pid}/fd`).length, threads, cpu: b.api.cpuSeconds() });
};
let running = true, signins = 0, signinFailed = 0, scrapes = 0;
const side = (async () => {
  for (let i = 0; running; i++) {
    const r = await fetch(`${b.api.url}/api/v1/auth/signin`, { method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: b.real[i % b.real.length], password: PASSWORD }) });
    await r.text();
    if (r.status === 200) signins++;
    else signinFailed++;
    if (i % 5 === 0) {
      await (await fetch(`${b.api.url}/metrics`)).text();
      scrapes++;
    }
    await new Promise((res) => setTimeout(res, 1000));
  }
})();
let w;
const rssCold = b.api.rssKiB();
try {
  const tokenList = readFileSync(b.tokensFile, 'utf8').trim().split('\n');
  await manyConnections({ port: b.api.port, path: '/api/v1/notes?limit=20', tokens: tokenList, n: 290, seconds: 3 });
  sample();
  const timer = setInterval(sample, step * 1000);
  w = await wrk({ url: b.api.url, script: 'mixed.lua', tokens: b.tokensFile, seconds, connections: 8, threads: 1, delayMs: 2 });
  clearInterval(timer);
  sample();
  running = false;
  await side;
} finally {
  running = false;
  await stopAll();
}

const med = (xs) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
const minute = (m) => samples.filter((s) => s.t >= (m - 1) * 60 && s.t < m * 60).map((s) => s.rssKiB);
const early = med(minute(Math.min(2, Math.ceil(seconds / 60)))) ?? samples[0].rssKiB;
const late = med(samples.filter((s) => s.t >= seconds - 60).map((s) => s.rssKiB));
const flat = late <= early * 1.03 + 512;
const cpuMs = ((samples.at(-1).cpu - samples[0].cpu) * 1000) / (w.requests + signins);
const problems = [];
if (!flat) problems.push(`RSS grew: ${(early / 1024).toFixed(1)} -> ${(late / 1024).toFixed(1)} MiB`);
if (w.bad || w.errors) problems.push(`${w.bad} non-2xx (last ${w.lastBad}), ${w.errors} socket errors`);
if (signinFailed) problems.push(`${signinFailed} sign-ins failed`);
const mib = (k) => (k / 1024).toFixed(1);
const table = samples.filter((s, i) => i % 12 === 0 || i === samples.length - 1)
  .map((s) => `| ${s.t} | ${mib(s.rssKiB)} | ${s.fds} | ${s.threads} |`).join('\n');
const text = `# Notejam soak results

${new Date().toISOString()}, commit ${info.commit}: ${seconds} s of mixed load (70% list, 20% create, 10% pads; 8
connections, 2 ms pause) = ${w.requests} requests (${w.rps.toFixed(0)}/s, p50 ${w.p50.toFixed(1)} ms, p99
${w.p99.toFixed(1)} ms, ${w.bad + w.errors} failed), ${signins} sign-ins, ${scrapes} /metrics scrapes.

RSS: ${mib(rssCold)} MiB idle, ${mib(samples[0].rssKiB)} MiB after the warm-up, median ${mib(early)} MiB in minute 2, median ${mib(late)} MiB in the last
minute, max ${mib(Math.max(...samples.map((s) => s.rssKiB)))} MiB: **${flat ? 'flat' : 'GROWING'}**. CPU ${cpuMs.toFixed(3)} ms per request.

| second | RSS MiB | open fds | threads |
| --- | --- | --- | --- |
${table}

Machine: ${info.cpu}, ${info.cores} cores, Linux ${info.kernel}, load average ${info.loadavg} at the start.
${problems.length ? `\n**Problems:** ${problems.join('; ')}\n` : ''}`;
writeFileSync(join(BENCH, 'results-soak.md'), text);
console.log(text);
process.exit(problems.length ? 1 : 0);
