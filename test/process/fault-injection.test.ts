import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../../emulator/server.ts';
import { runJobInProcess } from '../../harness/run-action.ts';
import { mapWithConcurrency } from '../../src/concurrency.ts';
import { SCNET_CODES } from '../../src/scnet/codes.ts';
import { ERRCODES } from '../../src/wechat/errcodes.ts';
import { generateScenarios, judge, setUp, withRunSecret, type PlannedFault, type Scenario, type Verdict } from './fault-scenarios.ts';

// A seeded, reproducible storm of faults over all three operations. Change SEED to explore; a
// failure prints the scenario, so it can be replayed alone with ONLY=<index>.
const SEED = Number(process.env.FAULT_SEED ?? 0x5eed7);
const SCENARIOS = 75;
const AT_ONCE = 15;

// Redirects point here: a different origin, which must never receive a request.
let attacker: { url: string; hits: number; close: () => void };
beforeAll(async () => {
  let hits = 0;
  const server = createServer((_, res) => {
    hits++;
    res.end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  attacker = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get hits() {
      return hits;
    },
    close: () => server.close(),
  };
});
afterAll(() => attacker.close());

interface Outcome {
  readonly scenario: Scenario;
  readonly taken: readonly PlannedFault[];
  readonly verdict: Verdict;
  readonly code: number | null;
  readonly log: string;
}

async function play(scenario: Scenario): Promise<Outcome> {
  const emu = await startEmulator();
  try {
    const { inputs, expect: expectation } = setUp(emu, scenario);
    emu.faults.inject(...withRunSecret(scenario.faults, inputs));
    const run = await runJobInProcess(inputs, scenario.debug ? { RUNNER_DEBUG: '1' } : {});
    // A slow answer lands after the action gave up on it: let it land before reading the state.
    if (emu.faults.taken.some((f) => f.delayMs)) await new Promise((resolve) => setTimeout(resolve, 500));
    return {
      scenario,
      taken: emu.faults.taken as PlannedFault[],
      verdict: judge(emu, scenario, inputs, expectation, run),
      code: run.code,
      log: `${run.stdout}\n${run.stderr}`,
    };
  } finally {
    await emu.close();
  }
}

describe('fault injection', () => {
  it(`loses nothing and leaks nothing under ${SCENARIOS} seeded runs of faults`, async () => {
    const only = process.env.ONLY;
    const scenarios = generateScenarios(SEED, SCENARIOS, attacker.url).filter((s) => only === undefined || String(s.index) === only);
    const outcomes = await mapWithConcurrency(scenarios, AT_ONCE, play);

    const count = (pick: (v: Verdict) => readonly string[]) => outcomes.reduce((n, o) => n + pick(o.verdict).length, 0);
    const faults = outcomes.reduce((n, o) => n + o.taken.length, 0);
    const byOperation = (op: string) => outcomes.filter((o) => o.scenario.operation === op).length;
    const tally = {
      wronglyDeleted: count((v) => v.wronglyDeleted),
      protectedDeleted: count((v) => v.protectedDeleted),
      unreported: count((v) => v.unreported),
      leaks: count((v) => v.leaks),
      crashes: count((v) => v.crashes),
    };
    console.log(
      `fault injection (seed ${SEED}): ${faults} faults injected over ${outcomes.length} runs ` +
        `(deploy ${byOperation('deploy')}, delete-versions ${byOperation('delete-versions')}, clean-containers ${byOperation('clean-containers')}); ` +
        `wrongly deleted ${tally.wronglyDeleted}, protected deleted ${tally.protectedDeleted}, unreported ${tally.unreported}, ` +
        `leaks ${tally.leaks}, stack traces ${tally.crashes}, redirects followed ${attacker.hits}`,
    );

    const bad = outcomes.filter((o) => Object.values(o.verdict).some((list) => list.length));
    for (const o of bad.slice(0, 3)) {
      console.log(
        `scenario ${o.scenario.index} (${o.scenario.operation} ${o.scenario.variant}, ${o.scenario.moving}), exit ${o.code}:`,
        JSON.stringify(o.verdict),
        '\nfaults:',
        JSON.stringify(o.taken.map((f) => ({ ...f, reply: f.reply && { ...f.reply, raw: f.reply.raw?.slice(0, 80) } }))),
        '\n',
        o.log.slice(-3000),
      );
    }
    expect(tally).toEqual({ wronglyDeleted: 0, protectedDeleted: 0, unreported: 0, leaks: 0, crashes: 0 });
    expect(attacker.hits).toBe(0);
    // The coverage below is a property of the default seed's draw; another seed explores, and may miss a code.
    if (only !== undefined || process.env.FAULT_SEED !== undefined) return;
    expect(faults).toBeGreaterThanOrEqual(200);
    // Every documented errcode and code was answered at least once, and every kind of fault.
    const codes = new Set(outcomes.flatMap((o) => o.taken.map((f) => f.code)));
    expect([...Object.keys(ERRCODES), ...Object.keys(SCNET_CODES)].filter((c) => !codes.has(c))).toEqual([]);
    const kinds = new Set(outcomes.flatMap((o) => o.taken.map((f) => f.kind)));
    expect(kinds.size).toBe(17);
  }, 180_000);
});

it("the judge holds a cleanup's exit 0 to a final listing that shows no selected container", async () => {
  const emu = await startEmulator();
  try {
    const [scenario] = generateScenarios(SEED, 3, attacker.url).filter((sc) => sc.operation === 'clean-containers');
    const { inputs, expect: expectation } = setUp(emu, { ...scenario, faults: [], moving: 'still' });
    const run = await runJobInProcess(inputs);
    expect(judge(emu, scenario, inputs, expectation, run).unreported).toEqual([]);
    // The same run, had it left one of them: the emulator still lists it.
    const [kept] = expectation.selected;
    emu.ai.addContainers(1, { id: kept, status: 'Terminated', instanceServiceName: 'nightly-train' });
    expect(judge(emu, scenario, inputs, expectation, run).unreported).toContain('exit 0 while 1 selected container(s) are still listed');
  } finally {
    await emu.close();
  }
});
