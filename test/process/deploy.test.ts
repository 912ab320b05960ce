import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { everythingShown, runAction, runJobInProcess } from '../../harness/run-action.ts';
import { startEmulator, type Emulator } from '../../emulator/server.ts';
import { EMULATOR_COMPONENT } from '../../emulator/wechat.ts';
import { describeErrcode, ERRCODES } from '../../src/wechat/errcodes.ts';

const TOKEN = 'tok_DISTINCTIVE_secret_value_7f3a';
const ENV = 'prod-env-9x8y';
const IMAGE = 'ccr.ccs.tencentyun.com/shop/api:v2.0.1';
const ROLLOUT = '/componenttcb/rollupdatecloudbaserunserverversion';

let emu: Emulator;
beforeEach(async () => {
  emu = await startEmulator();
  emu.wechat.tokens.add(TOKEN);
  emu.wechat.addService(ENV, 'shop-api', [{ image_url: 'ccr.ccs.tencentyun.com/shop/api:v2.0.0', flow_ratio: 100 }]);
});
afterEach(() => emu.close());

const inputs = (extra: Record<string, string> = {}) => ({
  operation: 'deploy',
  wechat_api_url: emu.url,
  access_token: TOKEN,
  env_id: ENV,
  service_name: 'shop-api',
  image: IMAGE,
  ...extra,
});
const calls = (path: string) => emu.requests.filter((r) => r.path === path);

describe('deploy', () => {
  it('rolls out the image and outputs the run_id', async () => {
    const run = await runAction(inputs({ cpu: '0.25', mem: '0.5', max_num: '3', container_port: '8080', env_vars: 'A=1\nB=two' }));
    expect(run.code, run.stdout).toBe(0);

    const [req] = calls(ROLLOUT);
    expect(req.query.get('access_token')).toBe(TOKEN);
    const body = JSON.parse(req.body);
    expect(body).toMatchObject({
      env_id: ENV,
      server_name: 'shop-api',
      version_name: 'latest',
      upload_type: 'image',
      cpu: '0.25',
      mem: '0.5',
      max_num: '3',
      container_port: 8080,
      env_params: '{"A":"1","B":"two"}',
      version_remark: 'octo-org/shop-api@0123456 run #42',
      image_info: {
        image_url: IMAGE,
        server_addr: 'ccr.ccs.tencentyun.com',
        repository_name: 'shop/api',
        tag_name: 'v2.0.1',
        is_public: false,
      },
    });
    expect(req.body).not.toContain(TOKEN);

    expect(emu.wechat.runs.has(run.outputs.run_id)).toBe(true);
    expect(run.outputs).toMatchObject({ version_name: 'shop-api-002', service_created: 'false', status: 'normal', image_url: IMAGE });
    const versions = emu.wechat.service(ENV, 'shop-api')!.versions;
    expect(versions.map((v) => [v.version_name, v.image_url, v.flow_ratio])).toEqual([['shop-api-002', IMAGE, 100]]);
    expect(run.outputs.previous_version).toBe('shop-api-001');
    expect(run.summary).toContain(
      `| shop-api | ${ENV} | rolling | ${IMAGE} | shop-api-002 | shop-api-001 | ${run.outputs.run_id} | no | normal |`,
    );
  });

  it('creates a missing service with component credentials, then deploys', async () => {
    const run = await runJobInProcess(
      inputs({
        access_token: '',
        ...EMULATOR_COMPONENT,
        service_name: 'new-svc',
        create_service: 'true',
        is_public: 'true',
        service_remark: 'made by CI',
        service_options: '{"log_type":"cls"}',
      }),
    );
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.outputs.service_created).toBe('true');
    const [create] = calls('/componenttcb/establishcloudbaserunserver');
    expect(JSON.parse(create.body)).toEqual({
      env_id: ENV,
      service_name: 'new-svc',
      is_public: true,
      remark: 'made by CI',
      log_type: 'cls',
    });
    expect(emu.wechat.service(ENV, 'new-svc')!.versions).toHaveLength(1);
    expect(everythingShown(run)).not.toContain(EMULATOR_COMPONENT.component_appsecret);
    expect(everythingShown(run)).not.toContain(EMULATOR_COMPONENT.component_verify_ticket);
  });

  it('does not create a service that exists', async () => {
    const run = await runJobInProcess(inputs({ create_service: 'true' }));
    expect(run.code).toBe(0);
    expect(run.outputs.service_created).toBe('false');
    expect(calls('/componenttcb/establishcloudbaserunserver')).toHaveLength(0);
    // Existence from the environment's service list; the version list is also the picture before the rollout: read once.
    const rolloutAt = emu.requests.findIndex((r) => r.path === ROLLOUT);
    expect(emu.requests.slice(0, rolloutAt).map((r) => r.path)).toEqual(['/componenttcb/getcslist', '/componenttcb/getcsversionlist']);
  });

  it('treats "already exists" after a retried create as the service existing', async () => {
    emu.faults.inject({ match: 'establishcloudbaserunserver', afterHandling: true, reply: { status: 503, json: {} } });
    const run = await runJobInProcess(inputs({ service_name: 'fresh', create_service: 'true' }));
    expect(run.code, run.stdout).toBe(0);
    expect(calls('/componenttcb/establishcloudbaserunserver')).toHaveLength(2);
    expect(emu.wechat.service(ENV, 'fresh')).toBeDefined();
  });

  it('fails on a missing service with a hint to set create_service', async () => {
    const run = await runJobInProcess(inputs({ service_name: 'ghost' }));
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('service ghost not exist');
    expect(run.stdout).toContain('set create_service: true');
  });

  // A refused call (a quota) is retried even for the rollout: hostile-answers.test.ts covers those.
  const verdicts = Object.entries(ERRCODES).filter(([, info]) => !info.refused);
  it.each(verdicts)('fails on errcode %s with its meaning and hint, without retrying the rollout', async (code) => {
    const info = describeErrcode(Number(code));
    emu.faults.inject({ match: 'rollupdate', reply: { status: 200, json: { errcode: Number(code), errmsg: 'from the emulator' } } });
    const run = await runJobInProcess(inputs());
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`errcode ${code} (${info.meaning})`);
    expect(run.stdout).toContain(info.hint.slice(0, 40));
    expect(calls(ROLLOUT)).toHaveLength(1);
    expect(run.outputs.run_id).toBe('');
  });

  it('retries read calls on 5xx and busy answers, then succeeds', async () => {
    emu.faults.inject(
      { match: 'getcsversionlist', reply: { status: 502, raw: 'Bad Gateway' } },
      { match: 'getcsversionlist', reply: { status: 200, json: { errcode: -1, errmsg: 'system busy' } } },
    );
    const run = await runJobInProcess(inputs({ create_service: 'true', wait: 'false' }));
    expect(run.code, run.stdout).toBe(0);
    expect(calls('/componenttcb/getcsversionlist')).toHaveLength(3);
    expect(run.stdout).toContain('retrying in');
  });

  it('never repeats a rollout whose request may have reached WeChat', async () => {
    emu.faults.inject({ match: 'rollupdate', drop: true, afterHandling: true });
    const run = await runJobInProcess(inputs());
    expect(run.code).toBe(1);
    expect(calls(ROLLOUT)).toHaveLength(1);
    expect(run.stdout).toContain('the outcome is unknown');
    expect(run.stdout).toContain('check the service in the Cloud Hosting console');
  });

  it('fails clearly on a malformed answer to the rollout', async () => {
    emu.faults.inject({ match: 'rollupdate', reply: { status: 200, raw: '{"errcode":0,"run_' } });
    const run = await runJobInProcess(inputs());
    expect(run.code).toBe(1);
    expect(calls(ROLLOUT)).toHaveLength(1);
    expect(run.stdout).toContain('not a JSON object');
  });

  it('retries when WeChat cannot be reached, then says so', async () => {
    const closed = await startEmulator();
    const url = closed.url;
    await closed.close();
    const run = await runJobInProcess(inputs({ wechat_api_url: url }));
    expect(run.code).toBe(1);
    expect(run.stdout.match(/retrying in/g)).toHaveLength(3);
    expect(run.stdout).toContain('cannot connect (ECONNREFUSED)');
  });

  it('reports every bad input together and calls nothing', async () => {
    const run = await runAction({
      operation: 'deploy',
      wechat_api_url: emu.url,
      env_id: ENV,
      image: 'shop/api',
      cpu: 'lots',
      min_num: '5',
      max_num: '2',
      deploy_options: '{"rollback":"yes","colour":"blue"}',
    });
    expect(run.code).toBe(1);
    for (const text of [
      '`service_name`: required for deploy',
      '`access_token`: required',
      '`image`: "shop/api" has no registry host',
      '`cpu`: expected a number',
      '`min_num`: must not exceed max_num',
      '`deploy_options`: "rollback" must be a boolean, got string; unknown key "colour"',
    ])
      expect(run.stdout).toContain(text);
    expect(emu.requests).toHaveLength(0);
  });

  it('dry run sends no mutating call and shows the exact request', async () => {
    const run = await runJobInProcess(inputs({ dry_run: 'true', service_name: 'not-yet', create_service: 'true' }));
    expect(run.code, run.stdout).toBe(0);
    expect(emu.requests.map((r) => r.path)).toEqual(['/componenttcb/getcslist']);
    expect(run.stdout).toContain('would POST componenttcb/establishcloudbaserunserver');
    expect(run.summary).toContain('Deploy (dry run)');
    expect(run.summary).toContain('"image_url": "ccr.ccs.tencentyun.com/shop/api:v2.0.1"');
    expect(run.outputs).toMatchObject({ run_id: '', service_created: 'false' });
  });

  it('never shows the token, even when WeChat rejects it', async () => {
    emu.wechat.tokens.delete(TOKEN);
    const run = await runAction(inputs());
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('errcode 40014');
    expect(run.stdout).toContain(`::add-mask::${TOKEN}`);
    expect(everythingShown(run)).not.toContain(TOKEN);
  });
});

describe('operation', () => {
  it('names operation when it is unknown', async () => {
    const run = await runJobInProcess({ operation: 'ship-it' });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      '`operation`: unknown value "ship-it"; expected one of deploy, rollback, set-traffic, delete-versions, clean-containers',
    );
  });
});
