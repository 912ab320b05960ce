import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { everythingShown, runAction, runJobInProcess, type ActionRun } from '../../harness/run-action.ts';
import { EMULATOR_AI_USER, EMULATOR_CLUSTER } from '../../emulator/ai.ts';
import { startEmulator, type Emulator } from '../../emulator/server.ts';
import { runJob } from '../../src/job.ts';
import { RecordingHost } from '../support/recording-host.ts';

const TASK = '/ai/openapi/v2/instance-service/task';

let emu: Emulator;
let token: string;
beforeEach(async () => {
  emu = await startEmulator();
  token = emu.ai.issueToken();
});
afterEach(() => emu.close());

const inputs = (extra: Record<string, string> = {}) => ({
  operation: 'clean-containers',
  ai_api_url: emu.url,
  ai_token: token,
  ...extra,
});
const deletes = () => emu.requests.filter((r) => r.method === 'DELETE');
const remaining = (ids: readonly string[]) => ids.filter((id) => emu.ai.containers.has(id));
const json = (run: ActionRun, name: string): unknown => JSON.parse(run.outputs[name]);

describe('clean-containers', () => {
  it('deletes explicit IDs with repeated ids parameters and the token header, deduplicated', async () => {
    const [a, b, keep] = emu.ai.addContainers(3).map((c) => c.id);
    const run = await runAction(inputs({ container_ids: `${a}\n${b}, ${a} ${b}` }));
    expect(run.code, run.stdout).toBe(0);
    const [req] = deletes();
    expect(deletes()).toHaveLength(1);
    expect(req.path).toBe(TASK);
    expect(req.query.getAll('ids')).toEqual([a, b]);
    expect(req.headers.token).toBe(token);
    expect(req.body).toBe('');
    expect(emu.ai.containers.has(keep)).toBe(true);
    expect(remaining([a, b])).toEqual([]);
    expect(json(run, 'deleted_containers')).toEqual([a, b]);
    expect(run.outputs).toMatchObject({ deleted_count: '2', failed_count: '0', failed_containers: '[]' });
    expect(run.summary).toContain('| 2 | 2 | 0 | 1 |');
  });

  it('writes the whole result to the report_file under RUNNER_TEMP, for later steps', async () => {
    const ids = emu.ai.addContainers(3).map((c) => c.id);
    const temp = await mkdtemp(join(tmpdir(), 'runner-temp-'));
    const run = await runJobInProcess(inputs({ container_ids: ids.join(',') }), { RUNNER_TEMP: temp });
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs.report_file.startsWith(temp)).toBe(true);
    expect(JSON.parse(await readFile(run.outputs.report_file, 'utf8'))).toEqual({
      operation: 'clean-containers',
      deleted: ids,
      absent: [],
      failed: [],
    });
    await rm(temp, { recursive: true, force: true });
  });

  it('pages through the whole list and deletes only finished containers matching every filter', async () => {
    const old = new Date(Date.now() - 10 * 86_400_000);
    const match = emu.ai.addContainers(230, { instanceServiceName: 'train-nightly', status: 'Completed', createTime: old });
    const failed = emu.ai.addContainers(20, { instanceServiceName: 'train-x', status: 'Failed', createTime: old });
    const running = emu.ai.addContainers(5, { instanceServiceName: 'train-live', status: 'Running', createTime: old });
    const young = emu.ai.addContainers(5, { instanceServiceName: 'train-new', status: 'Completed', createTime: new Date() });
    const otherName = emu.ai.addContainers(5, { instanceServiceName: 'serve-api', status: 'Completed', createTime: old });
    const otherType = emu.ai.addContainers(5, { instanceServiceName: 'train-ssh', status: 'Completed', taskType: 'ssh', createTime: old });
    emu.ai.addContainers(5, { owner: 'someone-else', status: 'Completed', createTime: old });

    const run = await runJobInProcess(
      inputs({ container_name_pattern: 'train-*', older_than: '7d', task_type: 'jupyter', batch_size: '50' }),
    );
    expect(run.code, run.stdout).toBe(0);
    const lists = emu.requests.filter((r) => r.method === 'GET');
    // The first page tells the total; the others are read from the end back, so deleting what one
    // holds never shifts a page still to be read.
    // Then the check: one page of what is left.
    expect(lists.map((r) => JSON.parse(r.body).start)).toEqual([0, 200, 100, 0]);
    expect(JSON.parse(lists[0].body)).toEqual({ start: 0, limit: 100, sort: 'desc' });
    expect(run.outputs.deleted_count).toBe('250');
    expect(deletes()).toHaveLength(5);
    expect(remaining([...match, ...failed].map((c) => c.id))).toEqual([]);
    for (const kept of [running, young, otherName, otherType]) expect(remaining(kept.map((c) => c.id))).toHaveLength(kept.length);
  });

  it('deletes while it lists, from the last page back, and so misses none of a long list', async () => {
    const running = emu.ai.addContainers(150, { status: 'Running' }).map((c) => c.id);
    const done = emu.ai.addContainers(850, { status: 'Terminated' }).map((c) => c.id);
    const run = await runJobInProcess(inputs({ container_status: 'Terminated', batch_size: '40', concurrency: '2' }));
    expect(run.code, run.stdout).toBe(0);
    expect(remaining(done)).toEqual([]);
    expect(remaining(running)).toEqual(running);
    expect(run.outputs.deleted_count).toBe('850');
    // Read ascending, each delete would shift the pages still to read and the listing would skip containers.
    const order = emu.requests.map((r) => (r.method === 'GET' ? (JSON.parse(r.body) as { start: number }).start : 'DELETE'));
    const starts = order.filter((r) => r !== 'DELETE');
    expect(starts[0]).toBe(0);
    expect(starts[1]).toBeGreaterThanOrEqual(800); // two at a time: either may arrive first
    expect(starts.slice(1, 10).sort((a, b) => b - a)).toEqual([900, 800, 700, 600, 500, 400, 300, 200, 100]);
    // Then the check, on the 150 left: two pages that overlap.
    expect(starts.slice(10)).toEqual([0, 90]);
    expect(order.indexOf('DELETE')).toBeLessThan(order.indexOf(100));
  });

  it('tells its progress in one line for the listing and the deletes, which move together', async () => {
    emu.ai.addContainers(1000, { status: 'Terminated' });
    const host = new RecordingHost();
    const given: Record<string, string> = inputs({ container_status: 'Terminated', concurrency: '2' });
    expect(await runJob((name) => given[name] ?? '', host, { RUNNER_TEMP: tmpdir() })).toBe(true);
    const progress = host.lines.filter((line) => line.startsWith('progress: '));
    const counts = progress.map((line) => /listed (\d+) of 1000, (\d+) deleted, 0 failed of (\d+)/.exec(line)!.slice(1).map(Number));
    expect(counts.at(-1)).toEqual([1000, 1000, 1000]);
    // Deletes were confirmed while pages were still being read.
    expect(counts.some(([listed, deleted]) => deleted > 0 && listed < 1000)).toBe(true);
  });

  it('stops deleting when the listing fails part-way, and says what it did and did not read', async () => {
    const ids = emu.ai.addContainers(500, { status: 'Terminated' }).map((c) => c.id);
    // The first page and the last two answer; the next page is not understood.
    emu.faults.inject({
      match: TASK,
      method: 'GET',
      skip: 3,
      reply: { status: 200, json: { code: '0', msg: 'success', data: { total: 500, rows: [] } } },
    });
    const run = await runJobInProcess(inputs({ container_status: 'Terminated', batch_size: '100', concurrency: '1' }));
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      /::error::Stopped after \d+ of \d+ containers were deleted, before the listing ended \(300 containers read\): the container list answer is not understood/,
    );
    const deleted = json(run, 'deleted_containers') as string[];
    const failed = json(run, 'failed_containers') as { id: string; code: string; msg: string }[];
    // Only containers of the pages read were touched: the last two, never the first page's.
    expect(ids.filter((id) => !emu.ai.containers.has(id)).sort()).toEqual([...deleted].sort());
    expect(deleted.every((id) => ids.indexOf(id) < 200)).toBe(true);
    for (const f of failed)
      expect(f).toMatchObject({ code: 'not-attempted', msg: 'not attempted: the run stopped after the container list failed' });
    expect(deleted.length + failed.length).toBe(200);
    expect(remaining(ids.slice(200))).toHaveLength(300);
  });

  it('selects Running containers only when container_status lists Running', async () => {
    const running = emu.ai.addContainers(3, { status: 'Running' }).map((c) => c.id);
    const done = emu.ai.addContainers(2, { status: 'Terminated' }).map((c) => c.id);
    const run = await runJobInProcess(inputs({ container_status: 'running' }));
    expect(run.code, run.stdout).toBe(0);
    expect(remaining(running)).toEqual([]);
    expect(remaining(done)).toEqual(done);
  });

  it.each([
    [
      'password',
      { ai_token: '', ai_user: EMULATOR_AI_USER.ai_user, ai_password: EMULATOR_AI_USER.ai_password, ai_org_id: EMULATOR_AI_USER.ai_org_id },
      '/ac/openapi/v2/tokens',
    ],
    [
      'AK/SK',
      {
        ai_token: '',
        ai_user: EMULATOR_AI_USER.ai_user,
        ai_access_key: EMULATOR_AI_USER.ai_access_key,
        ai_secret_key: EMULATOR_AI_USER.ai_secret_key,
      },
      '/api/user/v3/tokens',
    ],
  ])('obtains a token with %s credentials, discovers the AI host, and never shows a secret', async (_, credentials, tokenPath) => {
    const ids = emu.ai.addContainers(2).map((c) => c.id);
    const run = await runJobInProcess(
      inputs({ ...credentials, ai_api_url: '', ac_api_url: emu.url, scnet_api_url: emu.url, container_ids: ids.join(',') }),
    );
    expect(run.code, run.stdout).toBe(0);
    expect(emu.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`POST ${tokenPath}`, 'GET /ac/openapi/v2/center', `DELETE ${TASK}`]);
    const used = deletes()[0].headers.token as string;
    expect(emu.ai.tokens.get(used)?.clusterId).toBe(EMULATOR_CLUSTER.clusterId);
    expect(emu.requests[0].body).toBe('');
    expect(remaining(ids)).toEqual([]);
    expect(run.stdout).toContain(`Using the token of cluster ${EMULATOR_CLUSTER.clusterId} (hefei)`);
    const shown = everythingShown(run);
    for (const secret of [used, EMULATOR_AI_USER.ai_password, EMULATOR_AI_USER.ai_secret_key]) expect(shown).not.toContain(secret);
    expect(JSON.stringify(emu.requests.map((r) => r.headers))).not.toContain(EMULATOR_AI_USER.ai_secret_key);
  });

  it('asks for ai_cluster_id when several clusters can be used, and uses the one given', async () => {
    emu.ai.addCluster('22223', 'kunshan');
    const [id] = emu.ai.addContainers(1).map((c) => c.id);
    const password = {
      ai_token: '',
      ai_api_url: emu.url,
      ac_api_url: emu.url,
      ai_user: EMULATOR_AI_USER.ai_user,
      ai_password: EMULATOR_AI_USER.ai_password,
      ai_org_id: EMULATOR_AI_USER.ai_org_id,
      container_ids: id,
    };
    const ambiguous = await runJobInProcess(inputs(password));
    expect(ambiguous.code).toBe(1);
    expect(ambiguous.stdout).toContain('several clusters: 11112 (hefei), 22223 (kunshan)');
    expect(ambiguous.stdout).toContain('set ai_cluster_id to the cluster whose containers to clean, or to all');
    expect(deletes()).toHaveLength(0);

    const run = await runJobInProcess(inputs({ ...password, ai_cluster_id: '11112' }));
    expect(run.code, run.stdout).toBe(0);
    expect(remaining([id])).toEqual([]);
  });

  describe('ai_cluster_id: all', () => {
    const every = (credentials: Record<string, string>, extra: Record<string, string> = {}) =>
      runJobInProcess(
        inputs({
          ai_token: '',
          ai_api_url: '',
          ac_api_url: emu.url,
          scnet_api_url: emu.url,
          ai_cluster_id: 'all',
          container_status: 'Terminated,Failed,Completed',
          ...credentials,
          ...extra,
        }),
      );
    const password = {
      ai_user: EMULATOR_AI_USER.ai_user,
      ai_password: EMULATOR_AI_USER.ai_password,
      ai_org_id: EMULATOR_AI_USER.ai_org_id,
    };
    const accessKey = {
      ai_user: EMULATOR_AI_USER.ai_user,
      ai_access_key: EMULATOR_AI_USER.ai_access_key,
      ai_secret_key: EMULATOR_AI_USER.ai_secret_key,
    };

    it.each([
      ['password', password],
      ['access-key', accessKey],
    ])('cleans every cluster the account reaches through its own AI host, with %s credentials', async (_, credentials) => {
      const kunshan = emu.ai.addCluster('22223', 'kunshan');
      const here = emu.ai.addContainers(3, { status: 'Failed' }).map((c) => c.id);
      const there = kunshan.addContainers(120, { status: 'Completed' }).map((c) => c.id);
      const kept = kunshan.addContainers(2, { status: 'Running' }).map((c) => c.id);
      const run = await every(credentials);
      expect(run.code, run.stdout).toBe(0);
      expect(remaining(here)).toEqual([]);
      expect(there.filter((id) => kunshan.containers.has(id))).toEqual([]);
      expect(kept.filter((id) => kunshan.containers.has(id))).toEqual(kept);
      // Each cluster through its own host, with its own token; cluster 0 ("ac") is left out.
      const hosts = new Set(
        emu.requests
          .filter((r) => r.path.endsWith(TASK))
          .map((r) => `${r.path} ${emu.ai.tokens.get(r.headers.token as string)?.clusterId}`),
      );
      expect(hosts).toEqual(new Set([`${TASK} 11112`, `/cluster/22223${TASK} 22223`]));
      expect(run.outputs.deleted_count).toBe('123');
      expect(json(run, 'deleted_containers')).toEqual(expect.arrayContaining([`11112/${here[0]}`, `22223/${there[0]}`]));
      expect(run.summary).toContain('## Clean containers: cluster 11112 (hefei)');
      expect(run.summary).toContain('## Clean containers: cluster 22223 (kunshan)');
      expect(run.summary).toContain('## Clean containers: every cluster');
      expect(run.summary).toContain('| Total | 123 | 123 | 0 | 0 | 0 |');
      expect(run.stdout).toContain('The account reaches 2 clusters, each cleaned in turn: 11112 (hefei), 22223 (kunshan).');
    });

    it('goes on when one cluster fails, and fails the step at the end naming it', async () => {
      const kunshan = emu.ai.addCluster('22223', 'kunshan');
      const wuxi = emu.ai.addCluster('33334', 'wuxi');
      const here = emu.ai.addContainers(2, { status: 'Failed' }).map((c) => c.id);
      kunshan.addContainers(2, { status: 'Failed' });
      const last = wuxi.addContainers(2, { status: 'Failed' }).map((c) => c.id);
      emu.faults.inject({
        match: `/cluster/22223${TASK}`,
        times: 10,
        reply: { status: 200, json: { code: '10001', msg: 'internal error' } },
      });
      const run = await every(password, { retry_budget: '5s' });
      expect(run.code).toBe(1);
      expect(remaining(here)).toEqual([]);
      expect(last.filter((id) => wuxi.containers.has(id))).toEqual([]);
      expect(kunshan.containers.size).toBe(2);
      expect(run.stdout).toMatch(/^::error::Cluster 22223 \(kunshan\): list containers failed: code 10001/m);
      expect(run.stdout).toMatch(
        /^::error::1 of 3 clusters failed: 22223 \(kunshan\)%0A {2}- 22223 \(kunshan\): list containers failed: code 10001/m,
      );
      expect(run.summary).toContain('**Failed:** 1 of 3 clusters failed: 22223 (kunshan)');
      expect(json(run, 'deleted_containers')).toHaveLength(4);
      expect(run.summary).toContain('**Failed:** list containers failed: code 10001');
      expect(run.summary).toMatch(/\| 22223 \(kunshan\) \| 0 \| 0 \| 0 \| 0 \| 0 \| 0 \| failed: list containers failed: code 10001/);
    });

    it('shows the plan of every cluster on a dry run', async () => {
      emu.ai.addCluster('22223', 'kunshan').addContainers(2, { status: 'Failed' });
      emu.ai.addContainers(1, { status: 'Failed' });
      const run = await every(password, { dry_run: 'true' });
      expect(run.code, run.stdout).toBe(0);
      expect(emu.requests.filter((r) => r.method === 'DELETE')).toHaveLength(0);
      expect(run.summary).toContain('## Clean containers (dry run): cluster 22223 (kunshan)');
      expect(run.summary).toContain('| Total | 3 | 2 | 0 failed,');
    });

    it("is refused with ai_token, which is one cluster's", async () => {
      const run = await runJobInProcess(inputs({ ai_cluster_id: 'all', container_status: 'Failed' }));
      expect(run.code).toBe(1);
      expect(run.stdout).toContain('`ai_cluster_id`: all needs ai_user with ai_password + ai_org_id or ai_access_key + ai_secret_key');
      expect(emu.requests).toHaveLength(0);
    });
  });

  it('cuts batches at batch_size, and shorter when long IDs would make the URL too long', async () => {
    emu.ai.maxUrlLength = 6100;
    const ids = emu.ai.addContainers(100).map((c) => c.id);
    const small = await runJobInProcess(inputs({ container_ids: ids.join('\n'), batch_size: '30' }));
    expect(small.code, small.stdout).toBe(0);
    expect(deletes().map((r) => r.query.getAll('ids').length)).toEqual([30, 30, 30, 10]);

    emu.requests.length = 0;
    const long = Array.from(
      { length: 200 },
      (_, i) => emu.ai.addContainers(1, { id: `${'a'.repeat(60)}${String(i).padStart(4, '0')}` })[0].id,
    );
    const big = await runJobInProcess(inputs({ container_ids: long.join('\n'), batch_size: '150' }));
    expect(big.code, big.stdout).toBe(0);
    const sizes = deletes().map((r) => r.query.getAll('ids').length);
    expect(sizes).toEqual([86, 86, 28]); // 69 characters per ID: the 6000-character budget, not batch_size, cut them
    expect(remaining(long)).toEqual([]);
  });

  it('isolates a failing ID inside a large batch, deletes all the others, and fails the step', async () => {
    const ids = emu.ai.addContainers(300).map((c) => c.id);
    const bad = ids[137];
    emu.ai.failId(bad, '716866', '删除任务失败: container is busy');
    const run = await runAction(inputs({ container_ids: ids.join(' '), batch_size: '150' }));
    expect(run.code).toBe(1);
    expect(remaining(ids)).toEqual([bad]);
    expect(json(run, 'failed_containers')).toEqual([
      { id: bad, code: '716866', msg: 'delete task failed: 删除任务失败: container is busy' },
    ]);
    expect(run.outputs).toMatchObject({ deleted_count: '299', failed_count: '1' });
    expect(deletes().length).toBeLessThan(25); // bisection, not one request per ID
    expect(run.summary).toContain(`| ${bad} | 716866 | delete task failed`);
    expect(run.stdout).toContain('1 of 300 containers could not be deleted');
  });

  it('reports an unknown ID sent alone as failed, and one in a batch that answered an error as already absent, never as deleted', async () => {
    const [id] = emu.ai.addContainers(1).map((c) => c.id);
    const [alone, inBatch] = ['e'.repeat(32), 'f'.repeat(32)];
    const single = await runJobInProcess(inputs({ container_ids: alone }));
    expect(single.code).toBe(1);
    expect(json(single, 'failed_containers')).toMatchObject([{ id: alone, code: '716866' }]);
    // The batch's error may have come after it deleted part of itself: nothing says a batch is all or nothing.
    const batch = await runJobInProcess(inputs({ container_ids: `${id} ${inBatch}` }));
    expect(batch.code, batch.stdout).toBe(0);
    expect(json(batch, 'deleted_containers')).toEqual([id]);
    expect(json(batch, 'absent_containers')).toEqual([inBatch]);
  });

  it.each([
    ['10008', 'insufficient permission', 'use a token of the user who owns them'],
    ['10007', 'user frozen', 'the account is frozen'],
  ])('stops at once on code %s (%s) instead of bisecting', async (code, meaning, hint) => {
    const ids = emu.ai.addContainers(200).map((c) => c.id);
    emu.ai.failId(ids[0], code, 'from the emulator');
    const run = await runJobInProcess(inputs({ container_ids: ids.join(','), batch_size: '50', concurrency: '1' }));
    expect(run.code).toBe(1);
    expect(deletes()).toHaveLength(1);
    expect(remaining(ids)).toHaveLength(200);
    const failed = json(run, 'failed_containers') as { code: string; msg: string }[];
    expect(failed).toHaveLength(200);
    expect(failed.filter((f) => f.code === code)).toHaveLength(50);
    expect(failed.filter((f) => f.code === 'not-attempted')).toHaveLength(150);
    expect(run.stdout).toContain(`code ${code} (${meaning})`);
    expect(run.stdout).toContain(hint);
  });

  it('stops listing too when a delete meets an account error', async () => {
    const ids = emu.ai.addContainers(1000, { status: 'Terminated' }).map((c) => c.id);
    emu.ai.failId(ids[0], '10008', 'from the emulator'); // on the last page: the first one deleted
    const run = await runJobInProcess(inputs({ container_status: 'Terminated', concurrency: '1' }));
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/::error::Stopped after 0 of \d+ containers were deleted, before the listing ended .*code 10008/);
    expect(deletes()).toHaveLength(1);
    expect(emu.requests.filter((r) => r.method === 'GET').length).toBeLessThan(5);
    expect(remaining(ids)).toHaveLength(1000);
  });

  it('retries transient failures, and reports an ID already gone after a retried request as absent, not deleted', async () => {
    const ids = emu.ai.addContainers(4).map((c) => c.id);
    emu.faults.inject(
      { match: TASK, afterHandling: true, reply: { status: 502, raw: 'Bad Gateway' } }, // deleted, but the answer is lost
      { match: TASK, reply: { status: 200, json: { code: '10001', msg: 'internal error' } } },
    );
    const run = await runJobInProcess(inputs({ container_ids: ids.join('\n') }));
    expect(run.code, run.stdout).toBe(0);
    expect(deletes().length).toBeGreaterThanOrEqual(3);
    expect(run.stdout).toContain('retrying in');
    expect(json(run, 'absent_containers')).toEqual(expect.arrayContaining(ids));
    expect(run.outputs).toMatchObject({ deleted_containers: '[]', absent_count: '4', failed_count: '0' });
  });

  it('retries when rate limited, waiting as long as Retry-After asks', async () => {
    emu.ai.rateLimit = { requests: 2, retryAfterSeconds: 7 };
    const ids = emu.ai.addContainers(60).map((c) => c.id);
    const run = await runJobInProcess(inputs({ container_ids: ids.join(','), batch_size: '20', concurrency: '3' }));
    expect(run.code, run.stdout).toBe(0);
    expect(remaining(ids)).toEqual([]);
    expect(deletes()).toHaveLength(4);
    expect(run.stdout).toContain('HTTP 429');
    // The backoff alone would wait at most 1s before the first retry.
    expect(run.stdout).toContain('retrying in 7.0s');
    expect(run.outputs).toMatchObject({ deleted_count: '60', absent_count: '0', failed_count: '0' });
  });

  it('dry run lists and selects but sends no DELETE', async () => {
    const ids = emu.ai.addContainers(3, { status: 'Failed' }).map((c) => c.id);
    const run = await runJobInProcess(inputs({ container_status: 'Failed', dry_run: 'true' }));
    expect(run.code, run.stdout).toBe(0);
    expect(deletes()).toHaveLength(0);
    expect(remaining(ids)).toEqual(ids);
    expect(run.stdout).toContain('Dry run: would delete 3 containers in 1 DELETE request');
    expect(run.summary).toContain('Clean containers (dry run)');
    for (const id of ids) expect(run.summary).toContain(id);
    expect(run.outputs).toMatchObject({ deleted_count: '0', failed_count: '0' });
  });

  it('fails clearly, deleting nothing, when the list answer is not understood', async () => {
    emu.ai.addContainers(3);
    emu.ai.listShape = 'other';
    const run = await runJobInProcess(inputs({ container_status: 'Terminated' }));
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('the container list answer is not understood (data is an object with keys total, rows');
    expect(deletes()).toHaveLength(0);
  });

  it('reads the other accepted list envelopes', async () => {
    for (const shape of ['list', 'array'] as const) {
      emu.ai.listShape = shape;
      const ids = emu.ai.addContainers(2).map((c) => c.id);
      const run = await runJobInProcess(inputs({ container_status: 'Terminated' }));
      expect(run.code, run.stdout).toBe(0);
      expect(remaining(ids)).toEqual([]);
    }
  });

  it('reports every bad input together and calls nothing', async () => {
    const run = await runJobInProcess({
      operation: 'clean-containers',
      ai_user: 'ci-bot',
      ai_password: 'pw',
      container_ids: 'abc, ../../etc, ok_1, a&b=c',
      container_status: 'Finished',
      batch_size: '500',
      concurrency: '0',
      older_than: '7',
    });
    expect(run.code).toBe(1);
    for (const text of [
      '`ai_org_id`: required together with ai_password',
      '`container_ids`: 2 invalid container IDs: "../../etc", "a&b=c"',
      '`container_status`: unknown status "Finished"',
      '`batch_size`: must be between 1 and 150',
      '`concurrency`: must be between 1 and 16',
      '`older_than`: expected a duration',
    ])
      expect(run.stdout).toContain(text);
    expect(emu.requests).toHaveLength(0);
  });

  it('needs container_ids or a filter', async () => {
    const run = await runJobInProcess(inputs());
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('`container_ids`: give container_ids, or a filter');
    expect(emu.requests).toHaveLength(0);
  });

  it('warns about an expired ai_token without showing it, and never shows it when rejected', async () => {
    const expired = emu.ai.issueToken(undefined, undefined, -60_000);
    const run = await runJobInProcess(inputs({ ai_token: expired, container_ids: 'a'.repeat(32) }));
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/::warning::ai_token expired at \d{4}-/);
    expect(run.stdout).toContain('code 10008 (insufficient permission): token has expired');
    expect(run.stdout).toContain('the token may have expired');
    expect(deletes()).toHaveLength(1);
    expect(everythingShown(run)).not.toContain(expired);
  });
});

it('keeps connections alive across list pages (GET with a body) and delete batches', async () => {
  emu.ai.addContainers(450, { status: 'Terminated' });
  const run = await runJobInProcess(inputs({ container_status: 'Terminated', batch_size: '50', concurrency: '2' }));
  expect(run.code, run.stdout).toBe(0);
  expect(emu.requests.length).toBeGreaterThanOrEqual(14); // 5 list pages, 9 delete batches
  // Pages and deletes each run two at a time: a few connections for all 14 requests, not one per request.
  expect(emu.connections()).toBeLessThanOrEqual(6);
});
