import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseOutputFile } from './output-file.ts';

const DIST = join(import.meta.dirname, '..', 'dist', 'index.js');

export interface ActionRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly outputs: Record<string, string>;
  readonly summary: string;
  /** stdout without the ::add-mask:: lines, which the runner consumes and never shows. */
  readonly visible: string;
  /** Date.now() when the process was spawned and when it had exited, for benchmarks. */
  readonly startedAt: number;
  readonly exitedAt: number;
}

/**
 * Runs the bundled action the way the runner does: a node process with INPUT_* variables,
 * outputs written to the GITHUB_OUTPUT file and the job summary to GITHUB_STEP_SUMMARY.
 */
export async function runAction(
  inputs: Record<string, string>,
  env: Record<string, string> = {},
  onSpawn: (child: ChildProcess) => void = () => {},
): Promise<ActionRun> {
  const dir = await mkdtemp(join(tmpdir(), 'action-run-'));
  const outputFile = join(dir, 'output');
  const summaryFile = join(dir, 'summary');
  await writeFile(outputFile, '');
  await writeFile(summaryFile, '');
  const childEnv: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: dir,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
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
  for (const [name, value] of Object.entries(inputs)) childEnv[`INPUT_${name.toUpperCase()}`] = value;

  const startedAt = Date.now();
  const child = spawn(process.execPath, [DIST], { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  onSpawn(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const exitedAt = Date.now();

  const outputs = parseOutputFile(await readFile(outputFile, 'utf8'));
  const summary = await readFile(summaryFile, 'utf8');
  await rm(dir, { recursive: true, force: true });
  const visible = stdout
    .split('\n')
    .filter((l) => !l.startsWith('::add-mask::'))
    .join('\n');
  return { code, stdout, stderr, outputs, summary, visible, startedAt, exitedAt };
}

/** Every place a run could leak a secret to a user: what the runner shows, the summary, outputs. */
export function everythingShown(run: ActionRun): string {
  return [run.visible, run.stderr, run.summary, JSON.stringify(run.outputs)].join('\n');
}
