import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runAction, type ActionRun } from '../../harness/run-action.ts';
import { startEmulator, type Emulator } from '../../emulator/server.ts';
import { wechatInputs } from '../support/fixtures.ts';

// The entry loads on every run; the HTTP stack (undici, about 300 kB and a third of the start-up)
// and the operations are chunks loaded when a run needs them. A bad input must fail fast, before
// any of them: the job's closing of the HTTP pool once loaded undici on every run.
const RECORDER = join(import.meta.dirname, '..', 'support', 'record-loads.ts');
const DIST = join(import.meta.dirname, '..', '..', 'dist');
const TOKEN = 'tok_STARTUP_secret_5b1e';

let emu: Emulator;
beforeEach(async () => {
  emu = await startEmulator();
  emu.wechat.tokens.add(TOKEN);
});
afterEach(() => emu.close());

/** The files of dist/ that a run loaded, as the recorder wrote them. */
const loadedBy = (run: ActionRun): string[] => JSON.parse(/^loaded: (.*)$/m.exec(run.stderr)![1]);
const recorded = { NODE_OPTIONS: `--import ${RECORDER}` };

describe('start-up', () => {
  it('fails a bad input having loaded the entry alone', async () => {
    const run = await runAction({ operation: 'deploy' }, recorded);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('`env_id`');
    expect(loadedBy(run)).toEqual(['index.js']);
  });

  it('loads the operation and the HTTP stack when a run makes requests', async () => {
    const run = await runAction(
      { ...wechatInputs(emu, TOKEN, 'prod-env'), operation: 'delete-versions', service_name: 'api', versions: 'v1' },
      recorded,
    );
    expect(run.stdout).toContain('componenttcb');
    const chunks = loadedBy(run).filter((file) => file !== 'index.js');
    const holdsUndici = (file: string) => readFileSync(join(DIST, file), 'utf8').includes('UND_ERR');
    expect(chunks.some(holdsUndici)).toBe(true);
  });
});
