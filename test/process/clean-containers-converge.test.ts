import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../emulator/server.ts';
import { runJobInProcess, type ActionRun } from '../../harness/run-action.ts';

// clean-containers on a list that moves while it is read (issue 24): its own deletes, others
// creating and deleting, equal createTimes in another order each query. Every run ends with no
// selected container left, or fails naming what remains.

const TASK = '/ai/openapi/v2/instance-service/task';
const DAY = 86_400_000;

let emu: Emulator;
let token: string;
beforeEach(async () => {
  emu = await startEmulator();
  token = emu.ai.issueToken();
});
afterEach(() => emu.close());

const clean = (extra: Record<string, string>) =>
  runJobInProcess({ operation: 'clean-containers', ai_api_url: emu.url, ai_token: token, ...extra });
const left = (ids: readonly string[]) => ids.filter((id) => emu.ai.containers.has(id));
const json = (run: ActionRun, name: string): unknown => JSON.parse(run.outputs[name]);
const lists = () => emu.requests.filter((r) => r.method === 'GET' && r.path === TASK);
/** Finished containers of ten days ago, a second apart (newest first), as a nightly job leaves them. */
const old = (n: number, fields: Record<string, unknown> = {}) =>
  Array.from(
    { length: n },
    (_, i) => emu.ai.addContainers(1, { status: 'Terminated', createTime: new Date(Date.now() - 10 * DAY - i * 1000), ...fields })[0].id,
  );
/** The run said so in the log and the summary. */
const checkedNoneLeft = (run: ActionRun) => {
  expect(run.code, run.stdout).toBe(0);
  expect(run.stdout).toContain('0 selected containers remain (checked by a final listing).');
  expect(run.summary).toContain('0 selected containers remain (checked by a final listing).');
};

describe('clean-containers converges while the list moves', () => {
  it('its own delete of a fresh container on the first page: lists again and deletes what the shift hid', async () => {
    const selected = old(450);
    // The fresh one is the newest, on page one: deleting it shifts every page still to be read.
    const [fresh] = emu.ai.addContainers(1, { status: 'Running', createTime: new Date() }).map((c) => c.id);
    const run = await clean({ container_ids: fresh, older_than: '1d', container_status: 'Terminated', concurrency: '1' });
    checkedNoneLeft(run);
    expect(left([...selected, fresh])).toEqual([]);
    expect(run.outputs.deleted_count).toBe('451');
    // The check found what the first pass missed, and deleted it.
    const firstCheck = emu.requests.findIndex((r, i) => i > 5 && r.method === 'GET' && JSON.parse(r.body).start === 0);
    expect(emu.requests.slice(firstCheck).some((r) => r.method === 'DELETE')).toBe(true);
  });

  it('others create containers while the pages are read, once or before every page', async () => {
    const selected = old(450);
    emu.ai.others = { after: 2, create: 1 };
    checkedNoneLeft(await clean({ container_status: 'Terminated', concurrency: '2' }));
    expect(left(selected)).toEqual([]);

    const more = old(450);
    emu.ai.others = { after: 1, every: true, create: 1 };
    const run = await clean({ container_status: 'Terminated', concurrency: '2' });
    checkedNoneLeft(run);
    expect(left(more)).toEqual([]);
    // What others created is Running: never touched.
    expect([...emu.ai.containers.values()].every((c) => c.status === 'Running')).toBe(true);
  });

  it('others delete containers while the pages are read: no error, and what they took is already absent', async () => {
    const selected = old(450);
    emu.ai.others = { after: 2, delete: 3 };
    const run = await clean({ container_status: 'Terminated', concurrency: '2' });
    checkedNoneLeft(run);
    expect(left(selected)).toEqual([]);
    expect(Number(run.outputs.deleted_count) + Number(run.outputs.absent_count)).toBeLessThanOrEqual(450);
    expect(run.outputs.failed_count).toBe('0');

    // Others take the oldest, which this run selected and is about to delete.
    const more = old(450);
    emu.ai.others = { after: 1, every: true, delete: 2, deleteFrom: 'oldest' };
    const again = await clean({ container_status: 'Terminated', concurrency: '2', batch_size: '50' });
    checkedNoneLeft(again);
    expect(left(more)).toEqual([]);
    expect(again.outputs.failed_count).toBe('0');
  });

  it('equal createTimes that come in another order each query: lists again until none is left', async () => {
    const at = new Date(Date.now() - 10 * DAY);
    const selected = old(300, { createTime: at });
    const running = emu.ai.addContainers(150, { status: 'Running', createTime: at }).map((c) => c.id);
    emu.ai.shuffleTies = true;
    const run = await clean({ container_status: 'Terminated', concurrency: '2' });
    checkedNoneLeft(run);
    expect(left(selected)).toEqual([]);
    expect(left(running)).toEqual(running);
    expect(lists().length).toBeGreaterThan(4);
  });

  it('fails naming what remains: a container whose delete fails stays listed', async () => {
    const selected = old(120, { instanceServiceName: 'train-nightly' });
    emu.ai.failId(selected[7], '716866', '删除任务失败: container is busy');
    const run = await clean({ container_status: 'Terminated' });
    expect(run.code).toBe(1);
    expect(left(selected)).toEqual([selected[7]]);
    expect(run.stdout).toContain(
      `1 selected container remains (checked by a final listing):%0A  - ${selected[7]} ("train-nightly", "Terminated"): its delete failed (code 716866)`,
    );
    expect(run.summary).toContain('**1 selected container remains (checked by a final listing):**');
    expect(run.summary).toContain(`| ${selected[7]} | train-nightly | Terminated | its delete failed (code 716866) |`);
    // Its own failure is not tried again after the first pass.
    const firstCheck = emu.requests.findIndex((r, i) => i > 2 && r.method === 'GET' && JSON.parse(r.body).start === 0);
    expect(emu.requests.slice(firstCheck).filter((r) => r.method === 'DELETE')).toEqual([]);
  });

  it('fails naming what remains when deletes are answered success but the containers stay listed', async () => {
    const selected = old(30);
    emu.faults.inject({
      match: TASK,
      method: 'DELETE',
      times: 100,
      reply: { status: 200, json: { code: '0', msg: 'success', data: null } },
    });
    const run = await clean({ container_status: 'Terminated' });
    expect(run.code).toBe(1);
    expect(left(selected)).toEqual(selected);
    // Listed again after each pass, deleted again, and checked by a fourth listing at most.
    expect(lists().filter((r) => JSON.parse(r.body).start === 0)).toHaveLength(5);
    expect(run.outputs).toMatchObject({ deleted_count: '0', failed_count: '30' });
    expect(json(run, 'failed_containers')).toContainEqual({
      id: selected[0],
      code: 'still-listed',
      msg: 'still listed by the final listing, although its delete was answered success',
    });
    expect(run.stdout).toContain('30 selected containers remain (checked by a final listing):%0A');
  });

  it('a batch that deletes part of itself before answering an error: the part is already absent, never failed', async () => {
    const selected = old(100);
    emu.ai.batchDelete = 'partial';
    emu.ai.failId(selected[60], '716866', '删除任务失败: container is busy');
    const run = await clean({ container_status: 'Terminated', concurrency: '1' });
    expect(run.code).toBe(1);
    expect(json(run, 'failed_containers')).toMatchObject([{ id: selected[60], code: '716866' }]);
    // The batch deleted the 60 before the busy one; the bisection found them gone.
    expect(run.outputs).toMatchObject({ failed_count: '1', absent_count: '60', deleted_count: '39' });
    expect(left(selected)).toEqual([selected[60]]);
  });

  it('stops splitting a batch when every part answers the same error, not about one container', async () => {
    old(1000);
    emu.faults.inject({
      match: TASK,
      method: 'DELETE',
      times: 1_000,
      reply: { status: 200, json: { code: '10004', msg: 'invalid parameters' } },
    });
    const run = await clean({ container_status: 'Terminated', concurrency: '4' });
    expect(run.code).toBe(1);
    expect(run.outputs.failed_count).toBe('1000');
    // 7 requests a batch of 100 (the batch, its halves, its quarters), not 199.
    expect(emu.requests.filter((r) => r.method === 'DELETE')).toHaveLength(70);
    expect(json(run, 'failed_containers')).toContainEqual(
      expect.objectContaining({ code: '10004', msg: expect.stringContaining('so it is not about one container: not split further') }),
    );
  });
});

describe('clean-containers reads what it can and skips the rest', () => {
  it.each<[string, (count: number) => unknown]>([
    ['""', () => ''],
    ['0', () => 0],
    ['false', () => false],
    ['true', () => true],
    ['smaller than the records', () => 3],
  ])('pages until a short page when data.total is %s', async (_, total) => {
    const selected = old(250);
    emu.ai.listTotal = total;
    checkedNoneLeft(await clean({ container_status: 'Terminated' }));
    expect(left(selected)).toEqual([]);
  });

  it('fails on a total no listing could page, naming it, before deleting anything', async () => {
    old(5);
    emu.ai.listTotal = () => 1e15;
    const run = await clean({ container_status: 'Terminated' });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      'the container list answer is not understood (data.total is 1000000000000000: more than 10000 pages of 5)',
    );
    expect(emu.requests.filter((r) => r.method === 'DELETE')).toHaveLength(0);
  });

  it.each(['data', 'items'] as const)('reads the data.%s envelope, ids in instanceServiceId, times written YYYY/MM/DD', async (shape) => {
    emu.ai.listShape = shape;
    emu.ai.idField = 'instanceServiceId';
    emu.ai.timeForm = 'slash';
    const selected = old(120);
    const young = emu.ai.addContainers(3, { status: 'Terminated', createTime: new Date() }).map((c) => c.id);
    checkedNoneLeft(await clean({ older_than: '2d' }));
    expect(left(selected)).toEqual([]);
    expect(left(young)).toEqual(young);
  });

  it('never selects a status outside the six, by the default set or a filter', async () => {
    const odd = ['Stopped', '停止', 'terminated ', 'TERMINATING'].flatMap((status) => old(1, { status }));
    const [done] = old(1);
    const filters: Record<string, string>[] = [
      { older_than: '1d' },
      { container_status: 'Terminated,Failed,Completed,Running,Deploying,Waiting' },
    ];
    for (const filter of filters) {
      const run = await clean(filter);
      expect(run.code, run.stdout).toBe(0);
    }
    expect(left(odd)).toEqual(odd);
    expect(left([done])).toEqual([]);
  });

  it('never selects a container of unknown age by older_than', async () => {
    const unknown = [0, '0', '1970-01-01 08:00:00', '0001-01-01T00:00:00Z', '20240102', '', null].flatMap((createTime) =>
      old(1, { record: { createTime } }),
    );
    const known = [old(1)[0], ...old(1, { record: { createTime: '2020/01/02 08:00:00' } })];
    const run = await clean({ older_than: '1d' });
    checkedNoneLeft(run);
    expect(left(unknown)).toEqual(unknown);
    expect(left(known)).toEqual([]);
    expect(run.stdout).toContain('::warning::7 containers match the filter but have no usable createTime');
  });

  it('skips records it cannot read, in a dry run too, and shows them escaped; deletes one only when named', async () => {
    const [named] = old(1, { record: { instanceServiceName: `${'n'.repeat(129)}` } });
    const [control] = old(1, { record: { instanceServiceName: 'job\u0007<b>@team' } });
    const [plain] = old(1);
    const dry = await clean({ container_status: 'Terminated', dry_run: 'true' });
    expect(dry.code, dry.stdout).toBe(0);
    expect(dry.summary).toContain('### Records skipped');
    expect(dry.summary).toContain('2 records of the container list cannot be read');
    // In a code span, where nothing renders; the control character escaped.
    expect(dry.summary).toMatch(/^\| `\{"id":"[0-9a-f]{32}","instanceServiceName":"job\\u0007<b>@team"/m);
    const run = await clean({ container_status: 'Terminated', container_ids: named });
    checkedNoneLeft(run);
    expect(left([named, control, plain])).toEqual([control]);
    expect(run.stdout).toContain('job\\u0007<b>@team');
  });
});
