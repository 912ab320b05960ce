import { describe, expect, it } from 'vitest';
import type { DeployConfig } from '../../src/inputs/deploy.ts';
import type { RunContext } from '../../src/run-context.ts';
import { rollingUpdateBody } from '../../src/wechat/bodies.ts';
import { inputProblems, readInputs, type Inputs } from './read-config.ts';

const context: RunContext = { repository: 'o/r', sha: 'abcdef0123456', runNumber: '7', runUrl: '' };
const base = { operation: 'deploy', access_token: 't', env_id: 'e', service_name: 's', image: 'reg.io/a/b:1' };
const read = (inputs: Inputs) => readInputs(inputs, context) as DeployConfig;
const problems = (inputs: Inputs) => inputProblems(inputs, context);
/** The rolling update the inputs make. */
const sent = (config: DeployConfig) => rollingUpdateBody(config.target.env_id, config.target.service_name, config.image, config.rollout);

describe('readConfig for deploy', () => {
  it('plans the longest a release may take: timeout, then each watched step', () => {
    expect(read({ ...base, strategy: 'new-version', traffic: '10,50,100', canary_interval: '1h' }).plannedMs).toBe(600_000 + 2 * 3_600_000);
    // With a health gate the last step is watched too.
    const gated = read({ ...base, strategy: 'new-version', traffic: '10,100', canary_interval: '1h', health_url: 'https://h.example/' });
    expect(gated.plannedMs).toBe(600_000 + 2 * 3_600_000);
    expect(read({ ...base, strategy: 'new-version', traffic: '10,100', canary_interval: '2h30m', timeout: '1h' }).plannedMs).toBe(
      3_600_000 + 9_000_000,
    );
    expect(read({ ...base, wait: 'false' }).plannedMs).toBe(0);
  });

  it('applies defaults and sends only what was given', () => {
    const config = read(base);
    expect(sent(config)).toEqual({
      env_id: 'e',
      server_name: 's',
      upload_type: 'image',
      image_info: config.image,
      version_name: 'latest',
      version_remark: 'o/r@abcdef0 run #7',
    });
    expect(config.target).toEqual({
      apiUrl: 'https://api.weixin.qq.com',
      credentials: { kind: 'token', access_token: 't' },
      env_id: 'e',
      service_name: 's',
    });
    expect(config).toMatchObject({ dryRun: false, createService: false, service: { isPublic: false, options: {} } });
    expect(config.watch).toEqual({ timeoutMs: 600_000, pollIntervalMs: 5_000, traffic: undefined });
  });

  it('reads the strategy and its canary settings', () => {
    expect(read(base)).toMatchObject({ strategy: 'rolling', canary: { intervalMs: 300_000, healthUrl: undefined } });
    const canary = read({
      ...base,
      strategy: 'new-version',
      traffic: '10,50,100',
      canary_interval: '1m',
      health_url: 'https://s.example/h',
    });
    expect(canary).toMatchObject({ strategy: 'new-version', watch: { traffic: [10, 50, 100] }, canary: { intervalMs: 60_000 } });
    expect(canary.canary.healthUrl?.href).toBe('https://s.example/h');
  });

  it('reads how to wait, or not at all', () => {
    expect(read({ ...base, timeout: '1h30m', poll_interval: '50ms', traffic: '10' }).watch).toEqual({
      timeoutMs: 5_400_000,
      pollIntervalMs: 50,
      traffic: [10],
    });
    const noWait = read({ ...base, wait: 'false', timeout: '2m' });
    expect(noWait.watch).toBeUndefined();
    // The timeout still bounds waiting for another release of the service to finish.
    expect(noWait.timing).toEqual({ timeoutMs: 120_000, pollIntervalMs: 5_000 });
  });

  it('types each field as seed 003 documents', () => {
    const config = read({
      ...base,
      flow_ratio: '50',
      cpu: '1',
      mem: '2',
      min_num: '0',
      max_num: '4',
      policy_threshold: '60',
      container_port: '80',
      initial_delay_seconds: '5',
    });
    expect(sent(config)).toMatchObject({
      flow_ratio: 50,
      cpu: '1',
      mem: '2',
      min_num: '0',
      max_num: '4',
      policy_threshold: '60',
      container_port: 80,
      initial_delay_seconds: 5,
    });
  });

  it('merges deploy_options without letting them shadow inputs', () => {
    expect(sent(read({ ...base, deploy_options: '{"enable_union": true, "policy_detail": []}' }))).toMatchObject({
      enable_union: true,
      policy_detail: [],
    });
    expect(problems({ ...base, deploy_options: '{"cpu": "2"}' })[0]).toContain('unknown key "cpu"');
  });

  it.each<[Inputs, string]>([
    [{ access_token: '', component_appid: 'a' }, '`component_appsecret`: required together with component_appid'],
    [{ component_appid: 'a', component_appsecret: 'b', component_verify_ticket: 'c' }, '`access_token`: give either access_token or'],
    [{ wechat_api_url: 'ftp://x' }, '`wechat_api_url`: must be an http(s) URL'],
    [{ wechat_api_url: 'https://x/?a=1' }, '`wechat_api_url`: must not contain a query string'],
    [{ service_name: 'a b' }, '`service_name`: must be letters, digits and dashes'],
    [{ version_name: 'v 1' }, '`version_name`: must be a version name'],
    [{ flow_ratio: '101' }, '`flow_ratio`: must be between 0 and 100'],
    [{ container_port: '0' }, '`container_port`: must be between 1 and 65535'],
    [{ env_vars: 'not a pair' }, '`env_vars`: line 1 is not KEY=VALUE'],
    [{ create_service: 'sure' }, '`create_service`: expected true or false'],
    [{ service_options: '{"vpc_info": "x"}' }, '`service_options`: "vpc_info" must be an object'],
    [{ dry_run: 'maybe' }, '`dry_run`: expected true or false'],
    [{ wait: 'later' }, '`wait`: expected true or false'],
    [{ timeout: '10' }, '`timeout`: expected a duration'],
    [{ timeout: '7h' }, '`timeout`: must be between 10ms and 6h'],
    [{ poll_interval: '5ms' }, '`poll_interval`: must be between 10ms and 10m'],
    [{ traffic: '-1' }, '`traffic`: must be between 0 and 100'],
    [{ traffic: '50', wait: 'false' }, '`traffic`: needs wait: true'],
    [{ traffic: '10,100' }, '`traffic`: steps (10,50,100) need strategy: new-version'],
    [{ strategy: 'blue-green' }, '`strategy`: expected one of rolling, new-version'],
    [{ strategy: 'new-version', canary_interval: '7h' }, '`canary_interval`: must be between 0s and 6h'],
    [{ strategy: 'new-version', health_url: 'not a url' }, '`health_url`: "not a url" is not a URL'],
    [
      { strategy: 'new-version', health_url: 'https://api.example.com:99999/health?token=s3cr3t-value' },
      '`health_url`: "https://api.example.com:99999/health" (its query is not shown) is not a URL',
    ],
    [
      { strategy: 'new-version', health_url: 'https://ops:hunter2@api.example.com/h' },
      '`health_url`: must not contain a user name or password',
    ],
    [{ strategy: 'new-version', flow_ratio: '20' }, '`flow_ratio`: is the share of a rolling update; with strategy: new-version'],
    // Ten watched steps of an hour: a GitHub-hosted job is killed at 6h, half-way through the canary.
    [
      { strategy: 'new-version', traffic: '10,20,30,40,50,60,70,80,90,100', canary_interval: '1h' },
      '`canary_interval`: the plan takes up to 33000.0s (timeout, then each watched traffic step for canary_interval), longer than a GitHub-hosted job may run (6h)',
    ],
  ])('rejects %j', (override, message) => {
    expect(problems({ ...base, ...override }).join('\n')).toContain(message);
  });
});
