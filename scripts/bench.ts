// npm run bench: clean 10,000 containers against the emulator with a fixed per-request latency, and
// compare, side by side, the action (dist/index.js, as the runner runs it), the sequential
// one-ID-per-request loop users run today, and the round-trip floor of the action's batching.
//   node scripts/bench.ts [--containers N] [--latency MS] [--loop-sample N | --full-loop]
import { parseArgs } from 'node:util';
import { request } from 'undici';
import { runAction } from '../harness/run-action.ts';
import { startEmulator } from '../emulator/server.ts';

const { values } = parseArgs({
  options: {
    containers: { type: 'string', default: '10000' },
    latency: { type: 'string', default: '5' },
    'batch-size': { type: 'string', default: '100' },
    concurrency: { type: 'string', default: '4' },
    // The loop costs N × latency; timing a sample keeps the whole run near half a minute.
    'loop-sample': { type: 'string', default: '1000' },
    'full-loop': { type: 'boolean', default: false },
  },
});
const N = Number(values.containers);
const latencyMs = Number(values.latency);
const batchSize = Number(values['batch-size']);
const concurrency = Number(values.concurrency);
const sample = values['full-loop'] ? N : Math.min(N, Number(values['loop-sample']));

const emu = await startEmulator();
emu.ai.latencyMs = latencyMs;
const token = emu.ai.issueToken();
const TASK = '/ai/openapi/v2/instance-service/task';

try {
  // The action: list every container (the filter), then delete the selected ones in batches.
  emu.ai.addContainers(N, { status: 'Terminated' });
  const started = performance.now();
  const run = await runAction({
    operation: 'clean-containers',
    ai_api_url: emu.url,
    ai_token: token,
    container_status: 'Terminated',
    batch_size: String(batchSize),
    concurrency: String(concurrency),
  });
  const actionMs = performance.now() - started;
  if (run.code !== 0 || run.outputs.deleted_count !== String(N) || emu.ai.containers.size !== 0) {
    throw new Error(`the action did not delete all ${N} containers (exit ${run.code}):\n${run.stdout}`);
  }
  const span = (method: string) => {
    const at = emu.requests.filter((r) => r.method === method).map((r) => r.at);
    return { count: at.length, ms: Math.max(...at) - Math.min(...at) + latencyMs };
  };
  const list = span('GET');
  const del = span('DELETE');

  // Today's loop: one DELETE per ID, one after the other (in-process, so it pays no curl start-up).
  const ids = emu.ai.addContainers(sample, { status: 'Terminated' }).map((c) => c.id);
  const loopStarted = performance.now();
  for (const id of ids) {
    const res = await request(`${emu.url}${TASK}?ids=${id}`, { method: 'DELETE', headers: { token } });
    const answer = (await res.body.json()) as { code: string };
    if (answer.code !== '0') throw new Error(`loop: ${id} answered ${answer.code}`);
  }
  const loopMs = ((performance.now() - loopStarted) / sample) * N;

  const floorMs = (Math.ceil(N / batchSize) / concurrency) * latencyMs;
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const rows: [string, string, string][] = [
    ['sequential loop, 1 ID per request', s(loopMs), `${N} requests${sample < N ? ` (timed on ${sample}, scaled)` : ''}`],
    ['action: delete phase', s(del.ms), `${del.count} requests, ${concurrency} at a time`],
    ['action: list phase', s(list.ms), `${list.count} pages`],
    ['action: whole process', s(actionMs), 'node start-up, list, delete, outputs'],
    ['round-trip floor', s(floorMs), `ceil(${N}/${batchSize}) / ${concurrency} × ${latencyMs} ms`],
  ];
  console.log(`\n${N} containers, ${latencyMs} ms per request, batch_size ${batchSize}, concurrency ${concurrency}\n`);
  console.log('| run | time | requests |\n|---|---|---|');
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
  console.log(`\ndelete phase vs loop: ${(loopMs / del.ms).toFixed(0)}× faster; vs floor: ${(del.ms / floorMs).toFixed(2)}×`);
  console.log(`whole process vs loop: ${(loopMs / actionMs).toFixed(0)}× faster`);
} finally {
  await emu.close();
}
