import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { everythingShown, runAction } from '../../harness/run-action.ts';
import { startEmulator, type Emulator } from '../../emulator/server.ts';
import { newestServing, seedShopApi } from '../support/versions.ts';

// Hostile answers and names, each a fix found by the fault-injection suite or the issue's list.
const TOKEN = 'tok_HOSTILE_secret_5e2a';
const ENV = 'prod-env-9x8y';
const DELETE = '/componenttcb/deletecloudbaserunserverversion';

let emu: Emulator;
beforeEach(async () => {
  emu = await startEmulator();
  emu.wechat.tokens.add(TOKEN);
});
afterEach(() => emu.close());

const prune = (extra: Record<string, string>, env: Record<string, string> = {}) =>
  runAction(
    {
      operation: 'delete-versions',
      wechat_api_url: emu.url,
      access_token: TOKEN,
      env_id: ENV,
      service_name: 'shop-api',
      request_timeout: '1s',
      ...extra,
    },
    env,
  );
const seed = (names: string[]) => seedShopApi(emu, ENV, newestServing(names));
const remaining = () => emu.wechat.service(ENV, 'shop-api')?.versions.map((v) => v.version_name);
// The lines the runner would read as workflow commands, less the ones the action issues itself.
const commands = (stdout: string) =>
  stdout.split(/\r\n|\r|\n/).filter((l) => /^\s*::/.test(l) && !/^::(add-mask|group|endgroup|warning|error|debug)::/.test(l));

describe('hostile names from the platform', () => {
  it('are not in the shape of a version name: the step fails, nothing is deleted, and no command is injected', async () => {
    const evil = ['a|b<img src=x onerror=alert(1)>', 'c\n::set-output name=deleted_count::999', 'd`e` **f**\r::error::pwned', 'current'];
    seed(evil);
    const run = await prune({ keep_latest: '1' });
    expect(run.code, run.stdout).toBe(1);
    expect(remaining()).toEqual(evil);
    expect(commands(run.stdout)).toEqual([]);
    // Shown quoted and escaped: the carriage return as \r, so it cannot start a line.
    expect(run.stdout).toContain(
      'getcsversionlist answered with a version_name that is not in the shape WeChat uses: "d`e` **f**\\r::error::pwned"',
    );
    expect(run.outputs).toMatchObject({ deleted_versions: '[]', deleted_count: '0', skipped_versions: '[]', failed_versions: '[]' });
    expect(run.summary).toMatch(
      /No version list was read, so nothing was deleted \(.*\)\.\n\n\*\*Failed:\*\* Cannot read the versions of shop-api/,
    );
    expect(run.summary).not.toMatch(/<img|\*\*f\*\*|\n::/);
  });
});

describe('hostile answers', () => {
  it('a version list without items is not taken for an empty service', async () => {
    seed(['old', 'current']);
    emu.faults.inject({ match: 'getcsversionlist', reply: { status: 200, json: { errcode: 0, errmsg: 'ok' } } });
    const run = await prune({ version_pattern: '*' });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('getcsversionlist answered without a list of items');
    expect(emu.requests.filter((r) => r.path === DELETE)).toHaveLength(0);
  });

  it('a delete answered without an errcode is not taken for a success', async () => {
    seed(['old', 'current']);
    emu.faults.inject({ match: 'deletecloudbaserunserverversion', times: 4, reply: { status: 200, json: { result: 'succ' } } });
    const run = await prune({ versions: 'old', retry_budget: '0s' });
    expect(run.code).toBe(1);
    expect(remaining()).toEqual(['old', 'current']);
    expect(JSON.parse(run.outputs.failed_versions)).toMatchObject([{ version_name: 'old', errcode: null }]);
    expect(run.stdout).toContain('not a JSON object with an errcode');
  });

  it.each([
    ['"40097"', { errcode: '40097', errmsg: 'invalid args' }, 'errcode 40097 (invalid args)'],
    ['"busy"', { errcode: 'busy', errmsg: 'what' }, 'not a JSON object with an errcode'],
  ])('an errcode sent as the string %s is read on a read call, or refused, never NaN', async (_, json, message) => {
    seed(['old', 'current']);
    emu.faults.inject({ match: 'getcsversionlist', times: 4, reply: { status: 200, json } });
    const run = await prune({ versions: 'old', retry_budget: '0s' });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(message);
    expect(run.stdout).not.toContain('NaN');
  });

  it('caps what is read from a huge answer', async () => {
    seed(['old', 'current']);
    emu.faults.inject({
      match: 'getcsversionlist',
      reply: { status: 200, raw: `{"errcode":0,"items":[],"pad":"${'x'.repeat(9 * 1024 * 1024)}"}` },
    });
    // No retry, and time enough for 8 MB on a loaded machine: only the cap can end this read.
    const run = await prune({ versions: 'old', request_timeout: '20s', retry_budget: '0s' });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('answer larger than 8388608 bytes');
  });
});

describe('debug logging', () => {
  it('shows the shape of each request with the token redacted', async () => {
    seed(['old', 'current']);
    const run = await prune({ versions: 'old' }, { RUNNER_DEBUG: '1' });
    expect(run.code, run.stdout).toBe(0);
    expect(run.stdout).toContain(
      `::debug::WeChat componenttcb/getcsversionlist: POST ${emu.url}/componenttcb/getcsversionlist?access_token=*** headers [content-type] body keys [env, service_name, limit, offset]`,
    );
    expect(run.stdout).toMatch(/::debug::WeChat componenttcb\/deletecloudbaserunserverversion: HTTP 200, \d+ characters/);
    expect(everythingShown(run)).not.toContain(TOKEN);
  });
});

describe('allow_insecure_http', () => {
  it('refuses a plain http API URL that leaves the machine, before any call', async () => {
    const run = await prune({ versions: 'old', wechat_api_url: 'http://api.weixin.qq.com' });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('`wechat_api_url`: http://api.weixin.qq.com is plain http');
    expect(run.stdout).toContain('allow_insecure_http: true');
  });

  it('refuses a plain http AI host named by the center API, before sending it the token', async () => {
    emu.ai.addContainers(2);
    emu.ai.aiUrls = [{ enable: 'true', version: 'v2', url: 'http://ai.cluster.example:65106/ai' }];
    const run = await runAction({
      operation: 'clean-containers',
      ac_api_url: emu.url,
      ai_token: emu.ai.issueToken(),
      container_ids: 'abc',
      request_timeout: '1s',
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('the center API names an AI host that cannot be used: http://ai.cluster.example:65106 is plain http');
    expect(emu.requests.map((r) => r.path)).toEqual(['/ac/openapi/v2/center']);
  });
});
