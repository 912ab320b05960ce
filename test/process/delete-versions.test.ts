import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { everythingShown, runAction, runJobInProcess, type ActionRun } from '../../harness/run-action.ts';
import { startEmulator, type Emulator } from '../../emulator/server.ts';
import { chinaTime, type Version } from '../../emulator/wechat.ts';

const TOKEN = 'tok_prune_secret_4b1d';
const ENV = 'prod-env-9x8y';
const SERVICE = 'shop-api';
const LIST = '/componenttcb/getcsversionlist';
const DELETE = '/componenttcb/deletecloudbaserunserverversion';
const DAY = 86_400_000;

let emu: Emulator;
beforeEach(async () => {
  emu = await startEmulator();
  emu.wechat.tokens.add(TOKEN);
});
afterEach(() => emu.close());

/** Adds the service with versions given newest first, as the list shows them: [name, days old, extra]. */
function seed(versions: [string, number, Partial<Version>?][]): void {
  emu.wechat.addService(
    ENV,
    SERVICE,
    versions.toReversed().map(([version_name, days, extra]) => ({
      version_name,
      created_time: new Date(Date.now() - days * DAY),
      ...extra,
    })),
  );
}

// A typical service: the newest version serves all traffic; older ones idle.
const TYPICAL: [string, number, Partial<Version>?][] = [
  ['shop-api-006', 1, { flow_ratio: 100 }],
  ['shop-api-005', 3],
  ['shop-api-004', 10, { status: 'build_fail' }],
  ['shop-api-003', 20],
  ['shop-api-002', 30],
  ['shop-api-001', 40],
];

const prune = (extra: Record<string, string>, run = runJobInProcess) =>
  run({
    operation: 'delete-versions',
    wechat_api_url: emu.url,
    access_token: TOKEN,
    env_id: ENV,
    service_name: SERVICE,
    ...extra,
  });
const remaining = () =>
  emu.wechat
    .service(ENV, SERVICE)
    ?.versions.map((v) => v.version_name)
    .toReversed();
const deleteRequests = () => emu.requests.filter((r) => r.path === DELETE).map((r) => JSON.parse(r.body) as Record<string, unknown>);
const deleteAttempts = () => deleteRequests().map((b) => b.version_name);
const json = (run: ActionRun, name: string): unknown => JSON.parse(run.outputs[name]);

describe('delete-versions', () => {
  it('deletes named versions and reports them in outputs and the summary', async () => {
    seed(TYPICAL);
    const run = await prune({ versions: 'shop-api-002\nshop-api-004, shop-api-001' }, runAction);
    expect(run.code, run.stdout).toBe(0);
    expect(remaining()).toEqual(['shop-api-006', 'shop-api-005', 'shop-api-003']);
    expect(deleteRequests()).toContainEqual({ env_id: ENV, server_name: SERVICE, version_name: 'shop-api-002' });
    expect(run.outputs).toMatchObject({ deleted_count: '3', failed_count: '0', skipped_versions: '[]', failed_versions: '[]' });
    expect(json(run, 'deleted_versions')).toEqual(['shop-api-001', 'shop-api-002', 'shop-api-004']);
    expect(run.summary).toContain('## Delete versions: shop-api');
    expect(run.summary).toContain('Deleted **3**, skipped **0**, failed **0**');
    expect(run.summary).toContain('| Version | Outcome | Reason |');
    expect(run.summary).toContain('| shop-api-004 | deleted |  |');
    expect(everythingShown(run)).not.toContain(TOKEN);
  });

  it('keep_latest keeps the N newest and deletes the rest', async () => {
    seed(TYPICAL);
    const run = await prune({ keep_latest: '2' });
    expect(run.code, run.stdout).toBe(0);
    expect(remaining()).toEqual(['shop-api-006', 'shop-api-005']);
    expect(deleteAttempts()).toEqual(['shop-api-001', 'shop-api-002', 'shop-api-003', 'shop-api-004']);
  });

  it('older_than deletes what was created before the cutoff', async () => {
    seed(TYPICAL);
    const run = await prune({ older_than: '2w' });
    expect(run.code, run.stdout).toBe(0);
    expect(remaining()).toEqual(['shop-api-006', 'shop-api-005', 'shop-api-004']);
  });

  it('combines rules: a version goes only if every rule selects it', async () => {
    seed([['web-009', 1, { flow_ratio: 100 }], ...TYPICAL.slice(1), ['web-000', 50], ['shop-api-000', 60]]);
    const run = await prune({ keep_latest: '2', older_than: '15d', version_pattern: 'shop-api-*', exclude_pattern: 'shop-api-000' });
    expect(run.code, run.stdout).toBe(0);
    expect(remaining()).toEqual(['web-009', 'shop-api-005', 'shop-api-004', 'web-000', 'shop-api-000']);
    expect(json(run, 'skipped_versions')).toEqual([{ version_name: 'shop-api-000', reason: 'matches exclude_pattern' }]);
  });

  it('reads every page of a long version list', async () => {
    seed(
      Array.from({ length: 45 }, (_, i): [string, number, Partial<Version>?] => [
        `v-${String(45 - i).padStart(3, '0')}`,
        i + 1,
        i === 0 ? { flow_ratio: 100 } : {},
      ]),
    );
    const run = await prune({ keep_latest: '3', concurrency: '8' });
    expect(run.code, run.stdout).toBe(0);
    expect(emu.requests.filter((r) => r.path === LIST).map((r) => JSON.parse(r.body))).toEqual(
      [0, 20, 40].map((offset) => ({ env: ENV, service_name: SERVICE, limit: 20, offset })),
    );
    expect(remaining()).toEqual(['v-045', 'v-044', 'v-043']);
    expect(run.outputs.deleted_count).toBe('42');
  });

  it('refuses a named version that serves traffic, deletes the others, and fails naming it', async () => {
    seed(TYPICAL);
    const run = await prune({ versions: 'shop-api-006 shop-api-003 shop-api-999' });
    expect(run.code).toBe(1);
    expect(deleteAttempts()).toEqual(['shop-api-003']);
    expect(remaining()).toContain('shop-api-006');
    expect(run.stdout).toContain('2 versions of shop-api could not be deleted');
    expect(run.stdout).toContain('shop-api-006: refused: receives traffic (flow_ratio 100)');
    expect(run.stdout).toContain('shop-api-999: refused: does not exist');
    expect(json(run, 'failed_versions')).toEqual([
      { version_name: 'shop-api-006', errcode: null, errmsg: 'refused: receives traffic (flow_ratio 100)' },
      { version_name: 'shop-api-999', errcode: null, errmsg: 'refused: does not exist: not in the version list of the service' },
    ]);
    expect(run.outputs).toMatchObject({ deleted_count: '1', failed_count: '2' });
    expect(run.summary).toContain('| shop-api-006 | failed | refused: receives traffic (flow_ratio 100) |');
  });

  it('never deletes a protected version, whatever the rules select', async () => {
    seed([
      ['shop-api-009', 1, { flow_ratio: 0 }],
      ['shop-api-008', 2, { flow_ratio: 100, status: 'building' }],
      ['shop-api-007', 30, { flow_ratio: 20 }],
      ['shop-api-006', 31, { status: 'building' }],
      ['shop-api-005', 32, { status: 'deploying' }],
      ['shop-api-004', 33, { status: 'some_new_status' }],
      ['shop-api-003', 34, { status: 'build_fail' }],
      ['shop-api-002', 35],
    ]);
    const run = await prune({ keep_latest: '1', older_than: '1m', version_pattern: '*' });
    expect(run.code, run.stdout).toBe(0);
    expect(deleteAttempts().toSorted()).toEqual(['shop-api-002', 'shop-api-003']);
    expect(json(run, 'skipped_versions')).toEqual([
      { version_name: 'shop-api-008', reason: 'receives traffic (flow_ratio 100)' },
      { version_name: 'shop-api-007', reason: 'receives traffic (flow_ratio 20)' },
      { version_name: 'shop-api-006', reason: 'still being built or deployed (status "building")' },
      { version_name: 'shop-api-005', reason: 'still being built or deployed (status "deploying")' },
      { version_name: 'shop-api-004', reason: 'its status "some_new_status" is not one the action knows: never deleted on a guess' },
    ]);
    expect(run.summary).toContain('| shop-api-007 | skipped | receives traffic (flow_ratio 20) |');
  });

  it('never deletes the newest version by rules alone', async () => {
    seed([
      ['shop-api-002', 1],
      ['shop-api-001', 2, { flow_ratio: 100 }],
    ]);
    const run = await prune({ version_pattern: 'shop-api-*' });
    expect(run.code, run.stdout).toBe(0);
    expect(deleteAttempts()).toEqual([]);
    expect(json(run, 'skipped_versions')).toContainEqual({
      version_name: 'shop-api-002',
      reason: 'the newest version: never deleted by retention rules',
    });
    expect(run.summary).toContain('Deleted **0**, skipped **2**, failed **0**');
  });

  it('skips a version whose created_time cannot be read instead of guessing', async () => {
    seed([
      ['shop-api-003', 1, { flow_ratio: 100 }],
      ['shop-api-002', 20],
      ['shop-api-001', 30],
    ]);
    const real = emu.wechat.service(ENV, SERVICE)!.versions.toReversed();
    const items = real.map((v) => ({
      version_name: v.version_name,
      status: v.status,
      flow_ratio: v.flow_ratio,
      created_time: chinaTime(v.created_time),
    }));
    items[1].created_time = '2024/06/01 10:00';
    emu.faults.inject({ match: 'getcsversionlist', reply: { status: 200, json: { errcode: 0, errmsg: 'ok', total: 3, items } } });
    const run = await prune({ older_than: '7d' });
    expect(run.code, run.stdout).toBe(0);
    expect(deleteAttempts()).toEqual(['shop-api-001']);
    expect(json(run, 'skipped_versions')).toEqual([
      {
        version_name: 'shop-api-002',
        reason: 'created_time "2024/06/01 10:00" cannot be read: keep_latest and older_than cannot be applied',
      },
    ]);
  });

  it('keeps deleting after a failure, reports each failure, and fails the step', async () => {
    seed(TYPICAL);
    emu.faults.inject({
      match: 'deletecloudbaserunserverversion',
      reply: { status: 200, json: { errcode: 85088, errmsg: 'no qbase privilege' } },
    });
    const run = await prune({ keep_latest: '2', concurrency: '1' }, runAction);
    expect(run.code).toBe(1);
    expect(deleteAttempts()).toEqual(['shop-api-001', 'shop-api-002', 'shop-api-003', 'shop-api-004']);
    expect(remaining()).toEqual(['shop-api-006', 'shop-api-005', 'shop-api-001']);
    expect(json(run, 'failed_versions')).toEqual([{ version_name: 'shop-api-001', errcode: 85088, errmsg: 'no qbase privilege' }]);
    expect(run.outputs).toMatchObject({ deleted_count: '3', failed_count: '1' });
    expect(run.stdout).toContain('shop-api-001: errcode 85088: no qbase privilege');
    expect(run.summary).toContain('| shop-api-001 | failed | errcode 85088: no qbase privilege |');
    expect(run.summary).toContain('| shop-api-002 | deleted |  |');
  });

  it('retries transient faults; a retry that finds the version gone reports it already absent', async () => {
    seed(TYPICAL);
    emu.faults.inject(
      { match: 'deletecloudbaserunserverversion', afterHandling: true, reply: { status: 502, raw: 'Bad Gateway' } },
      { match: 'deletecloudbaserunserverversion', reply: { status: 200, json: { errcode: -1, errmsg: 'system busy' } } },
    );
    const run = await prune({ older_than: '15d', concurrency: '1' });
    expect(run.code, run.stdout).toBe(0);
    // 001: the first attempt lands but answers 502, the retry is busy, the third finds it gone.
    expect(deleteAttempts()).toEqual(['shop-api-001', 'shop-api-001', 'shop-api-001', 'shop-api-002', 'shop-api-003']);
    expect(remaining()).toEqual(['shop-api-006', 'shop-api-005', 'shop-api-004']);
    expect(json(run, 'deleted_versions')).toEqual(['shop-api-002', 'shop-api-003']);
    expect(json(run, 'absent_versions')).toEqual(['shop-api-001']);
    expect(run.outputs).toMatchObject({ deleted_count: '2', absent_count: '1', failed_count: '0' });
    expect(run.stdout).toContain('shop-api-001 is already absent: an earlier attempt got no answer, and the retry found it gone.');
    expect(run.summary).toContain('| shop-api-001 | already absent |');
  });

  it('does not count "not found" on a first attempt as deleted', async () => {
    seed(TYPICAL);
    emu.faults.inject({
      match: 'deletecloudbaserunserverversion',
      reply: { status: 200, json: { errcode: 40097, errmsg: 'ResourceNotFound.VersionNotFound: version shop-api-001 not exist' } },
    });
    const run = await prune({ versions: 'shop-api-001' });
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ deleted_count: '0', failed_count: '1' });
  });

  it('dry run sends no delete and shows what would be deleted and skipped', async () => {
    seed(TYPICAL);
    const run = await prune({ keep_latest: '1', version_pattern: 'shop-api-*', dry_run: 'true' });
    expect(run.code, run.stdout).toBe(0);
    expect(emu.requests.map((r) => r.path)).toEqual([LIST]);
    expect(remaining()).toHaveLength(6);
    expect(run.stdout).toContain('Dry run: would delete 5 versions: shop-api-001, shop-api-002, shop-api-003, shop-api-004, shop-api-005');
    expect(run.summary).toContain('## Delete versions (dry run): shop-api');
    expect(run.summary).toContain('Would delete **5**, skipped **0**, failed **0**');
    expect(run.summary).toContain('| shop-api-005 | would delete |  |');
    expect(run.outputs).toMatchObject({ deleted_versions: '[]', deleted_count: '0', failed_count: '0' });
  });

  it('dry run still fails on a named version it would refuse', async () => {
    seed(TYPICAL);
    const run = await prune({ versions: 'shop-api-006', dry_run: 'true' });
    expect(run.code).toBe(1);
    expect(deleteRequests()).toEqual([]);
    expect(run.stdout).toContain('shop-api-006: refused: receives traffic');
  });

  it('deletes the service with its last version only when asked, and only with the last one', async () => {
    seed([
      ['shop-api-003', 1, { status: 'build_fail' }],
      ['shop-api-002', 2],
      ['shop-api-001', 3],
    ]);
    const run = await prune({ versions: 'shop-api-001 shop-api-002 shop-api-003', delete_service: 'true', delete_image: 'true' });
    expect(run.code, run.stdout).toBe(0);
    expect(emu.wechat.service(ENV, SERVICE)).toBeUndefined();
    const bodies = deleteRequests();
    expect(bodies.slice(0, 2).map((b) => [b.version_name, b.is_delete_server])).toEqual([
      ['shop-api-001', undefined],
      ['shop-api-002', undefined],
    ]);
    expect(bodies[2]).toEqual({
      env_id: ENV,
      server_name: SERVICE,
      version_name: 'shop-api-003',
      is_delete_server: true,
      is_delete_image: true,
    });
    expect(run.summary).toContain('Service shop-api was deleted with its last version, with its image.');
  });

  it('does not claim the service was deleted when the last delete was not confirmed', async () => {
    seed([
      ['shop-api-002', 1],
      ['shop-api-001', 2],
    ]);
    // The last version's delete (with is_delete_server) lands, but its answer is lost; the retry finds it gone.
    emu.faults.inject({
      match: 'deletecloudbaserunserverversion',
      skip: 1,
      afterHandling: true,
      reply: { status: 502, raw: 'Bad Gateway' },
    });
    const run = await prune({ versions: 'shop-api-001 shop-api-002', delete_service: 'true', concurrency: '1' });
    expect(run.code, run.stdout).toBe(0);
    expect(json(run, 'absent_versions')).toEqual(['shop-api-002']);
    expect(run.summary).not.toContain('was deleted with its last version');
  });

  it('keeps the service, and sends no is_delete_server, when another delete failed', async () => {
    seed([
      ['shop-api-003', 1],
      ['shop-api-002', 2],
      ['shop-api-001', 3],
    ]);
    emu.faults.inject({
      match: 'deletecloudbaserunserverversion',
      reply: { status: 200, json: { errcode: 40097, errmsg: 'invalid args' } },
    });
    const run = await prune({ versions: 'shop-api-001 shop-api-002 shop-api-003', delete_service: 'true', concurrency: '1' });
    expect(run.code).toBe(1);
    expect(deleteRequests().map((b) => [b.version_name, b.is_delete_server])).toEqual([
      ['shop-api-001', undefined],
      ['shop-api-002', undefined],
      ['shop-api-003', undefined],
    ]);
    expect(remaining()).toEqual(['shop-api-001']);
    expect(run.stdout).toContain('Some versions could not be deleted, so service shop-api is kept.');
    expect(run.summary).not.toContain('was deleted with its last version');
  });

  it('keeps the service when versions remain', async () => {
    seed(TYPICAL);
    const run = await prune({ keep_latest: '2', delete_service: 'true' });
    expect(run.code, run.stdout).toBe(0);
    expect(deleteRequests().every((b) => b.is_delete_server === undefined)).toBe(true);
    expect(run.stdout).toContain('Service shop-api is kept: versions remain.');
  });

  it('deletes nothing when the version list cannot be read', async () => {
    seed(TYPICAL);
    emu.faults.inject({ match: 'getcsversionlist', reply: { status: 200, json: { errcode: 40014, errmsg: 'invalid access_token' } } });
    const run = await prune({ keep_latest: '1' });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('Cannot read the versions of shop-api, so nothing was deleted');
    expect(run.stdout).toContain('Hint: the component_access_token is invalid');
    expect(deleteRequests()).toEqual([]);
  });

  it('deletes nothing when the list changes while it is read', async () => {
    seed([
      ['shop-api-004', 1, { flow_ratio: 100 }],
      ['shop-api-003', 2],
      ['shop-api-002', 3],
      ['shop-api-001', 4],
    ]);
    // The first page was read before shop-api-004 was deployed; the second page is read after.
    const before = [
      ['shop-api-003', 2],
      ['shop-api-002', 3],
    ].map(([name, days]) => ({
      version_name: name,
      status: 'normal',
      flow_ratio: 0,
      created_time: chinaTime(new Date(Date.now() - Number(days) * DAY)),
    }));
    emu.faults.inject({ match: 'getcsversionlist', reply: { status: 200, json: { errcode: 0, errmsg: 'ok', total: 3, items: before } } });
    const run = await prune({ keep_latest: '1' });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('the version list changed while it was read (3 versions read, total 4)');
    expect(deleteRequests()).toEqual([]);
  });

  it('fails on a missing service, naming it', async () => {
    emu.wechat.addEnv(ENV);
    const run = await prune({ keep_latest: '1', service_name: 'ghost' });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('service ghost not exist');
    expect(run.stdout).toContain('check service_name and env_id');
  });

  it('reports every bad input together and calls nothing', async () => {
    const run = await runJobInProcess({
      operation: 'delete-versions',
      wechat_api_url: emu.url,
      access_token: TOKEN,
      env_id: ENV,
      keep_latest: '0',
      older_than: '7',
      delete_image: 'true',
      concurrency: '64',
    });
    expect(run.code).toBe(1);
    for (const text of [
      '`service_name`: required for delete-versions',
      '`keep_latest`: must be between 1 and 1000, got 0',
      '`older_than`: expected a duration',
      '`delete_image`: only valid together with delete_service: true',
      '`concurrency`: must be between 1 and 16, got 64',
    ])
      expect(run.stdout).toContain(text);
    expect(emu.requests).toHaveLength(0);
  });

  it('refuses to run without a rule saying what to delete', async () => {
    seed(TYPICAL);
    const run = await prune({ exclude_pattern: 'keep-*' });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('`versions`: exclude_pattern only protects versions');
    expect(emu.requests).toHaveLength(0);
  });
});
