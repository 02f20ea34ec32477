// make bench: the API against its limits on this machine, in one run (bounded: ~3 minutes).
//  1. GET /api/v1/notes (20 newest of a random user; 1000 users, 100k notes) with wrk, alternating with the same
//     SQL through pgbench -M prepared on the same database; the ratio API req/s / pgbench tps (target >= 0.5).
//     Then search (GET /api/v1/notes?q=<word>, a random user and word) the same way against the same SQL.
//  2. POST /api/v1/notes throughput and latency.
//  3. 256 keep-alive connections at once, requests counted per connection.
//  4. A sign-in burst: the Argon2id cap (NOTEJAM_HASH_CONCURRENCY) holds; latency of reads during it.
//  5. RSS idle and under load; CPU per request (for resource requests and limits).
// Prints a table and writes bench/results.md. Exit 1 when a request failed or a limit did not hold.
import { writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchStack, stopBench, PASSWORD } from './lib/setup.mjs';
import { wrk, pgbench, BENCH } from './lib/tools.mjs';
import { manyConnections } from './lib/conns.mjs';
import { signinBurst } from './lib/burst.mjs';
import { machine } from './lib/machine.mjs';

const env = process.env;
const P = {
  rounds: Number(env.BENCH_ROUNDS ?? 5), searchRounds: Number(env.BENCH_SEARCH_ROUNDS ?? 3), seconds: Number(env.BENCH_SECONDS ?? 6), wrkConns: Number(env.BENCH_CONNECTIONS ?? 32),
  pgClients: Number(env.BENCH_PG_CLIENTS ?? 8), manyConns: 256, manySeconds: Number(env.BENCH_MANY_SECONDS ?? 15),
  signins: 120, signinConcurrency: 40, hashCap: 2, threads: 300, dbPool: 8,
};
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const summary = (rounds) => ({
  rps: median(rounds.map((r) => r.rps)), tps: median(rounds.map((r) => r.tps)), ratio: median(rounds.map((r) => r.ratio)),
  ratios: rounds.map((r) => f(r.ratio, 3)).join(', '), p50: median(rounds.map((r) => r.p50)), p99: median(rounds.map((r) => r.p99)),
  cpuMs: median(rounds.map((r) => r.cpuMs)),
});
const f = (x, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : String(x));
const problems = [];

// The seam of the search benchmark: wrk and pgbench draw from the same words.
const words = (file, re) => [...readFileSync(join(BENCH, file), 'utf8').match(re)[1].matchAll(/["']([^"']+)["']/g)].map((m) => m[1]);
const luaWords = words('wrk/notes_search.lua', /WORDS = \{([^}]*)\}/), sqlWords = words('pgbench/search_notes.sql', /ARRAY\[([^\]]*)\]/);
if (JSON.stringify(luaWords) !== JSON.stringify(sqlWords) || luaWords.length !== 16) {
  throw new Error(`search words differ: wrk ${luaWords} vs pgbench ${sqlWords}`);
}
// ... and pgbench searches the column the API's statements search
const searchDoc = readFileSync(join(BENCH, '../api/src/store/statements.c'), 'utf8').match(/#define SEARCH_DOC "(.+)"/)[1];
const pgSearch = readFileSync(join(BENCH, 'pgbench/search_notes.sql'), 'utf8');
if ((pgSearch.match(/ LIKE :/g) || []).length !== 8 || pgSearch.split(`${searchDoc} LIKE :`).length !== 9) {
  throw new Error(`bench/pgbench/search_notes.sql does not search ${searchDoc} in 8 word slots like the API`);
}
const b = await benchStack({ env: { NOTEJAM_HASH_CONCURRENCY: String(P.hashCap), NOTEJAM_DB_POOL_SIZE: String(P.dbPool) } });
const stopAll = async () => stopBench(b).catch(() => {});
process.on('SIGINT', async () => { await stopAll(); process.exit(130); });
const before = machine(b.stack.pg.url);
const tokens = readFileSync(b.tokensFile, 'utf8').trim().split('\n');
const rss = { idle: b.api.rssKiB(), loadMax: 0 };
const sampler = setInterval(() => (rss.loadMax = Math.max(rss.loadMax, b.api.rssKiB())), 200);
const cpuOf = async (fn) => {
  const c0 = b.api.cpuSeconds();
  const r = await fn();
  return { r, cpu: b.api.cpuSeconds() - c0 };
};
const out = {};
try {
  // 1. list: API and pgbench alternate so that both see the same background load
  const rounds = [];
  for (let i = 0; i < P.rounds; i++) {
    const { r: w, cpu } = await cpuOf(() => wrk({ url: b.api.url, script: 'notes_list.lua', tokens: b.tokensFile, seconds: P.seconds, connections: P.wrkConns }));
    const p = await pgbench({ dbUrl: b.stack.pg.url, script: 'list_notes.sql', seconds: P.seconds, clients: P.pgClients, vars: { first_uid: b.firstUid, last_uid: b.lastUid } });
    rounds.push({ ...w, cpuMs: (cpu * 1000) / w.requests, tps: p.tps, ratio: w.rps / p.tps });
    console.error(`round ${i + 1}: API ${f(w.rps, 0)} req/s, pgbench ${f(p.tps, 0)} tps, ratio ${f(w.rps / p.tps, 3)}`);
    if (w.bad || w.errors) problems.push(`list round ${i + 1}: ${w.bad} non-2xx (last ${w.lastBad}), ${w.errors} socket errors`);
  }
  out.list = summary(rounds);

  // 1b. search: the same alternation; pgbench plans each call (-M extended) as the API does for searches
  const searchRounds = [];
  for (let i = 0; i < P.searchRounds; i++) {
    const { r: w, cpu } = await cpuOf(() => wrk({ url: b.api.url, script: 'notes_search.lua', tokens: b.tokensFile, seconds: P.seconds, connections: P.wrkConns }));
    const p = await pgbench({ dbUrl: b.stack.pg.url, script: 'search_notes.sql', seconds: P.seconds, clients: P.pgClients, mode: 'extended', vars: { first_uid: b.firstUid, last_uid: b.lastUid } });
    searchRounds.push({ ...w, cpuMs: (cpu * 1000) / w.requests, tps: p.tps, ratio: w.rps / p.tps });
    console.error(`search round ${i + 1}: API ${f(w.rps, 0)} req/s, pgbench ${f(p.tps, 0)} tps, ratio ${f(w.rps / p.tps, 3)}`);
    if (w.bad || w.errors) problems.push(`search round ${i + 1}: ${w.bad} non-2xx (last ${w.lastBad}), ${w.errors} socket errors`);
  }
  out.search = summary(searchRounds);

  // 2. create
  const { r: c, cpu: ccpu } = await cpuOf(() => wrk({ url: b.api.url, script: 'notes_create.lua', tokens: b.tokensFile, seconds: P.seconds, connections: P.wrkConns }));
  out.create = { ...c, cpuMs: (ccpu * 1000) / c.requests };
  if (c.bad || c.errors) problems.push(`create: ${c.bad} non-2xx (last ${c.lastBad}), ${c.errors} socket errors`);

  // 3. many connections
  const { r: m, cpu: mcpu } = await cpuOf(() => manyConnections({ port: b.api.port, path: '/api/v1/notes?limit=20', tokens, n: P.manyConns, seconds: P.manySeconds }));
  out.many = { ...m, cpuMs: (mcpu * 1000) / m.requests };
  if (m.served < m.connections || m.errors) problems.push(`256 connections: ${m.served} served, ${m.errors} errors`);
  clearInterval(sampler);

  // 4. sign-in burst, and the CPU of one sign-in measured alone
  const users = b.real.map((email) => ({ email, password: PASSWORD }));
  const { r: one, cpu: scpu } = await cpuOf(() => signinBurst({ port: b.api.port, tokens, users, signins: 20, concurrency: P.hashCap, readers: 0, baselineSeconds: 0 }));
  out.signinCpuMs = (scpu * 1000) / (one.statuses[200] ?? 1);
  out.burst = await signinBurst({ port: b.api.port, tokens, users, signins: P.signins, concurrency: P.signinConcurrency });
  if (out.burst.maxHashInProgress > P.hashCap) problems.push(`hashing cap exceeded: ${out.burst.maxHashInProgress} > ${P.hashCap}`);
  if ((out.burst.statuses[200] ?? 0) !== P.signins) problems.push(`sign-ins: ${JSON.stringify(out.burst.statuses)}`);
  if (out.burst.during.bad) problems.push(`reads during the burst: ${out.burst.during.bad} failed`);
  rss.after = b.api.rssKiB();
} finally {
  clearInterval(sampler);
  await stopAll();
}

const mb = (kib) => f(kib / 1024, 1);
const L = out.list, S = out.search, C = out.create, M = out.many, B = out.burst;
const rows = [
  ['GET /api/v1/notes (20 newest), API via wrk', `${f(L.rps, 0)} req/s, p50 ${f(L.p50)} ms, p99 ${f(L.p99)} ms (${P.wrkConns} connections)`],
  ['same SQL via pgbench -M prepared', `${f(L.tps, 0)} tps (${P.pgClients} clients = the API's DB pool)`],
  ['ratio API / pgbench (target >= 0.5)', `**${f(L.ratio, 2)}** ${L.ratio >= 0.5 ? 'met' : 'NOT met'} (rounds: ${L.ratios})`],
  ['GET /api/v1/notes?q=<word> (20 newest matches), API via wrk', `${f(S.rps, 0)} req/s, **p50 ${f(S.p50)} ms, p99 ${f(S.p99)} ms** (${P.wrkConns} connections)`],
  ['same search SQL via pgbench -M extended', `${f(S.tps, 0)} tps (${P.pgClients} clients; planned per call, as the API does)`],
  ['search ratio API / pgbench', `**${f(S.ratio, 2)}** (rounds: ${S.ratios})`],
  ['POST /api/v1/notes', `${f(C.rps, 0)} req/s, p50 ${f(C.p50)} ms, p99 ${f(C.p99)} ms (${P.wrkConns} connections), ${C.bad + C.errors} failed`],
  [`${P.manyConns} keep-alive connections, GET notes`, `${M.served}/${M.connections} served; per connection min ${M.minPerConn} / median ${M.medianPerConn} / max ${M.maxPerConn} requests; ${f(M.rps, 0)} req/s, p50 ${f(M.p50)} ms, p99 ${f(M.p99)} ms, ${M.errors} errors`],
  [`sign-in burst: ${B.signins} sign-ins, ${B.concurrency} at once`, `${f(B.signinsPerSec)} /s, p50 ${f(B.signinP50, 0)} ms, p99 ${f(B.signinP99, 0)} ms; statuses ${JSON.stringify(B.statuses)}`],
  ['Argon2id in progress (cap NOTEJAM_HASH_CONCURRENCY)', `max ${B.maxHashInProgress} (cap ${P.hashCap}), max waiting ${B.maxHashWaiting}, ${B.gaugeSamples} samples of /metrics`],
  ['GET notes p50 / p99, before vs during the burst', `${f(B.baseline.p50)} / ${f(B.baseline.p99)} ms vs ${f(B.during.p50)} / ${f(B.during.p99)} ms (4 readers)`],
  ['RSS of the API process', `idle ${mb(rss.idle)} MiB, under load max ${mb(rss.loadMax)} MiB, after the burst ${mb(rss.after)} MiB (${P.threads} threads)`],
  ['CPU per request (API process)', `list ${f(L.cpuMs, 3)} ms, create ${f(C.cpuMs, 3)} ms, list at 256 conns ${f(M.cpuMs, 3)} ms, sign-in ${f(out.signinCpuMs, 1)} ms`],
];
const after = machine();
const text = `# Notejam benchmark results

Measured ${new Date().toISOString()} by \`make bench\` (bench/bench.mjs), commit ${before.commit}.

| measurement | result |
| --- | --- |
${rows.map(([k, v]) => `| ${k} | ${v} |`).join('\n')}

Machine: ${before.cpu}, ${before.cores} cores, ${before.memoryGiB} GiB, Linux ${before.kernel}; load average ${before.loadavg}
at the start, ${after.loadavg} at the end (the machine is shared: absolute numbers move, the ratio is measured
in alternating rounds of the same run). PostgreSQL ${before.postgres}, wrk ${before.wrk}, civetweb ${before.civetweb}.
Data: ${b.users} users, ${b.notes} notes (made in ${f(b.dataSeconds)} s). API defaults except NOTEJAM_RATE_LIMIT
(raised so the burst measures hashing, not the limiter); ${P.threads} threads, DB pool ${P.dbPool}, hash cap ${P.hashCap}.
wrk and pgbench run on the same 2 cores as the API and PostgreSQL.
${problems.length ? `\n**Problems:**\n${problems.map((p) => `- ${p}`).join('\n')}\n` : ''}`;
writeFileSync(join(BENCH, 'results.md'), text);
console.log(text);
console.log(`written to ${join(BENCH, 'results.md')}`);
process.exit(problems.length ? 1 : 0);
