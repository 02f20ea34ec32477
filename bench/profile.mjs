// Where the API spends its CPU on the hot path: perf record (DWARF call graphs) of the API process while wrk runs
// GET /api/v1/notes, then perf report. Falls back to valgrind --tool=callgrind when perf cannot record here.
// Usage: node bench/profile.mjs [seconds=10] [script=notes_list.lua]; the report goes to build/profile-*.txt.
import { spawn, execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchStack, stopBench } from './lib/setup.mjs';
import { wrk, run, BENCH } from './lib/tools.mjs';

const seconds = Number(process.argv[2] ?? 10);
const script = process.argv[3] ?? 'notes_list.lua';
const outDir = join(BENCH, '..', 'build');
mkdirSync(outDir, { recursive: true });
const b = await benchStack();
try {
  const data = join(b.stack.dir, 'perf.data');
  const load = wrk({ url: b.api.url, script, tokens: b.tokensFile, seconds: seconds + 2, connections: 32 });
  let report;
  try {
    await run('perf', ['record', '-F', '499', '--call-graph', 'dwarf,16384', '-o', data, '-p', String(b.api.pid), '--', 'sleep', String(seconds)]);
    const flat = await run('perf', ['report', '-i', data, '--no-children', '--sort', 'dso,symbol', '--stdio', '-g', 'none', '--percent-limit', '0.3']);
    const tree = await run('perf', ['report', '-i', data, '--children', '--sort', 'symbol', '--stdio', '-g', 'caller,0.5,callee', '--percent-limit', '2']);
    report = `# perf, self time\n${flat}\n# perf, inclusive time with callers\n${tree}`;
  } catch (e) {
    console.error(`perf failed (${e.message.split('\n')[0]}); using callgrind`);
    report = null;
  }
  const w = await load;
  if (!report) {
    // callgrind slows the API ~50x: a short run on a fresh process is enough to rank the functions
    await b.api.stop();
    const cg = join(b.stack.dir, 'callgrind.out');
    const p = spawn('valgrind', ['--tool=callgrind', `--callgrind-out-file=${cg}`, join(BENCH, '..', 'build', 'notejam'), 'serve'],
      { env: { ...b.stack.api.env, NOTEJAM_THREADS: '40' }, stdio: 'ignore' });
    await new Promise((r) => setTimeout(r, 5000));
    await wrk({ url: b.api.url, script, tokens: b.tokensFile, seconds: 10, connections: 8 });
    p.kill('SIGTERM');
    await new Promise((r) => p.on('exit', r));
    report = execFileSync('callgrind_annotate', ['--inclusive=yes', cg]).toString();
  }
  const file = join(outDir, `profile-${script.replace('.lua', '')}.txt`);
  writeFileSync(file, `wrk during the profile: ${w.rps.toFixed(0)} req/s\n\n${report}`);
  console.log(`profile written to ${file}`);
} finally {
  await stopBench(b);
}
