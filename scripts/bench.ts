// npm run bench: the action (dist/index.js, spawned as the runner spawns it) cleaning containers
// against the emulator at a fixed per-request latency, phase by phase, beside the sequential
// one-ID-per-request loop users write today and the round-trip floor of the action's requests.
//   node scripts/bench.ts [--runs 3000@5,10000@5,100000@1,10000@50,3000@200] [--repeat 3] [--loop-sample N]
// Each run is N containers at L ms a request, with the default batch_size 100 and concurrency 4;
// each is repeated and the run with the median whole-process time is shown (this machine is noisy).
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { request } from 'undici';
import { runActionAsRunner } from '../harness/run-action.ts';
import { startEmulator, type Emulator } from '../emulator/server.ts';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '3000@5,10000@5,100000@1,10000@50,3000@200' },
    repeat: { type: 'string', default: '3' },
    // The loop costs N × latency; it is timed on a sample (at most 3 s of it) and scaled.
    'loop-sample': { type: 'string', default: '600' },
  },
});
const BATCH = 100;
const PAGE = 100;
const CONCURRENCY = 4;
const TASK = '/ai/openapi/v2/instance-service/task';
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** The peak resident memory of a running process, read from Linux's /proc while it runs. */
function watchPeakMemory(pid: number | undefined): () => number {
  let peakKb = 0;
  const read = () => {
    try {
      const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (hwm) peakKb = Math.max(peakKb, Number(hwm[1]));
    } catch {
      // the process has exited
    }
  };
  const timer = setInterval(read, 20);
  return () => {
    clearInterval(timer);
    return peakKb / 1024;
  };
}

/** An emulator at this latency with a token for its one user, closed after fn. */
async function withEmulator<T>(latencyMs: number, fn: (emu: Emulator, token: string) => Promise<T>): Promise<T> {
  const emu = await startEmulator();
  try {
    emu.ai.latencyMs = latencyMs;
    return await fn(emu, emu.ai.issueToken());
  } finally {
    await emu.close();
  }
}

interface Measured {
  readonly wholeMs: number;
  /** The row's cells from start to exit, and its peak memory and largest output. */
  readonly phases: string[];
  readonly resources: string[];
}

/** One run of the action on n containers, its phases timed at the emulator. */
function runOnce(n: number, latencyMs: number): Promise<Measured> {
  return withEmulator(latencyMs, async (emu, token) => {
    emu.ai.addContainers(n, { status: 'Terminated' });
    let peak = () => 0;
    const run = await runActionAsRunner(
      { operation: 'clean-containers', ai_api_url: emu.url, ai_token: token, container_status: 'Terminated' },
      {},
      (child) => (peak = watchPeakMemory(child.pid)),
    );
    const peakMb = peak();
    if (run.code !== 0 || run.outputs.deleted_count !== String(n) || emu.ai.containers.size !== 0)
      throw new Error(`the action did not delete all ${n} containers (exit ${run.code}):\n${run.stdout.slice(-2000)}`);
    const phase = (rs: readonly { at: number; answeredAt?: number }[]) => ({
      count: rs.length,
      from: Math.min(...rs.map((r) => r.at)),
      to: Math.max(...rs.map((r) => r.answeredAt!)),
    });
    const del = phase(emu.requests.filter((r) => r.method === 'DELETE'));
    // The final listing: the reads after the last delete was answered.
    const gets = emu.requests.filter((r) => r.method === 'GET');
    const list = phase(gets.filter((r) => r.at < del.to));
    const check = phase(gets.filter((r) => r.at >= del.to));
    const largestOutput = Math.max(...Object.values(run.outputs).map((v) => Buffer.byteLength(v)));
    return {
      wholeMs: run.exitedAt - run.startedAt,
      phases: [
        s(list.from - run.startedAt),
        `${s(list.to - list.from)} (${list.count})`,
        `${s(del.to - del.from)} (${del.count})`,
        `${s(check.to - check.from)} (${check.count})`,
        s(run.exitedAt - check.to),
      ],
      resources: [`${peakMb.toFixed(0)} MB`, `${(largestOutput / 1024).toFixed(0)} kB`],
    };
  });
}

/**
 * The fewest round trips the action's requests need, CPU aside, when every container is selected
 * and a batch is a page (the defaults): the first page; then the other pages CONCURRENCY at a
 * time, each round's pages deleted in the next round beside the next pages; then the deletes of
 * the last round's pages and of the first page, which waits for all the others; then the final
 * listing, one page when nothing is left.
 */
function floorRoundTrips(pages: number): number {
  let rounds = 1;
  let unread = pages - 1;
  let undeleted = pages === 1 ? 1 : 0;
  while (unread > 0 || undeleted > 0) {
    const read = Math.min(CONCURRENCY, unread);
    undeleted -= Math.min(CONCURRENCY, undeleted);
    unread -= read;
    undeleted += read + (read > 0 && unread === 0 ? 1 : 0);
    rounds++;
  }
  return rounds + 1;
}

/** Today's loop: one DELETE per ID, one after the other, timed on a sample (in-process: no curl start-up) and scaled to n. */
function loopMs(n: number, latencyMs: number): Promise<number> {
  return withEmulator(latencyMs, async (emu, token) => {
    const sample = Math.min(n, Number(values['loop-sample']), Math.ceil(3000 / latencyMs));
    const ids = emu.ai.addContainers(sample, { status: 'Terminated' }).map((c) => c.id);
    const started = performance.now();
    for (const id of ids) {
      const res = await request(`${emu.url}${TASK}?ids=${id}`, { method: 'DELETE', headers: { token } });
      if (((await res.body.json()) as { code: string }).code !== '0') throw new Error(`loop: ${id} was not deleted`);
    }
    return ((performance.now() - started) / sample) * n;
  });
}

// One unmeasured run first: the emulator stands for a platform that is already up, not one whose
// request handlers are still being compiled when the first measured request arrives.
await runOnce(300, 1);
const rows: string[][] = [];
for (const spec of values.runs.split(',')) {
  const [n, latency] = spec.split('@').map(Number);
  const measured: Measured[] = [];
  for (let i = 0; i < Number(values.repeat); i++) measured.push(await runOnce(n, latency));
  measured.sort((a, b) => a.wholeMs - b.wholeMs);
  const median = measured[Math.floor(measured.length / 2)];
  const floorMs = floorRoundTrips(Math.ceil(n / PAGE)) * latency;
  rows.push([
    `${n.toLocaleString('en')} @ ${latency} ms`,
    ...median.phases,
    s(median.wholeMs),
    `${(median.wholeMs / floorMs).toFixed(2)}×`,
    `${((await loopMs(n, latency)) / median.wholeMs).toFixed(0)}×`,
    ...median.resources,
  ]);
}
console.log(
  `\nclean-containers, batch_size ${BATCH}, concurrency ${CONCURRENCY}; phases measured at the emulator; median of ${values.repeat} runs\n`,
);
console.log(
  '| containers @ latency | start | listing (pages) | deleting (requests) | final listing (pages) | exit | whole process | vs floor | vs loop | peak memory | largest output |',
);
console.log('|---|---|---|---|---|---|---|---|---|---|---|');
for (const row of rows) console.log(`| ${row.join(' | ')} |`);
console.log(
  '\nstart: spawn to the first request; listing and deleting: the first request of each to its last answer (they overlap);' +
    ' final listing: the check after the last delete; exit: its last answer to the process gone. floor: the round trips the requests need at best (see floorRoundTrips);' +
    ' loop: one DELETE per ID, one after another, timed on a sample and scaled.',
);
