import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseOutputFile } from '../../harness/output-file.ts';
import { GithubActionsHost } from '../../src/host/github-actions.ts';
import { useHost } from '../../src/host/host.ts';
import { ProgressThrottle } from '../../src/host/progress.ts';
import { TerminalHost } from '../../src/host/terminal.ts';
import * as log from '../../src/log.ts';
import { RecordingHost } from '../support/recording-host.ts';

/** A stream that keeps what is written, with or without a TTY. */
function sink(isTTY: boolean) {
  let text = '';
  const stream = Object.assign(
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        text += chunk.toString();
        done();
      },
    }),
    { isTTY },
  );
  return { stream, text: () => text };
}

afterEach(() => {
  useHost(new RecordingHost());
  vi.restoreAllMocks();
});

describe('log: the one neutralising path', () => {
  const hostile = 'v1\u2028::set-output name=run_id::x\u0085##[add-mask]y\r\x1b[2Kdeleted OK\u202e';
  it('splits on every line break, drops control characters and makes commands inert, for every level', () => {
    const host = new RecordingHost();
    useHost(host);
    log.info(hostile);
    log.warning(hostile);
    expect(host.lines).toEqual([
      'v1',
      '| ::set-output name=run_id::x',
      '| ##[add-mask]y',
      '[2Kdeleted OK',
      'warning: v1\n| ::set-output name=run_id::x\n| ##[add-mask]y\n[2Kdeleted OK',
    ]);
  });

  it('builds debug text only for a host that shows it, and neutralises it too', () => {
    const host = new RecordingHost();
    useHost(host);
    const describe = vi.fn(() => hostile);
    host.debugging = false;
    log.debug(describe);
    expect(describe).not.toHaveBeenCalled();
    host.debugging = true;
    log.debug(describe);
    expect(host.lines).toEqual(['debug: v1\n| ::set-output name=run_id::x\n| ##[add-mask]y\n[2Kdeleted OK']);
  });

  it('neutralises errors too', () => {
    const host = new RecordingHost();
    useHost(host);
    log.error(hostile);
    expect(host.lines).toEqual(['error: v1\n| ::set-output name=run_id::x\n| ##[add-mask]y\n[2Kdeleted OK']);
  });

  it('puts a group name and a progress text on one line, and closes the group however it ends', async () => {
    const host = new RecordingHost();
    useHost(host);
    const ended = vi.spyOn(host, 'endGroup');
    expect(await log.group('Delete\nv1\u202e', () => 'done')).toBe('done');
    expect(ended).toHaveBeenCalledTimes(1);
    await expect(log.group('Fail', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(ended).toHaveBeenCalledTimes(2);
    log.progress('Deleted\r\n::x', 1, 2);
    expect(host.lines).toEqual(['group: Delete v1', 'group: Fail', 'progress: Deleted | ::x']);
  });

  it.each([
    ['\r\n', 'a\r\nb', ['a', 'b']],
    ['\n, \r, \v, \f', 'a\nb\rc\vd\fe', ['a', 'b', 'c', 'd', 'e']],
    ['NEL, LS, PS', 'a\u0085b\u2028c\u2029d', ['a', 'b', 'c', 'd']],
    ['no line break: V, tab', 'Version\t1', ['Version\t1']],
  ])('splits on %s, and only on a line break', (_, text, lines) => {
    expect(log.safeLines(text)).toEqual(lines);
    expect(log.oneLine(text)).toBe(lines.join(' '));
  });

  it('drops C0 and C1 controls, DEL and bidirectional overrides, keeping the tab', () => {
    const controls = ['\u0000', '\u0008', '\u000e', '\u001f', '\u007f', '\u009f', '\u202a', '\u202e', '\u2066', '\u2069'];
    expect(log.safeLines(`a${controls.join('')}\tb`)).toEqual(['a\tb']);
    expect(log.oneLine(`a${controls.join('')}\tb`)).toBe('a\tb');
  });
});

describe('GithubActionsHost', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'host-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('writes commands with escaped data, and outputs and the summary to their files', async () => {
    const written: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (written.push(String(chunk)), true));
    const env = { GITHUB_OUTPUT: join(dir, 'out'), GITHUB_STEP_SUMMARY: join(dir, 'summary') };
    await writeFile(env.GITHUB_OUTPUT, '');
    const host = new GithubActionsHost(env);
    expect(host.debugging).toBe(false);
    expect(new GithubActionsHost({ ...env, RUNNER_DEBUG: '1' }).debugging).toBe(true);
    host.warning('100% done\nnext');
    host.mask('line one\nline two');
    host.startGroup('Deploy');
    host.endGroup();
    host.setOutput('deleted_versions', '["a"]\nghadelimiter_fake\nrun_id<<x');
    host.appendSummary('## Deploy\n');
    expect(written.join('')).toBe(
      '::warning::100%25 done%0Anext\n::add-mask::line one\n::add-mask::line two\n::group::Deploy\n::endgroup::\n',
    );
    expect(parseOutputFile(await readFile(env.GITHUB_OUTPUT, 'utf8'))).toEqual({
      deleted_versions: '["a"]\nghadelimiter_fake\nrun_id<<x',
    });
    expect(await readFile(env.GITHUB_STEP_SUMMARY, 'utf8')).toBe('## Deploy\n');
  });
});

describe('TerminalHost', () => {
  it('shows human text without colours when the stream is not a terminal, and keeps outputs and summary', () => {
    const out = sink(false);
    const host = new TerminalHost({ stream: out.stream, verbose: false });
    host.startGroup('Deploy');
    host.info('accepted');
    host.warning('slow\nstill slow');
    expect(host.debugging).toBe(false);
    host.error('failed');
    host.setOutput('run_id', 'r1');
    host.appendSummary('## Deploy\n');
    expect(out.text()).toBe('== Deploy\naccepted\nwarning: slow\n  still slow\nerror: failed\n');
    expect(host.outputs).toEqual({ run_id: 'r1' });
    expect(host.errors).toEqual(['failed']);
    expect(host.summary).toBe('## Deploy\n');
  });

  it('updates a progress line in place on a terminal, and ends it before the next line', () => {
    const out = sink(true);
    vi.stubEnv('NO_COLOR', '1');
    const host = new TerminalHost({ stream: out.stream, verbose: false });
    vi.unstubAllEnvs();
    host.progress('10 of 100', 10, 100);
    host.progress('20 of 100', 20, 100);
    host.info('done');
    expect(out.text()).toBe('\r\x1b[K10 of 100\r\x1b[K20 of 100\r\x1b[Kdone\n');
  });

  it('prints no progress line more often than every 10% and 10 s when the output is a log', () => {
    const out = sink(false);
    const host = new TerminalHost({ stream: out.stream, verbose: false });
    host.progress('1 of 100', 1, 100);
    host.progress('50 of 100', 50, 100);
    expect(out.text()).toBe('');
  });
});

describe('ProgressThrottle', () => {
  it('allows a line once both 10% more of the work and 10 s have passed since the last one', () => {
    let now = 0;
    const throttle = new ProgressThrottle(() => now);
    const due = (done: number, at: number) => ((now = at), throttle.due(done, 100));
    expect([due(5, 0), due(10, 5_000), due(10, 10_000), due(15, 30_000), due(20, 31_000), due(95, 35_000), due(95, 41_000)]).toEqual([
      false,
      false,
      true,
      false,
      true,
      false,
      true,
    ]);
  });
});
