import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../emulator/server.ts';
import { runJobInProcess } from '../../harness/run-action.ts';

// Nothing a cleanup did goes unreported (issue 24): whatever becomes of the report file, the
// outputs and the summary say it; the summary stays within GitHub's limit; platform text in a
// pull-request comment renders nothing.

const TASK = '/ai/openapi/v2/instance-service/task';

let emu: Emulator;
let dir: string;
beforeEach(async () => {
  emu = await startEmulator();
  dir = await mkdtemp(join(tmpdir(), 'report-'));
});
afterEach(async () => {
  await emu.close();
  await rm(dir, { recursive: true, force: true });
});

const clean = (extra: Record<string, string>, env: Record<string, string> = {}) =>
  runJobInProcess({ operation: 'clean-containers', ai_api_url: emu.url, ai_token: emu.ai.issueToken(), ...extra }, env);

describe('the report file', () => {
  it.each([
    ['missing', () => '', 'RUNNER_TEMP is not set, so no report file was written'],
    ['unwritable', () => join(dir, 'a-file', 'below'), 'The report file could not be written (ENOTDIR'],
  ])('when RUNNER_TEMP is %s, costs a warning, never the outputs and the summary', async (_, temp, warning) => {
    await writeFile(join(dir, 'a-file'), '');
    const ids = emu.ai.addContainers(300, { status: 'Terminated' }).map((c) => c.id);
    const run = await clean({ container_status: 'Terminated' }, { RUNNER_TEMP: temp() });
    expect(run.code, run.stdout).toBe(0);
    expect(run.stdout).toContain(`::warning::${warning}`);
    expect(run.outputs).toMatchObject({ deleted_count: '300', failed_count: '0', report_file: '' });
    expect((JSON.parse(run.outputs.deleted_containers) as string[]).sort()).toEqual([...ids].sort());
    expect(run.summary).toContain('| 300 | 300 | 0 | 3 |');
  });
});

describe('the summary', () => {
  it('caps the failures, the containers still listed and the records skipped, and says how many more there are', async () => {
    emu.ai.addContainers(250, { status: 'Terminated' });
    emu.ai.addContainers(130, { status: 'Terminated', record: { instanceServiceName: 7 } });
    emu.faults.inject({
      match: TASK,
      method: 'DELETE',
      times: 1_000,
      reply: { status: 200, json: { code: '10004', msg: 'invalid parameters' } },
    });
    const run = await clean({ container_status: 'Terminated' });
    expect(run.code).toBe(1);
    expect(run.outputs.failed_count).toBe('250');
    const tables = run.summary.split('\n\n').filter((block) => block.startsWith('| Container') || block.startsWith('| Record'));
    expect(tables).toHaveLength(3); // failures, still listed, skipped
    // A header, its rule and 100 rows each.
    for (const table of tables) expect(table.split('\n').filter((line) => line.startsWith('| '))).toHaveLength(102);
    expect(run.summary.match(/…and 150 more \(all are listed in the log and in report_file\)/g)).toHaveLength(2);
    expect(run.summary).toContain('…and 30 more');
    expect(Buffer.byteLength(run.summary)).toBeLessThan(100_000);
  });
});

describe('the pull-request comment', () => {
  it('shows platform text as the summary does: no link, image, mention or HTML renders', async () => {
    const eventPath = join(dir, 'event.json');
    await writeFile(eventPath, JSON.stringify({ pull_request: { number: 7 } }));
    const hostile = '![x](https://evil.example/x.png) @octo-org/team <img src=x onerror=alert(1)> [a](https://evil.example)';
    emu.ai.addContainers(2, { status: 'Failed', instanceServiceName: hostile });
    const github = { GITHUB_API_URL: emu.url, GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: eventPath };
    const comment = { pr_comment: 'true', github_token: 'ghs_report_test_token', container_status: 'Failed' };
    const rendersNothing = (body: string) => {
      const outsideCode = body.replace(/`[^`]*`/g, '').replace(/<!--[^>]*-->|<\/?sub>/g, '');
      for (const rendered of ['@octo-org', '<img', '![x]', '](https://evil']) expect(outsideCode).not.toContain(rendered);
    };
    // The plan names the containers; then a run fails with the platform's message in its first line.
    const plan = await clean({ ...comment, dry_run: 'true' }, github);
    expect(plan.code, plan.stdout).toBe(0);
    expect(emu.github.comments[0].body).toContain(`| \`${hostile}\` | Failed |`);
    rendersNothing(emu.github.comments[0].body);
    emu.faults.inject({ match: TASK, method: 'GET', times: 10, reply: { status: 200, json: { code: '10004', msg: hostile } } });
    const failed = await clean(comment, github);
    expect(failed.code).toBe(1);
    expect(emu.github.comments).toHaveLength(1);
    expect(emu.github.comments[0].body).toContain(
      '**Failed:** `list containers failed: code 10004 (invalid parameters): ![x](https://evil.example/x.png) @octo-org',
    );
    rendersNothing(emu.github.comments[0].body);
  });
});
