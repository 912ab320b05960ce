import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EMULATOR_HOST, startForwardProxy, type ForwardProxy } from '../../emulator/proxy.ts';
import { startEmulator, type Emulator } from '../../emulator/server.ts';
import { everythingShown, runAction } from '../../harness/run-action.ts';

const TOKEN = 'tok_proxy_test_5d1c';
const ENV = 'env-proxy';

let emu: Emulator;
let proxy: ForwardProxy;
beforeEach(async () => {
  emu = await startEmulator();
  proxy = await startForwardProxy();
  emu.wechat.tokens.add(TOKEN);
  emu.wechat.addService(ENV, 'svc', [{ flow_ratio: 100 }]);
});
afterEach(async () => {
  await proxy.close();
  await emu.close();
});

// Loopback hosts never go through a proxy, so the emulator is reached by a name that is not
// loopback by its name: the action's process resolves it to 127.0.0.1 as a hosts file would.
const HOSTS = { NODE_OPTIONS: `--import ${join(import.meta.dirname, '..', '..', 'harness', 'emulator-hosts.ts')}` };
const named = (url: string) => url.replace('127.0.0.1', EMULATOR_HOST);
const deploy = (env: Record<string, string>) =>
  runAction(
    {
      operation: 'deploy',
      wechat_api_url: named(emu.url),
      allow_insecure_http: 'true',
      access_token: TOKEN,
      env_id: ENV,
      service_name: 'svc',
      image: 'ccr.ccs.tencentyun.com/ns/svc:v2',
      wait: 'false',
    },
    { ...HOSTS, ...env },
  );

describe('proxies', () => {
  it.each(['HTTP_PROXY', 'http_proxy'])('sends every call through %s', async (variable) => {
    const run = await deploy({ [variable]: proxy.url });
    expect(run.code, run.stdout).toBe(0);
    expect(proxy.log.length).toBeGreaterThan(0);
    expect(proxy.log.length).toBe(emu.requests.length);
    expect(proxy.log.every((e) => e.target === new URL(named(emu.url)).host)).toBe(true);
  });

  it.each(['example.com,emulator.test', 'example.com .test', '*', 'emulator.test:PORT'])(
    'bypasses the proxy for NO_PROXY=%s',
    async (noProxy) => {
      const run = await deploy({ HTTP_PROXY: proxy.url, NO_PROXY: noProxy.replace('PORT', new URL(emu.url).port) });
      expect(run.code, run.stdout).toBe(0);
      expect(emu.requests.length).toBeGreaterThan(0);
      expect(proxy.log).toHaveLength(0);
    },
  );

  it('uses the proxy when NO_PROXY names another port of the host', async () => {
    const run = await deploy({ HTTP_PROXY: proxy.url, NO_PROXY: `${EMULATOR_HOST}:1` });
    expect(run.code, run.stdout).toBe(0);
    expect(proxy.log.length).toBe(emu.requests.length);
  });

  it('sends proxy credentials to the proxy and never shows them', async () => {
    const password = 'pr0xy-Pa55-unique';
    const url = new URL(proxy.url);
    url.username = 'ci-user';
    url.password = password;
    const run = await deploy({ HTTP_PROXY: url.toString() });
    expect(run.code, run.stdout).toBe(0);
    expect(proxy.log[0].proxyAuthorization).toBe(`Basic ${Buffer.from(`ci-user:${password}`).toString('base64')}`);
    expect(everythingShown(run)).not.toContain(password);
  });
});

describe('HTTPS', () => {
  const fixtures = join(import.meta.dirname, '..', 'fixtures', 'tls');
  const ca = join(fixtures, 'cert.pem');
  let tlsEmu: Emulator;
  beforeEach(async () => {
    tlsEmu = await startEmulator({ tls: { key: readFileSync(join(fixtures, 'key.pem'), 'utf8'), cert: readFileSync(ca, 'utf8') } });
    tlsEmu.wechat.tokens.add(TOKEN);
    tlsEmu.wechat.addService(ENV, 'svc', [{ flow_ratio: 100 }]);
  });
  afterEach(() => tlsEmu.close());

  const deployTls = (env: Record<string, string>) =>
    runAction(
      {
        operation: 'deploy',
        wechat_api_url: named(tlsEmu.url),
        access_token: TOKEN,
        env_id: ENV,
        service_name: 'svc',
        image: 'ccr.ccs.tencentyun.com/ns/svc:v2',
        wait: 'false',
      },
      { ...HOSTS, ...env },
    );

  it('tunnels through HTTPS_PROXY with CONNECT and trusts a CA from NODE_EXTRA_CA_CERTS', async () => {
    const run = await deployTls({ HTTPS_PROXY: proxy.url, NODE_EXTRA_CA_CERTS: ca });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(proxy.log.map((e) => e.method)).toContain('CONNECT');
    expect(tlsEmu.requests.length).toBeGreaterThan(0);
  });

  it('refuses an untrusted certificate at once, with a hint about NODE_EXTRA_CA_CERTS', async () => {
    const run = await deployTls({});
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('TLS handshake refused');
    expect(run.stdout).toContain('NODE_EXTRA_CA_CERTS');
    expect(run.stdout).not.toContain('retrying');
    expect(tlsEmu.requests).toHaveLength(0);
  });
});
