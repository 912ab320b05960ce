import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { actionInput, GithubActionsHost } from '../src/host/github-actions.ts';
import { runJob } from '../src/job.ts';
import { parseOutputFile } from './output-file.ts';

const DIST = join(import.meta.dirname, '..', 'dist', 'index.js');
const POST = join(import.meta.dirname, '..', 'dist', 'post.js');
/** Preloaded into every spawned action: waits return at once (see the file). */
export const TEST_CLOCK = join(import.meta.dirname, 'test-clock.ts');

export interface ActionRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly outputs: Record<string, string>;
  /** What the step saved for its post step (GITHUB_STATE), by name. */
  readonly state: Record<string, string>;
  readonly summary: string;
  /** stdout without the ::add-mask:: lines, which the runner consumes and never shows. */
  readonly visible: string;
  /** Date.now() when the process was spawned and when it had exited, for benchmarks. */
  readonly startedAt: number;
  readonly exitedAt: number;
}

/** A step's files and environment, as the runner prepares them: INPUT_* variables, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY. */
async function prepareStep(inputs: Record<string, string>, env: Record<string, string>) {
  const dir = await mkdtemp(join(tmpdir(), 'action-run-'));
  const outputFile = join(dir, 'output');
  const summaryFile = join(dir, 'summary');
  const stateFile = join(dir, 'state');
  await writeFile(outputFile, '');
  await writeFile(summaryFile, '');
  await writeFile(stateFile, '');
  const stepEnv: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: dir,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_STATE: stateFile,
    RUNNER_TEMP: dir,
    GITHUB_REPOSITORY: 'octo-org/shop-api',
    GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
    GITHUB_RUN_NUMBER: '42',
    GITHUB_RUN_ID: '9000',
    GITHUB_SERVER_URL: 'https://github.com',
    // Backoff and polling waits return at once while the action's clock moves on (src/clock.ts).
    RELEASE_TEST_TIME_SCALE: '0',
    ...env,
  };
  for (const [name, value] of Object.entries(inputs)) stepEnv[`INPUT_${name.toUpperCase()}`] = value;

  /** What the step left: its outputs and summary, read from the files; the files are removed. */
  const finish = async (code: number | null, stdout: string, stderr: string, startedAt: number): Promise<ActionRun> => {
    const exitedAt = Date.now();
    const outputs = parseOutputFile(await readFile(outputFile, 'utf8'));
    const state = parseOutputFile(await readFile(stateFile, 'utf8'));
    const summary = await readFile(summaryFile, 'utf8');
    await rm(dir, { recursive: true, force: true });
    const visible = stdout
      .split('\n')
      .filter((l) => !l.startsWith('::add-mask::'))
      .join('\n');
    return { code, stdout, stderr, outputs, state, summary, visible, startedAt, exitedAt };
  };
  return { env: stepEnv, finish };
}

/**
 * Runs the bundled action the way the runner does: a node process with INPUT_* variables,
 * outputs written to the GITHUB_OUTPUT file and the job summary to GITHUB_STEP_SUMMARY.
 */
export function runAction(
  inputs: Record<string, string>,
  env: Record<string, string> = {},
  onSpawn: (child: ChildProcess) => void = () => {},
): Promise<ActionRun> {
  return spawnStep(DIST, inputs, env, onSpawn);
}

/**
 * runAction without the test clock: the process exactly as the runner starts it, waits in real
 * time. For the benchmark, where loading the clock (TypeScript, so Node's type stripping with it)
 * would add tens of milliseconds to every start.
 */
export function runActionAsRunner(
  inputs: Record<string, string>,
  env: Record<string, string>,
  onSpawn: (child: ChildProcess) => void,
): Promise<ActionRun> {
  return spawnStep(DIST, inputs, env, onSpawn, []);
}

/**
 * Runs the action's post step (action.yml `post:`) as the runner does after the main step, however
 * that ended: the same inputs, and what the main step saved (GITHUB_STATE) as STATE_* variables.
 */
export function runPostStep(inputs: Record<string, string>, state: Record<string, string>, env: Record<string, string> = {}) {
  const saved = Object.fromEntries(Object.entries(state).map(([name, value]) => [`STATE_${name}`, value]));
  return spawnStep(POST, inputs, { ...saved, ...env });
}

async function spawnStep(
  entry: string,
  inputs: Record<string, string>,
  env: Record<string, string>,
  onSpawn: (child: ChildProcess) => void = () => {},
  preload = ['--import', TEST_CLOCK],
): Promise<ActionRun> {
  const step = await prepareStep(inputs, env);
  const startedAt = Date.now();
  const child = spawn(process.execPath, [...preload, entry], { env: step.env, stdio: ['ignore', 'pipe', 'pipe'] });
  onSpawn(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  return step.finish(code, stdout, stderr, startedAt);
}

/**
 * Runs the same job as the action's entry (src/main.ts) in this process, with the same inputs,
 * files and log as runAction: for the scenario tests, whose hundreds of runs would each pay for a
 * new process. Each run has its own scope (src/job-scope.ts), so runs can go side by side. What
 * only a process shows (the bundle, the exit code, what reaches stderr) is runAction's to test.
 * ACTION_TESTS=process runs every one of them through the bundle instead: `npm run test:bundle`.
 */
export function runJobInProcess(inputs: Record<string, string>, env: Record<string, string> = {}): Promise<ActionRun> {
  return runCancellable(inputs, env);
}

/** runJobInProcess, cancelled as the runner's SIGINT does when `cancel` aborts (a process run gets the real SIGINT). */
export async function runCancellable(
  inputs: Record<string, string>,
  env: Record<string, string>,
  cancel?: AbortSignal,
): Promise<ActionRun> {
  if (process.env.ACTION_TESTS === 'process')
    return runAction(inputs, env, (child) => cancel?.addEventListener('abort', () => child.kill('SIGINT'), { once: true }));
  const step = await prepareStep(inputs, env);
  const startedAt = Date.now();
  let stdout = '';
  const host = new GithubActionsHost(step.env, (text) => void (stdout += text));
  const succeeded = await runJob((name) => actionInput(name, step.env), host, step.env, {
    cancel,
    timeScale: Number(step.env.RELEASE_TEST_TIME_SCALE),
  });
  return step.finish(succeeded ? 0 : 1, stdout, '', startedAt);
}

/** Every place a run could leak a secret to a user: what the runner shows, the summary, outputs. */
export function everythingShown(run: ActionRun): string {
  return [run.visible, run.stderr, run.summary, JSON.stringify(run.outputs)].join('\n');
}
