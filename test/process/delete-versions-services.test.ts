import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { everythingShown, runAction, runJobInProcess, type ActionRun } from '../../harness/run-action.ts';
import { startEmulator, type Emulator } from '../../emulator/server.ts';

// delete-versions over the services of an environment that a pattern in service_name selects (issue 25).
const TOKEN = 'tok_estate_secret_7c2e';
const ENV = 'prod-env-estate';
const SERVICES = '/componenttcb/getcslist';
const LIST = '/componenttcb/getcsversionlist';
const DELETE = '/componenttcb/deletecloudbaserunserverversion';
const DAY = 86_400_000;

let emu: Emulator;
beforeEach(async () => {
  emu = await startEmulator();
  emu.wechat.tokens.add(TOKEN);
});
afterEach(() => emu.close());

/** A service with `count` versions a day apart, named <service>-001 (oldest) up; the newest serves all traffic. */
function seed(service: string, count: number): void {
  emu.wechat.addService(
    ENV,
    service,
    Array.from({ length: count }, (_, i) => ({
      version_name: `${service}-${String(i + 1).padStart(3, '0')}`,
      created_time: new Date(Date.now() - (count - i) * DAY),
      flow_ratio: i === count - 1 ? 100 : 0,
    })),
  );
}

/** shop-api (5 versions), shop-web (4), shop-worker (3), and billing (3), which shop-* does not select. */
function seedEstate(): void {
  seed('shop-api', 5);
  seed('shop-web', 4);
  seed('shop-worker', 3);
  seed('billing', 3);
}

const prune = (extra: Record<string, string>, run = runJobInProcess) =>
  run({ operation: 'delete-versions', wechat_api_url: emu.url, access_token: TOKEN, env_id: ENV, keep_latest: '1', ...extra });
const remaining = (service: string) => emu.wechat.service(ENV, service)?.versions.map((v) => v.version_name);
const bodies = (path: string) => emu.requests.filter((r) => r.path === path).map((r) => JSON.parse(r.body) as Record<string, unknown>);
const json = (run: ActionRun, name: string): unknown => JSON.parse(run.outputs[name]);
const counts = (service_name: string, deleted: number, skipped = 0, failed = 0, not_pruned = '') => ({
  service_name,
  deleted,
  absent: 0,
  skipped,
  failed,
  not_pruned,
});

describe('delete-versions over a pattern of services', () => {
  it('prunes every matching service with the same rules; one failing service does not stop the others', async () => {
    seedEstate();
    // The second version list read, shop-web's (services go in name order), fails.
    emu.faults.inject({ match: 'getcsversionlist', skip: 1, reply: { status: 200, json: { errcode: 40097, errmsg: 'invalid args' } } });
    const run = await prune({ service_name: 'shop-*' }, runAction);
    expect(run.code).toBe(1);

    expect(remaining('shop-api')).toEqual(['shop-api-005']);
    expect(remaining('shop-web')).toHaveLength(4);
    expect(remaining('shop-worker')).toEqual(['shop-worker-003']);
    expect(remaining('billing')).toHaveLength(3);
    expect(bodies(LIST).map((b) => b.service_name)).toEqual(['shop-api', 'shop-web', 'shop-worker']);

    expect(json(run, 'deleted_versions')).toEqual([
      'shop-api/shop-api-001',
      'shop-api/shop-api-002',
      'shop-api/shop-api-003',
      'shop-api/shop-api-004',
      'shop-worker/shop-worker-001',
      'shop-worker/shop-worker-002',
    ]);
    expect(run.outputs).toMatchObject({ deleted_count: '6', failed_count: '0', failed_versions: '[]' });
    expect(json(run, 'services')).toEqual([
      counts('shop-api', 4),
      counts('shop-web', 0, 0, 0, 'versions-unread'),
      counts('shop-worker', 2),
    ]);

    const error = run.stdout.split('::error::')[1];
    expect(error).toMatch(
      /^1 of 3 services could not be pruned in full: shop-web%0A {2}shop-web:%0A {4}Cannot read the versions of shop-web/,
    );

    expect(run.summary).toContain('## Delete versions: shop-&#42;');
    expect(run.summary).toContain(`Deleted **6**, skipped **0**, failed **0** in 3 services, 1 not pruned (environment ${ENV}, `);
    expect(run.summary).toContain(`, ${emu.requests.length} WeChat API requests).`);
    expect(run.summary).toContain('| Service | Deleted | Already absent | Skipped | Failed | Not pruned because |');
    expect(run.summary).toContain('| shop-api | 4 | 0 | 0 | 0 |  |');
    expect(run.summary).toMatch(
      /\| shop-web \| 0 \| 0 \| 0 \| 0 \| cannot read its versions: componenttcb\/getcsversionlist failed: errcode 40097/,
    );
    expect(run.summary).toContain('| Total | 6 | 0 | 0 | 0 | 1 service |');
    expect(run.summary).toContain('### shop-worker\n\nDeleted **2**, skipped **0**, failed **0**.\n');
    expect(run.summary).toContain('| shop-worker-001 | deleted |  |');
    expect(run.summary).toContain('### shop-web\n\nNot pruned: cannot read its versions');
    expect(run.summary).toContain('**Failed:** 1 of 3 services could not be pruned in full: shop-web');
    expect(everythingShown(run)).not.toContain(TOKEN);
  });

  it('names the failing service and its versions when a delete fails, and goes on', async () => {
    seed('shop-api', 3);
    seed('shop-web', 3);
    emu.faults.inject({
      match: 'deletecloudbaserunserverversion',
      reply: { status: 200, json: { errcode: 85088, errmsg: 'no qbase privilege' } },
    });
    const run = await prune({ service_name: 'shop-api shop-web', concurrency: '1' });
    expect(run.code).toBe(1);
    expect(remaining('shop-api')).toEqual(['shop-api-001', 'shop-api-003']);
    expect(remaining('shop-web')).toEqual(['shop-web-003']);
    expect(json(run, 'failed_versions')).toEqual([{ version_name: 'shop-api/shop-api-001', errcode: 85088, errmsg: 'no qbase privilege' }]);
    expect(run.stdout).toContain('1 of 2 services could not be pruned in full: shop-api');
    expect(run.stdout).toContain('1 version of shop-api could not be deleted:%0A      - shop-api-001: errcode 85088: no qbase privilege');
    expect(run.summary).toContain('| shop-api-001 | failed | errcode 85088: no qbase privilege |');
  });

  it('leaves out the services an exclusion names, without reading them', async () => {
    seedEstate();
    const run = await prune({ service_name: '*\n!shop-web, !shop-wor?er' });
    expect(run.code, run.stdout).toBe(0);
    expect(bodies(LIST).map((b) => b.service_name)).toEqual(['billing', 'shop-api']);
    expect(remaining('billing')).toEqual(['billing-003']);
    expect(remaining('shop-web')).toHaveLength(4);
    expect(remaining('shop-worker')).toHaveLength(3);
    expect(run.stdout).toContain('*, !shop-web, !shop-wor?er selects 2 of 4 services: billing, shop-api.');
    expect(run.stdout).toContain('Excluded: shop-web, shop-worker.');
    expect(json(run, 'services')).toEqual([counts('billing', 2), counts('shop-api', 4)]);
  });

  it('prunes one service after another, each within the concurrency bound', async () => {
    seedEstate();
    const run = await prune({ service_name: '*', concurrency: '4' });
    expect(run.code, run.stdout).toBe(0);
    // One getcslist, then per service its list read and its deletes, before the next service's read.
    expect(emu.requests[0].path).toBe(SERVICES);
    const served = emu.requests.slice(1).map((r) => {
      const body = JSON.parse(r.body) as { server_name?: string; service_name?: string };
      return body.server_name ?? body.service_name;
    });
    expect(served.filter((name, i) => name !== served[i - 1])).toEqual(['billing', 'shop-api', 'shop-web', 'shop-worker']);
    expect(run.summary).toContain(`(environment ${ENV}, `);
    expect(run.summary).toContain(`, ${emu.requests.length} WeChat API requests).`);
    expect(emu.requests).toHaveLength(1 + 4 + 2 + 4 + 3 + 2);
  });

  it('reads every page of the service list', async () => {
    for (let i = 1; i <= 25; i++) seed(`svc-${String(i).padStart(2, '0')}`, 1);
    const run = await prune({ service_name: 'svc-*', dry_run: 'true' });
    expect(run.code, run.stdout).toBe(0);
    expect(bodies(SERVICES)).toEqual([0, 20].map((offset) => ({ env: ENV, limit: 20, offset })));
    expect((json(run, 'services') as { service_name: string }[]).map((s) => s.service_name)).toHaveLength(25);
  });

  it('reads a service list that answers whole, whatever the page asked for', async () => {
    // API-NOTES documents only `env` for getcslist: an API that ignores limit and offset.
    emu.wechat.serviceListPaging = 'whole';
    for (let i = 1; i <= 25; i++) seed(`svc-${String(i).padStart(2, '0')}`, 1);
    const run = await prune({ service_name: 'svc-*', dry_run: 'true' });
    expect(run.code, run.stdout).toBe(0);
    const names = (json(run, 'services') as { service_name: string }[]).map((s) => s.service_name);
    expect(new Set(names).size).toBe(25);
    expect(names).toHaveLength(25);
  });

  it('fails a named service the environment does not list, after pruning the others', async () => {
    seed('shop-api', 2);
    const run = await prune({ service_name: 'shop-api, shop-ghost' });
    expect(run.code).toBe(1);
    expect(remaining('shop-api')).toEqual(['shop-api-002']);
    expect(bodies(LIST).map((b) => b.service_name)).toEqual(['shop-api']);
    expect(run.stdout).toContain('1 of 2 services could not be pruned in full: shop-ghost');
    expect(run.stdout).toContain(`service shop-ghost is not in environment ${ENV}`);
    expect(json(run, 'services')).toEqual([counts('shop-api', 1), counts('shop-ghost', 0, 0, 0, 'not-in-environment')]);
  });

  it('fails, deleting nothing, when the pattern selects no service, listing the ones there are', async () => {
    seedEstate();
    const run = await prune({ service_name: 'shop-*, !shop-*' });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      `service_name "shop-*, !shop-*" selects none of the 4 services of environment ${ENV}: billing, shop-api, shop-web, shop-worker`,
    );
    expect(emu.requests.map((r) => r.path)).toEqual([SERVICES]);
  });

  it('deletes nothing when the service list cannot be read', async () => {
    seedEstate();
    emu.faults.inject({ match: 'getcslist', reply: { status: 200, json: { errcode: 40014, errmsg: 'invalid access_token' } } });
    const run = await prune({ service_name: '*' });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`Cannot list the services of environment ${ENV}, so nothing was deleted`);
    expect(run.stdout).toContain('Hint: the component_access_token is invalid');
    expect(bodies(DELETE)).toEqual([]);
  });

  it('leaves alone a listed service whose name is in another shape, and says so', async () => {
    seed('shop-api', 2);
    seed('bad$(name)', 2);
    const run = await prune({ service_name: '*' });
    expect(run.code, run.stdout).toBe(0);
    expect(run.stdout).toContain(`::warning::Left alone: 1 service named in another shape than WeChat's, "bad$(name)".`);
    expect(bodies(LIST).map((b) => b.service_name)).toEqual(['shop-api']);
    expect(remaining('bad$(name)')).toHaveLength(2);
  });

  it('dry run shows the whole plan, service by service, and sends no delete', async () => {
    seedEstate();
    const run = await prune({ service_name: 'shop-*', dry_run: 'true' });
    expect(run.code, run.stdout).toBe(0);
    expect(bodies(DELETE)).toEqual([]);
    expect(run.summary).toContain('## Delete versions (dry run): shop-&#42;');
    expect(run.summary).toContain('Would delete **9**, skipped **0**, failed **0** in 3 services (');
    expect(run.summary).toContain('| Service | Would delete | Already absent | Skipped | Failed | Not pruned because |');
    expect(run.summary).toContain('| shop-web | 3 | 0 | 0 | 0 |  |');
    for (const version of ['shop-api-004', 'shop-web-003', 'shop-worker-002'])
      expect(run.summary).toContain(`| ${version} | would delete |  |`);
    expect(run.summary).toContain('### shop-api\n\nWould delete **4**, skipped **0**, failed **0**.\n');
    expect(run.outputs).toMatchObject({ deleted_versions: '[]', deleted_count: '0' });
    expect(json(run, 'services')).toEqual([counts('shop-api', 0), counts('shop-web', 0), counts('shop-worker', 0)]);
  });

  it('refuses delete_service and delete_image, named versions, and only exclusions with a pattern, before any call', async () => {
    seedEstate();
    const run = await prune({
      service_name: 'shop-*',
      delete_service: 'true',
      delete_image: 'true',
      versions: 'shop-api-001',
      keep_latest: '',
    });
    expect(run.code).toBe(1);
    for (const text of [
      '`delete_service`: not with a pattern in service_name: name the one service to delete',
      '`delete_image`: not with a pattern in service_name',
      '`versions`: names versions of one service',
    ])
      expect(run.stdout).toContain(text);
    const alone = await prune({ service_name: '!shop-web' });
    expect(alone.stdout).toContain('`service_name`: has only exclusions: also say which services, such as "*, !shop-web"');
    expect(emu.requests).toHaveLength(0);
  });

  it('when cancelled, starts no more deletes and reports the rest as not attempted', async () => {
    seedEstate();
    // shop-api-002's delete is answered late: the cancel comes while it is in flight.
    emu.faults.inject({ match: 'deletecloudbaserunserverversion', skip: 1, afterHandling: true, delayMs: 400 });
    const run = await prune({ service_name: 'shop-*', concurrency: '1' }, (inputs) =>
      runAction(inputs, {}, (child) => {
        let seen = '';
        const watch = (chunk: Buffer) => {
          seen += chunk.toString();
          if (!seen.includes('Deleted shop-api-001.')) return;
          child.stdout?.off('data', watch);
          child.kill('SIGINT');
        };
        child.stdout?.on('data', watch);
      }),
    );
    expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(1);
    expect(bodies(DELETE).map((b) => b.version_name)).toEqual(['shop-api-001', 'shop-api-002']);
    expect(remaining('shop-api')).toEqual(['shop-api-003', 'shop-api-004', 'shop-api-005']);
    expect(json(run, 'deleted_versions')).toEqual(['shop-api/shop-api-001', 'shop-api/shop-api-002']);
    const notAttempted = 'not attempted: the run was cancelled (SIGINT)';
    expect(json(run, 'failed_versions')).toEqual(
      ['shop-api-003', 'shop-api-004'].map((v) => ({ version_name: `shop-api/${v}`, errcode: null, errmsg: notAttempted })),
    );
    expect(json(run, 'services')).toEqual([
      counts('shop-api', 2, 0, 2),
      counts('shop-web', 0, 0, 0, 'not-attempted'),
      counts('shop-worker', 0, 0, 0, 'not-attempted'),
    ]);
    expect(run.summary).toContain(`| shop-api-003 | failed | ${notAttempted} |`);
    expect(run.summary).toContain('**Failed:** Cancelled (SIGINT)');
  });
});
