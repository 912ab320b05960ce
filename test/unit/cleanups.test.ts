import { describe, expect, it } from 'vitest';
import type { CleanContainersConfig } from '../../src/inputs/containers.ts';
import type { DeleteVersionsConfig } from '../../src/inputs/delete-versions.ts';
import { runInScope } from '../../src/job-scope.ts';
import { cleanCluster } from '../../src/operations/clean-containers/clean-cluster.ts';
import { begin as beginPrune } from '../../src/operations/delete-versions/delete-versions.ts';
import { pruneService } from '../../src/operations/delete-versions/prune-service.ts';
import type { ClusterCleanup, ItemResult } from '../../src/result/result.ts';
import { WechatApiError } from '../../src/wechat/client.ts';
import { FakeContainers } from '../support/fake-containers.ts';
import { FakeService } from '../support/fake-service.ts';
import { RecordingHost } from '../support/recording-host.ts';
import { readInputs, type Inputs } from './read-config.ts';

// Both delete operations against fakes of the interfaces they talk to, asserting on the result
// each leaves for the renderer: what was deleted, what was not and why.

const inScope = <T>(fn: () => Promise<T>) => runInScope({ host: new RecordingHost(), env: {}, timeScale: 0 }, fn);
const outcomes = (items: readonly ItemResult[]) => Object.fromEntries(items.map((i) => [i.name, i.outcome]));

describe('delete-versions on one service', () => {
  const config = (extra: Inputs) =>
    readInputs({
      operation: 'delete-versions',
      access_token: 't',
      env_id: 'env-fake',
      service_name: 'shop-api',
      ...extra,
    }) as DeleteVersionsConfig;
  const prune = (service: FakeService, extra: Inputs) =>
    inScope(async () => {
      const c = config(extra);
      const result = beginPrune(c);
      const failure = await pruneService(service, c, result);
      return { failure, prune: result.services[0] };
    });

  it('deletes what the rules select, oldest first, and keeps what serves', async () => {
    const service = new FakeService([0, 0, 0, 100, 0]);
    const { failure, prune: p } = await prune(service, { keep_latest: '1' });
    expect(failure).toBeUndefined();
    expect(service.calls.filter((c) => c.startsWith('deleteVersion'))).toEqual([
      'deleteVersion shop-api-001',
      'deleteVersion shop-api-002',
      'deleteVersion shop-api-003',
    ]);
    expect(outcomes(p.items)).toEqual({
      'shop-api-001': 'deleted',
      'shop-api-002': 'deleted',
      'shop-api-003': 'deleted',
      'shop-api-004': 'skipped',
    });
    // The newest is kept by keep_latest: not selected, so not worth a line.
    expect(p.items.find((i) => i.name === 'shop-api-004')?.message).toBe('receives traffic (flow_ratio 100)');
  });

  it('reports each delete that failed, and one whose earlier attempt may have landed as already absent', async () => {
    const service = new FakeService([0, 0, 0, 100]);
    service.before = (call) => {
      if (call === 'deleteVersion shop-api-001')
        throw new WechatApiError('componenttcb/deletecloudbaserunserverversion', 40097, 'invalid args');
      if (call === 'deleteVersion shop-api-002')
        throw new WechatApiError('componenttcb/deletecloudbaserunserverversion', 40097, 'version shop-api-002 not exist', true);
    };
    const { failure, prune: p } = await prune(service, { version_pattern: 'shop-api-00[123]'.replace('[123]', '?') });
    expect(failure?.message).toContain('1 version of shop-api could not be deleted');
    expect(p.items).toContainEqual({ name: 'shop-api-001', outcome: 'failed', code: 40097, message: 'invalid args' });
    expect(outcomes(p.items)).toMatchObject({ 'shop-api-002': 'absent', 'shop-api-003': 'deleted' });
  });

  it('sends nothing on a dry run, and says what it would delete', async () => {
    const service = new FakeService([0, 0, 100]);
    service.readOnly = true;
    const { prune: p } = await prune(service, { keep_latest: '1', dry_run: 'true' });
    expect(service.calls.some((c) => c.startsWith('deleteVersion'))).toBe(false);
    expect(outcomes(p.items)).toMatchObject({ 'shop-api-001': 'would-delete', 'shop-api-002': 'would-delete' });
  });
});

describe('clean-containers on one cluster', () => {
  const config = (extra: Inputs) =>
    readInputs({
      operation: 'clean-containers',
      ai_token: 't',
      ai_api_url: 'https://ai.fake',
      batch_size: '10',
      ...extra,
    }) as CleanContainersConfig;
  const cleanFailing = (api: FakeContainers, extra: Inputs) =>
    inScope(async () => {
      const out: ClusterCleanup = { clusterId: '', clusterName: '', items: [], selected: [], unreadable: [], requests: 0, deletingMs: 0 };
      const failure = await cleanCluster(api, config(extra), out).then(
        () => undefined,
        (err: unknown) => err as Error,
      );
      return { out, failure };
    });
  const clean = async (api: FakeContainers, extra: Inputs) => {
    const { out, failure } = await cleanFailing(api, extra);
    if (failure) throw failure;
    return out;
  };

  it('deletes what the filter selects and checks by a final listing that none is left', async () => {
    const api = new FakeContainers();
    const finished = api.add(25, { status: 'Terminated' });
    const running = api.add(3, { status: 'Running' });
    const out = await clean(api, { container_status: 'Terminated' });
    expect(
      out.items
        .filter((i) => i.outcome === 'deleted')
        .map((i) => i.name)
        .sort(),
    ).toEqual(finished.map((c) => c.id));
    expect(api.containers.map((c) => c.id)).toEqual(running.map((c) => c.id));
    expect(out.finalListing).toEqual({ remaining: [], complete: true });
  });

  it('lists again and deletes what someone else created while it ran', async () => {
    const api = new FakeContainers();
    api.add(15, { status: 'Terminated' });
    let created = false;
    api.beforePage = () => {
      if (api.deletes.length && !created) {
        created = true;
        api.add(2, { status: 'Terminated', createTime: Date.UTC(2030, 0, 1) });
      }
    };
    const out = await clean(api, { container_status: 'Terminated' });
    expect(api.containers).toEqual([]);
    expect(out.items.filter((i) => i.outcome === 'deleted')).toHaveLength(17);
    expect(out.finalListing?.remaining).toEqual([]);
  });

  it('reports a container whose delete the platform refuses, and deletes the rest of its batch', async () => {
    const api = new FakeContainers();
    const [bad] = api.add(5, { status: 'Terminated' });
    api.failing.set(bad.id, { code: '716866', msg: 'delete task failed' });
    const { out, failure } = await cleanFailing(api, { container_status: 'Terminated' });
    expect(failure?.message).toContain(`1 of 5 containers could not be deleted:\n  - ${bad.id}: code 716866`);
    expect(out.items.find((i) => i.name === bad.id)).toMatchObject({ outcome: 'failed', code: '716866' });
    expect(api.containers.map((c) => c.id)).toEqual([bad.id]);
    expect(out.finalListing?.remaining.map((c) => c.id)).toEqual([bad.id]);
  });
});
