import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { everythingShown, runAction, type ActionRun } from '../../harness/run-action.ts';
import { wechatInputs } from '../support/fixtures.ts';
import { EMULATOR_AI_USER } from '../../emulator/ai.ts';
import { startEmulator, type Emulator } from '../../emulator/server.ts';
import { newestServing, seedShopApi } from '../support/versions.ts';

// Issue 14 (part B): hostile inputs, and platform text that must not become an output or render.
const TOKEN = 'tok_HOSTILE_INPUTS_secret_61d0';
const ENV = 'prod-env-9x8y';
const IMAGE = 'ccr.ccs.tencentyun.com/shop/api:v2.0.1';
const DB_PASSWORD = 'hunter2-Super-secret';

let emu: Emulator;
beforeEach(async () => {
  emu = await startEmulator();
  emu.wechat.tokens.add(TOKEN);
});
afterEach(() => emu.close());

const wechat = (extra: Record<string, string>, env: Record<string, string> = {}) =>
  runAction({ ...wechatInputs(emu, TOKEN, ENV), request_timeout: '1s', ...extra }, env);
const deploy = (extra: Record<string, string> = {}, env: Record<string, string> = {}) =>
  wechat({ operation: 'deploy', image: IMAGE, wait: 'false', ...extra }, env);
const seedVersions = (names: readonly string[]) => seedShopApi(emu, ENV, newestServing(names));
/** Every problem line of a failed run's error annotation. */
const errorOf = (run: ActionRun) => run.stdout.split('\n').find((l) => l.startsWith('::error::')) ?? '';

describe('env_vars values are secrets', () => {
  it('masks every value before anything is printed, except very short ones, and never shows one', async () => {
    seedVersions(['shop-api-001']);
    // WeChat quoting the request back in its errmsg, as some gateways do.
    emu.faults.inject({
      match: 'rollupdatecloudbaserunserverversion',
      reply: { status: 200, json: { errcode: 40097, errmsg: `invalid args: env_params {"DB_PASSWORD":"${DB_PASSWORD}","DEBUG":"1"}` } },
    });
    const run = await deploy({ env_vars: `DB_PASSWORD=${DB_PASSWORD}\nDEBUG=1` }, { RUNNER_DEBUG: '1' });
    expect(run.code).toBe(1);
    const masks = run.stdout.split('\n').filter((l) => l.startsWith('::add-mask::'));
    expect(masks).toContain(`::add-mask::${DB_PASSWORD}`);
    expect(masks).not.toContain('::add-mask::1');
    // Registered before the first line that is not a mask.
    expect(run.stdout.indexOf(`::add-mask::${DB_PASSWORD}`)).toBeLessThan(run.stdout.search(/^(?!::add-mask::)/m));
    expect(everythingShown(run)).not.toContain(DB_PASSWORD);
    expect(errorOf(run)).toContain('"DB_PASSWORD":"***"');
  });

  it('a JSON env_vars that does not parse is reported by position, never by its text', async () => {
    const run = await deploy({ env_vars: `{"LOG_LEVEL": "info",\n "DB_PASSWORD": ${DB_PASSWORD}}` });
    expect(run.code).toBe(1);
    expect(errorOf(run)).toContain('`env_vars`: is not valid JSON: expected a value at line 2, column 17');
    expect(everythingShown(run)).not.toMatch(/hunter|ASSWORD"/);
    expect(emu.requests).toHaveLength(0);
  });
});

describe('JSON options at their extremes', () => {
  it.each([
    [
      '10,000-deep nesting',
      `{"policy_detail": ${'['.repeat(10_000)}${']'.repeat(10_000)}}`,
      '`deploy_options`: is nested deeper than 32 levels',
    ],
    ['a number too large', '{"server_path": "/", "policy_detail": [1e309]}', '`deploy_options`: has a number too large to represent'],
    [
      '__proto__',
      '{"__proto__": {"is_rebuild": true}}',
      '`deploy_options`: has the key "__proto__", which is not accepted (a reserved name)',
    ],
    ['constructor', '{"constructor": "x"}', '`deploy_options`: has the key "constructor", which is not accepted (a reserved name)'],
  ])('%s is refused, naming the input', async (_, deploy_options, message) => {
    const run = await deploy({ deploy_options });
    expect(run.code).toBe(1);
    expect(errorOf(run)).toContain(message);
    expect(`${run.stdout}\n${run.stderr}`).not.toMatch(/RangeError|stack|^\s+at /m);
    expect(emu.requests).toHaveLength(0);
  });
});

describe('where credentials travel', () => {
  it('an invalid API URL with a user name and password is never echoed', async () => {
    const run = await deploy({ wechat_api_url: 'https://admin:pw-S3cret@api.example.com:99999' });
    expect(run.code).toBe(1);
    expect(errorOf(run)).toContain('`wechat_api_url`: is not a URL (not shown');
    expect(everythingShown(run)).not.toMatch(/admin|S3cret/);
  });

  it.each([
    ['ai_user', { ai_user: '张三' }],
    ['ai_password', { ai_password: 'pass\r\nX-Injected: 1' }],
    ['ai_org_id', { ai_org_id: 'org—1' }],
  ])('a credential that cannot travel in an HTTP header (%s) is refused before any call', async (name, bad) => {
    const run = await runAction({
      operation: 'clean-containers',
      ac_api_url: emu.url,
      ai_user: EMULATOR_AI_USER.ai_user,
      ai_password: EMULATOR_AI_USER.ai_password,
      ai_org_id: EMULATOR_AI_USER.ai_org_id,
      container_ids: 'abc',
      ...bad,
    });
    expect(run.code).toBe(1);
    expect(errorOf(run)).toContain(`\`${name}\`: must be printable Latin-1 text`);
    expect(run.stdout).not.toMatch(/retrying|network/i);
    expect(emu.requests).toHaveLength(0);
  });
});

describe('platform text in outputs and summaries', () => {
  it('a version named shop-api-002$(id) never becomes an output of deploy', async () => {
    seedVersions(['shop-api-001', 'shop-api-002$(id)']);
    emu.wechat.rollout = { buildPolls: 1, deployPolls: 1, outcome: 'ok' };
    const run = await deploy({ wait: 'true', poll_interval: '20ms', timeout: '3s' });
    expect(run.code).toBe(1);
    expect(errorOf(run)).toContain('a version_name that is not in the shape WeChat uses: "shop-api-002$(id)"');
    expect(Object.values(run.outputs).join('\n')).not.toContain('$(');
  });

  it('a version named shop-api-002$(id) fails delete-versions: nothing is deleted or output', async () => {
    seedVersions(['shop-api-001', 'shop-api-002$(id)', 'shop-api-003']);
    const run = await wechat({ operation: 'delete-versions', keep_latest: '1' });
    expect(run.code).toBe(1);
    expect(emu.wechat.service(ENV, 'shop-api')?.versions).toHaveLength(3);
    expect(run.outputs).toMatchObject({ deleted_versions: '[]', deleted_count: '0', skipped_versions: '[]', failed_versions: '[]' });
  });

  describe('clean-containers', () => {
    let token: string;
    beforeEach(() => {
      token = emu.ai.issueToken();
    });
    const clean = (extra: Record<string, string>) =>
      runAction({ operation: 'clean-containers', ai_api_url: emu.url, ai_token: token, request_timeout: '1s', ...extra });

    it('container names render nothing in the summary: no image, link, mention, HTML or bold', async () => {
      const names = ['![x](https://evil.example/x.png) @octocat', '<img src=x onerror=alert(1)>|[a](b)', '**bold** ~~s~~'];
      for (const name of names) emu.ai.addContainers(1, { status: 'Terminated', instanceServiceName: name });
      const run = await clean({ container_status: 'Terminated', dry_run: 'true' });
      expect(run.code, run.stdout).toBe(0);
      expect(run.summary).toContain('| `![x](https://evil.example/x.png) @octocat` | Terminated |');
      expect(run.summary).toContain('| &lt;img src=x onerror=alert(1)&gt;&#124;&#91;a&#93;(b) | Terminated |');
      expect(run.summary).toContain('| &#42;&#42;bold&#42;&#42; &#126;&#126;s&#126;&#126; | Terminated |');
      expect(run.summary).not.toContain('<img');
      for (const row of run.summary.split('\n').filter((l) => l.startsWith('| '))) expect(row.match(/ \| /g)).toHaveLength(4);
    });

    it.each([
      [
        'status',
        { status: 'Terminated\n::set-output name=deleted_count::9' },
        '"status":"Terminated\\n::set-output name=deleted_count::9"',
      ],
      ['name', { instanceServiceName: 'job\r::error::pwned' }, '"instanceServiceName":"job\\r::error::pwned"'],
    ])('a container %s in another shape is skipped, shown escaped, and the others are deleted', async (_, fields, shown) => {
      const [odd] = emu.ai.addContainers(1, { status: 'Terminated', ...fields });
      const [plain] = emu.ai.addContainers(1, { status: 'Terminated' });
      const run = await clean({ container_status: 'Terminated' });
      expect(run.code, run.stdout).toBe(0);
      expect(emu.ai.containers.has(odd.id)).toBe(true);
      expect(emu.ai.containers.has(plain.id)).toBe(false);
      expect(run.outputs).toMatchObject({ deleted_containers: JSON.stringify([plain.id]), deleted_count: '1', failed_containers: '[]' });
      expect(run.stdout).toMatch(/^::warning::1 record of the container list cannot be read, so they are skipped/m);
      expect(run.stdout).toContain(shown);
      expect(run.summary).toContain('### Records skipped');
      expect(run.summary).toContain('0 selected containers remain (checked by a final listing)');
      expect(run.stdout).not.toMatch(/^::(set-output|error::pwned)/m);
      expect(JSON.stringify(run.outputs)).not.toContain('::');
    });

    it('refuses older_than: 0s, saying how to select every container on purpose', async () => {
      emu.ai.addContainers(2, { status: 'Terminated' });
      const run = await clean({ older_than: '0s' });
      expect(run.code).toBe(1);
      expect(errorOf(run)).toContain('`older_than`: must be longer than 0s; to select containers of any age on purpose');
      expect(errorOf(run)).toMatch(/container_status.*container_ids/);
      expect(emu.requests).toHaveLength(0);
    });

    it('a dry run with explicit IDs still proves the token: a wrong one fails it as it would fail the real run', async () => {
      const [c] = emu.ai.addContainers(1);
      const run = await clean({ ai_token: 'not-a-token-of-this-platform', container_ids: c.id, dry_run: 'true' });
      expect(run.code).toBe(1);
      expect(emu.requests.map((r) => r.method)).toEqual(['GET']);
      expect(emu.ai.containers.has(c.id)).toBe(true);
    });

    it('a dry run reads what the real run reads and sends no DELETE', async () => {
      const ids = emu.ai.addContainers(3, { status: 'Terminated' }).map((c) => c.id);
      const run = await clean({ container_status: 'Terminated', dry_run: 'true' });
      expect(run.code, run.stdout).toBe(0);
      expect(emu.requests.map((r) => r.method)).toEqual(['GET']);
      expect(JSON.parse(run.outputs.deleted_containers)).toEqual([]);
      for (const id of ids) expect(run.summary).toContain(id);
    });
  });
});

describe('a mistyped operation', () => {
  it('names the closest valid one', async () => {
    const run = await wechat({ operation: 'delete-version' });
    expect(run.code).toBe(1);
    expect(errorOf(run)).toContain('`operation`: unknown value "delete-version" (did you mean delete-versions?); expected one of');
  });
});
