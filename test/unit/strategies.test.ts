import { describe, expect, it } from 'vitest';
import type { DeployConfig } from '../../src/inputs/deploy.ts';
import { runInScope } from '../../src/job-scope.ts';
import { begin } from '../../src/operations/deploy/deploy.ts';
import { deployFirstVersion } from '../../src/operations/deploy/first-version.ts';
import { deployNewVersion } from '../../src/operations/deploy/new-version.ts';
import { deployRolling } from '../../src/operations/deploy/rolling.ts';
import type { Deployment } from '../../src/operations/deploy/deployment.ts';
import type { DeployResult } from '../../src/result/result.ts';
import { FakeService } from '../support/fake-service.ts';
import { RecordingHost } from '../support/recording-host.ts';
import { readInputs, type Inputs } from './read-config.ts';

// The deploy strategies against a fake of the service interface, asserting on the result each
// leaves for the renderer: what was sent, what the service holds after, the status it reports.

const IMAGE = 'ccr.ccs.tencentyun.com/shop/api:v2';
type Strategy = (d: Deployment, result: DeployResult) => Promise<void>;

const config = (extra: Inputs = {}) =>
  readInputs({
    operation: 'deploy',
    access_token: 't',
    env_id: 'env-fake',
    service_name: 'shop-api',
    image: IMAGE,
    poll_interval: '10ms',
    timeout: '1m',
    canary_interval: '30ms',
    ...extra,
  }) as DeployConfig;

/** Runs the strategy in a job scope whose waits return at once; returns its result and what failed it. */
function run(strategy: Strategy, service: FakeService, inputs: Inputs = {}) {
  const host = new RecordingHost();
  return runInScope({ host, env: {}, timeScale: 0 }, async () => {
    const c = config(inputs);
    const result = begin(c);
    let failure: Error | undefined;
    try {
      await strategy({ config: c, service, before: await service.versions() }, result);
    } catch (err) {
      failure = err as Error;
    }
    return { result, failure, log: host.lines.join('\n') };
  });
}

const splitsSent = (service: FakeService) => service.calls.filter((c) => c.startsWith('setSplit'));

describe('rolling', () => {
  it('replaces the newest version and reports the one that came out of it', async () => {
    const service = new FakeService([100]);
    const { result, failure } = await run(deployRolling, service);
    expect(failure).toBeUndefined();
    expect(result).toMatchObject({
      runId: 'run-shop-api-002',
      version_name: 'shop-api-002',
      status: 'normal',
      previous_version: 'shop-api-001',
    });
    expect(result.rollout?.outcome).toBe('ready');
    expect(service.split()).toEqual({ 'shop-api-002': 100 });
    expect(splitsSent(service)).toEqual([]);
  });

  it('gives the new version all the traffic when nothing served before', async () => {
    const service = new FakeService([0]);
    service.list[0].status = 'build_fail';
    const { result, failure } = await run(deployRolling, service);
    expect(failure).toBeUndefined();
    expect(splitsSent(service)).toEqual(['setSplit shop-api-002=100']);
    expect(result.status).toBe('normal');
  });
});

describe('new-version', () => {
  it('moves the traffic step by step and leaves the split it promised', async () => {
    const service = new FakeService([70, 30]);
    const { result, failure } = await run(deployNewVersion, service, { strategy: 'new-version', traffic: '10,100' });
    expect(failure).toBeUndefined();
    expect(splitsSent(service)).toEqual([
      'setSplit shop-api-003=10,shop-api-002=27,shop-api-001=63',
      'setSplit shop-api-003=100,shop-api-002=0,shop-api-001=0',
    ]);
    expect(result).toMatchObject({ version_name: 'shop-api-003', status: 'normal', previous_version: 'shop-api-001' });
    expect(result.canary?.map((step) => step.percent)).toEqual([10, 100]);
    expect(service.split()).toEqual({ 'shop-api-003': 100 });
  });

  it('copies what the inputs leave out from the serving version', async () => {
    const service = new FakeService([100]);
    const calls: Readonly<Record<string, unknown>>[] = [];
    const create = service.createVersion.bind(service);
    service.createVersion = (body) => (calls.push(body), create(body));
    await run(deployNewVersion, service, { strategy: 'new-version', cpu: '2' });
    expect(calls[0]).toMatchObject({
      cpu: 2,
      mem: 2,
      max_num: 3,
      container_port: 8080,
      policy_type: 'cpu',
      policy_threshold: 70,
      flow_ratio: 0,
    });
  });

  it('puts back exactly the split from before when the new version stops being ready', async () => {
    const service = new FakeService([70, 30]);
    service.statuses = ['normal', 'normal', 'normal', 'deploy_fail'];
    const { result, failure } = await run(deployNewVersion, service, { strategy: 'new-version', traffic: '10,100' });
    expect(failure?.message).toContain(
      'The canary of shop-api-003 was rolled back at 10%: version status check failed (shop-api-003 is deploy_fail)',
    );
    expect(result.status).toBe('rolled_back');
    expect(service.split()).toEqual({ 'shop-api-001': 70, 'shop-api-002': 30 });
    expect(result.traffic?.after.find((v) => v.version_name === 'shop-api-003')?.flow_ratio).toBe(0);
  });

  it('stops without writing when someone else moved the traffic: aborted', async () => {
    const service = new FakeService([100]);
    let reads = 0;
    service.before = (call) => {
      // The first read after the 10% split confirms it; by the next one an operator has rolled back.
      if (call === 'versions' && splitsSent(service).length === 1 && ++reads === 2) {
        service.list[0].flow_ratio = 100;
        service.list[1].flow_ratio = 0;
      }
    };
    const { result, failure } = await run(deployNewVersion, service, { strategy: 'new-version', traffic: '10,100' });
    expect(result.status).toBe('aborted');
    expect(failure?.message).toContain('expected shop-api-001 90%, shop-api-002 10%, found shop-api-001 100%');
    expect(splitsSent(service)).toHaveLength(1);
  });

  it('says revert_failed, with the traffic_split that restores the split, when putting it back fails', async () => {
    const service = new FakeService([100]);
    service.statuses = ['normal', 'normal', 'normal', 'deploy_fail'];
    service.before = (call) => {
      if (call.startsWith('setSplit shop-api-001=100')) throw new Error('quota');
    };
    const { result, failure } = await run(deployNewVersion, service, { strategy: 'new-version', traffic: '10,100' });
    expect(result.status).toBe('revert_failed');
    expect(failure?.message).toContain('putting the traffic back failed too: quota');
    expect(failure?.message).toContain('traffic_split: shop-api-001=100');
    expect(service.split()).toEqual({ 'shop-api-002': 10, 'shop-api-001': 90 });
  });

  it('sends nothing on a dry run, and says what it would send', async () => {
    const service = new FakeService([100]);
    service.readOnly = true;
    const { result, failure } = await run(deployNewVersion, service, { strategy: 'new-version', traffic: '10,100' });
    expect(failure).toBeUndefined();
    expect(result.status).toBe('dry_run');
    expect(result.wouldSend.map((w) => w.api)).toEqual(['createcloudbaserunserverversion']);
    expect(service.calls.filter((c) => !c.startsWith('versions') && !c.startsWith('detail'))).toEqual([]);
  });
});

describe('first version', () => {
  it('is created with all the traffic', async () => {
    const service = new FakeService([]);
    const { result, failure } = await run(deployFirstVersion, service, { traffic: '10' });
    expect(failure).toBeUndefined();
    expect(result).toMatchObject({ version_name: 'shop-api-001', status: 'normal', runId: 'run-shop-api-001' });
    expect(service.split()).toEqual({ 'shop-api-001': 100 });
  });
});
