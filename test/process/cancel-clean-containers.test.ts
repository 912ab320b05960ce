import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../emulator/server.ts';
import { runAction } from '../../harness/run-action.ts';

// A cancelled cleanup, the way the runner cancels a step: SIGINT, then SIGTERM if the process has
// not exited (GitHub waits about 7.5 s between them; here 2 s). It sends no DELETE after the
// signal, lets the ones in flight finish, and reports what was deleted.

const CLI = join(import.meta.dirname, '..', '..', 'dist', 'cli.js');
const TASK = '/ai/openapi/v2/instance-service/task';

let emu: Emulator;
let token: string;
let ids: string[];
beforeEach(async () => {
  emu = await startEmulator();
  token = emu.ai.issueToken();
  ids = emu.ai.addContainers(3000, { status: 'Terminated' }).map((c) => c.id);
  // Slow enough that deletes are in flight when the signal comes.
  emu.ai.latencyMs = 60;
});
afterEach(() => emu.close());

const deletes = () => emu.requests.filter((r) => r.method === 'DELETE' && r.path === TASK);
const gone = () => ids.filter((id) => !emu.ai.containers.has(id));

/** Once the second DELETE has arrived, `first`; then `then` if the process is still there 2 s later. */
function cancelWhileDeleting(child: ChildProcess, first: NodeJS.Signals, then?: NodeJS.Signals): { signalledAt: () => number } {
  let at = Infinity;
  const timer = setInterval(() => {
    if (deletes().length < 2) return;
    clearInterval(timer);
    at = Date.now();
    child.kill(first);
    if (then) setTimeout(() => child.exitCode === null && child.signalCode === null && child.kill(then), 2_000).unref();
  }, 5);
  child.on('exit', () => clearInterval(timer));
  return { signalledAt: () => at };
}

/** No DELETE reached the emulator after the signal (a request sent just before it may land a few ms later). */
function noDeleteAfter(signalledAt: number): void {
  expect(signalledAt).toBeLessThan(Infinity);
  expect(deletes().filter((r) => r.at > signalledAt + 40)).toEqual([]);
}

describe('a cancelled clean-containers', () => {
  it('on the runner (SIGINT, then SIGTERM): stops sending, lets requests in flight finish, and reports what was deleted', async () => {
    let cancel: { signalledAt: () => number } | undefined;
    const run = await runAction(
      { operation: 'clean-containers', ai_api_url: emu.url, ai_token: token, container_status: 'Terminated', concurrency: '2' },
      {},
      (child) => (cancel = cancelWhileDeleting(child, 'SIGINT', 'SIGTERM')),
    );
    expect(run.code).toBe(1);
    noDeleteAfter(cancel!.signalledAt());
    // Every answered delete is reported, and nothing else: the emulator's state agrees with the outputs.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const deleted = JSON.parse(run.outputs.deleted_containers) as string[];
    expect(deleted.length).toBeGreaterThan(0);
    expect(deleted.length).toBeLessThan(ids.length);
    expect([...deleted].sort()).toEqual(gone().sort());
    expect(run.outputs.deleted_count).toBe(String(deleted.length));
    const failed = JSON.parse(run.outputs.failed_containers) as { code: string; msg: string }[];
    expect(failed.every((f) => f.code === 'not-attempted' && f.msg.endsWith('the job was cancelled (SIGINT)'))).toBe(true);
    expect(run.stdout).toMatch(new RegExp(`^::error::Cancelled after ${deleted.length} of \\d+ containers were deleted`, 'm'));
    expect(run.summary).toContain(`| ${deleted.length} | ${failed.length} |`);
    expect(run.summary).toContain('**Failed:** Cancelled after');
  });

  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('on the command line (%s, --json): says what it did, then exits %i', async (signal, code) => {
    const dir = await mkdtemp(join(tmpdir(), 'cli-cancel-'));
    const child = spawn(
      process.execPath,
      [CLI, 'clean-containers', '--json', '--ai-api-url', emu.url, '--container-status', 'Terminated', '--concurrency', '2'],
      { env: { PATH: process.env.PATH ?? '', HOME: dir, CLOUDRUN_AI_TOKEN: token }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const cancel = cancelWhileDeleting(child, signal);
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.resume();
    const exit = await new Promise<number | null>((resolve) => child.on('close', resolve));
    await rm(dir, { recursive: true, force: true });
    expect(exit).toBe(code);
    noDeleteAfter(cancel.signalledAt());
    const result = JSON.parse(stdout) as { success: boolean; exit_code: number; outputs: Record<string, string>; error: string };
    expect(result).toMatchObject({ success: false, exit_code: code });
    expect(result.error).toMatch(/^Cancelled after \d+ of \d+ containers were deleted/);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((JSON.parse(result.outputs.deleted_containers) as string[]).sort()).toEqual(gone().sort());
  });
});
