import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Fault } from '../../emulator/faults.ts';
import { startEmulator } from '../../emulator/server.ts';
import { runCancellable } from '../../harness/run-action.ts';
import { wechatInputs } from '../support/fixtures.ts';
import { mapWithConcurrency } from '../../src/concurrency.ts';
import { formatSplit, sameSplit, type Split } from '../../src/traffic/split.ts';
import { mulberry32 } from './fault-scenarios.ts';

// The fault suite's cancels: seeded runs of the operations that move traffic, each cancelled as the
// runner cancels a job (SIGINT) at a random point, on the k-th request the platform receives, some
// with slow or failing reads besides. Whatever the point, the split afterwards is the one from
// before or the one the run promised, the log says which, and nothing is left for the post step.

const SEED = Number(process.env.FAULT_SEED ?? 0xca11ed);
const RUNS = 36;
const AT_ONCE = 12;
const ENV = 'prod-env-cancel';
const TOKEN = 'tok_cancel_suite_3f9a';

type Kind = 'canary' | 'rollback' | 'set-traffic';
const KINDS: readonly Kind[] = ['canary', 'rollback', 'set-traffic'];

interface Scenario {
  readonly index: number;
  readonly kind: Kind;
  /** The request on whose arrival the job is cancelled. */
  readonly cancelAt: number;
  readonly faults: readonly Fault[];
}

function scenarios(seed: number): Scenario[] {
  const random = mulberry32(seed);
  return Array.from({ length: RUNS }, (_, index) => {
    const kind = KINDS[index % KINDS.length];
    // Reads only: a refused write of the revert is the failed-revert test's, not this suite's.
    const faults: Fault[] = [];
    if (random() < 0.4)
      faults.push({ match: 'getcsversionlist', skip: Math.floor(random() * 6), reply: { status: 502, raw: 'Bad Gateway' } });
    if (random() < 0.4) faults.push({ match: 'getcsversionlist', skip: Math.floor(random() * 6), delayMs: 30 });
    // A canary makes about 25 requests here, rollback and set-traffic 4: most runs are cancelled part-way, some too late to matter.
    return { index, kind, cancelAt: 1 + Math.floor(random() * (kind === 'canary' ? 30 : 5)), faults };
  });
}

let health: Server;
let healthUrl: string;
beforeAll(async () => {
  health = createServer((_req, res) => res.end('ok'));
  await new Promise<void>((resolve) => health.listen(0, '127.0.0.1', resolve));
  healthUrl = `http://127.0.0.1:${(health.address() as AddressInfo).port}/healthz`;
});
afterAll(() => new Promise((resolve) => health.close(resolve)));

interface Outcome {
  readonly scenario: Scenario;
  readonly problems: string[];
  readonly log: string;
}

async function play(scenario: Scenario): Promise<Outcome> {
  const emu = await startEmulator();
  try {
    emu.wechat.tokens.add(TOKEN);
    const day = 86_400_000;
    emu.wechat.addService(ENV, 'shop-api', [
      {
        version_name: 'shop-api-001',
        flow_ratio: 70,
        created_time: new Date(Date.now() - 2 * day),
        image_url: 'ccr.ccs.tencentyun.com/shop/api:v1',
      },
      {
        version_name: 'shop-api-002',
        flow_ratio: 30,
        created_time: new Date(Date.now() - day),
        image_url: 'ccr.ccs.tencentyun.com/shop/api:v2',
      },
    ]);
    emu.wechat.rollout = { buildPolls: 1, deployPolls: 1, outcome: 'ok' };
    emu.faults.inject(...scenario.faults);
    const base = { ...wechatInputs(emu, TOKEN, ENV), retry_budget: '3s' };
    const { inputs, promised } = {
      canary: {
        inputs: {
          ...base,
          operation: 'deploy',
          image: 'ccr.ccs.tencentyun.com/shop/api:v3',
          strategy: 'new-version',
          traffic: '10,50,100',
        },
        promised: new Map([['shop-api-003', 100]]),
      },
      rollback: { inputs: { ...base, operation: 'rollback' }, promised: new Map([['shop-api-001', 100]]) },
      'set-traffic': {
        inputs: { ...base, operation: 'set-traffic', traffic_split: 'shop-api-001=50\nshop-api-002=50' },
        promised: new Map([
          ['shop-api-001', 50],
          ['shop-api-002', 50],
        ]),
      },
    }[scenario.kind];
    const canary = { canary_interval: '60ms', poll_interval: '20ms', health_url: healthUrl, timeout: '10s' };
    const cancel = new AbortController();
    emu.onRequest = () => {
      if (emu.requests.length === scenario.cancelAt) cancel.abort('SIGINT');
    };
    const run = await runCancellable(scenario.kind === 'canary' ? { ...inputs, ...canary } : inputs, {}, cancel.signal);
    emu.onRequest = undefined;
    const before: Split = new Map([
      ['shop-api-001', 70],
      ['shop-api-002', 30],
    ]);
    const now: Split = new Map(
      emu.wechat
        .service(ENV, 'shop-api')!
        .versions.filter((v) => v.flow_ratio > 0)
        .map((v) => [v.version_name, v.flow_ratio]),
    );
    const problems: string[] = [];
    const says = (text: string) => run.stdout.includes(text);
    if (sameSplit(now, promised)) {
      if (run.code !== 0) problems.push(`the promised split ${formatSplit(now)}, but exit ${run.code}`);
      if (!says('set out to leave') && !says(`The traffic split is now ${formatSplit(now)}`))
        problems.push('the log does not say the split is the promised one');
    } else if (sameSplit(now, before)) {
      if (run.code !== 1) problems.push(`the split from before, but exit ${run.code}`);
      if (
        !says('split from before') &&
        !says('the one from before the deploy') &&
        !says('split is as it was') &&
        !says('split are as they were')
      )
        problems.push('the log does not say the split is the one from before');
    } else problems.push(`the split is ${formatSplit(now)}: neither the one from before nor the one promised`);
    if (run.state.release) problems.push('left state for the post step');
    if (!cancel.signal.aborted && run.code !== 0) problems.push(`not cancelled, yet exit ${run.code}`);
    return { scenario, problems, log: run.stdout };
  } finally {
    await emu.close();
  }
}

it(`leaves the split from before or the one promised, and says which, whenever a release is cancelled (${RUNS} seeded runs)`, async () => {
  const outcomes = await mapWithConcurrency(scenarios(SEED), AT_ONCE, play);
  const bad = outcomes.filter((o) => o.problems.length);
  for (const o of bad.slice(0, 3)) console.log(`scenario ${JSON.stringify(o.scenario)}:`, o.problems, '\n', o.log.slice(-2500));
  expect(bad.map((o) => [o.scenario.index, o.problems])).toEqual([]);
  // The default seed's draw reaches both ends: runs cancelled before anything moved or mid-way, and
  // runs cancelled too late to matter. Another seed explores, and may not.
  if (process.env.FAULT_SEED !== undefined) return;
  const cancelled = outcomes.filter((o) => /Cancelled \(SIGINT\)/.test(o.log)).length;
  expect(cancelled).toBeGreaterThan(RUNS / 4);
  expect(cancelled).toBeLessThan(RUNS);
}, 120_000);
