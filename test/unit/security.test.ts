import { describe, expect, it } from 'vitest';
import { usableAiUrl } from '../../src/scnet/connect.ts';
import { InputError } from '../../src/errors.ts';
import { describeRequest, HttpError, withoutQueries, type HttpRequest } from '../../src/http/request.ts';
import { scrub } from '../../src/http/excerpt.ts';
import { isLoopback, parseApiUrl } from '../../src/http/url-policy.ts';
import { checkFields, MAX_JSON_CHARS, parseDuration, parseJsonObject } from '../../src/inputs/parsers.ts';
import { safeLines } from '../../src/log.ts';
import { readErrcode } from '../../src/wechat/client.ts';
import { readInputs, type Inputs } from './read-config.ts';

// The problems reported, or '' when there are none; reading must stay fast whatever the input.
const problems = (inputs: Inputs): string => {
  const started = Date.now();
  try {
    readInputs(inputs);
  } catch (err) {
    if (err instanceof InputError) return err.problems.join('\n');
    throw err;
  } finally {
    expect(Date.now() - started).toBeLessThan(2_000);
  }
  return '';
};
const deploy = { operation: 'deploy', access_token: 't', env_id: 'prod-1', service_name: 's', image: 'reg.io/a/b:1' };
const clean = { operation: 'clean-containers', ai_api_url: 'https://ai.example.com', ai_token: 't' };

describe('plain http API URLs', () => {
  it.each([
    ['https://api.weixin.qq.com', false, 'https://api.weixin.qq.com'],
    ['http://127.0.0.1:8080/', false, 'http://127.0.0.1:8080'],
    ['http://127.9.0.1', false, 'http://127.9.0.1'],
    ['http://localhost:3000', false, 'http://localhost:3000'],
    ['http://[::1]:3000', false, 'http://[::1]:3000'],
    ['http://gateway.corp.example', true, 'http://gateway.corp.example'],
  ])('accepts %s (allow_insecure_http %s)', (raw, allow, expected) => expect(parseApiUrl(raw, allow)).toBe(expected));

  it.each([
    ['http://api.weixin.qq.com', 'plain http'],
    ['http://127.0.0.1.evil.example', 'plain http'],
    ['http://10.0.0.8', 'plain http'],
    ['https://user:pw@api.example.com', 'user name or password'],
    ['https://api.example.com/?access_token=x', 'query string'],
    ['ftp://api.example.com', 'http(s) URL'],
  ])('refuses %s', (raw, message) => expect(() => parseApiUrl(raw, false)).toThrow(message));

  it.each([
    ['localhost', true],
    ['LOCALHOST', true],
    ['127.0.0.1', true],
    ['[::1]', true],
    ['127.0.0.1.nip.io', false],
    ['0.0.0.0', false],
    ['::ffff:1.2.3.4', false],
  ])('isLoopback(%s) is %s', (host, expected) => expect(isLoopback(host)).toBe(expected));

  it('names the input, and allow_insecure_http lifts the rule', () => {
    expect(problems({ ...deploy, wechat_api_url: 'http://api.weixin.qq.com' })).toContain(
      '`wechat_api_url`: http://api.weixin.qq.com is plain http',
    );
    expect(
      problems({
        ...clean,
        container_ids: 'abc',
        ai_api_url: 'http://ai.example.com',
        ac_api_url: 'http://ac.example.com',
        scnet_api_url: 'http://scnet.example.com',
      })
        .split('\n')
        .map((p) => p.split(':')[0]),
    ).toEqual(['`ai_api_url`', '`ac_api_url`', '`scnet_api_url`']);
    expect(problems({ ...deploy, wechat_api_url: 'http://api.weixin.qq.com', allow_insecure_http: 'true' })).toBe('');
    expect(problems({ ...deploy, allow_insecure_http: 'sometimes' })).toContain('`allow_insecure_http`: expected true or false');
  });

  it('holds the AI host the center API names to the same rule', () => {
    expect(() => usableAiUrl('http://ai.cluster.example', false)).toThrow(
      'the center API names an AI host that cannot be used: http://ai.cluster.example is plain http',
    );
    expect(usableAiUrl('http://ai.cluster.example', true)).toBe('http://ai.cluster.example');
    expect(usableAiUrl('https://ai.cluster.example/', false)).toBe('https://ai.cluster.example');
    expect(() => usableAiUrl('javascript:alert(1)', false)).toThrow('http(s) URL');
  });
});

describe('secrets in URLs and error messages', () => {
  const req: HttpRequest = {
    label: 'WeChat componenttcb/x',
    method: 'POST',
    url: new URL('https://api.weixin.qq.com/componenttcb/x?access_token=SECRET1&ids=a'),
    headers: { 'content-type': 'application/json', token: 'SECRET2' },
    body: JSON.stringify({ component_appsecret: 'SECRET3', env_id: 'e' }),
    timeoutMs: 1_000,
  };

  it.each([
    ['GET https://h.example/p?access_token=abc failed', 'GET https://h.example/p failed'],
    ['see http://h.example/p#frag', 'see http://h.example/p'],
    ['upstream error for /componenttcb/x?access_token=abc&b=1', 'upstream error for /componenttcb/x?access_token=***&b=1'],
    ['no url here', 'no url here'],
  ])('an HttpError quotes %j as %j', (text, expected) => expect(scrub(withoutQueries(text))).toBe(expected));

  it('keeps the token out of an HttpError that quotes the URL', () => {
    const err = new HttpError(
      req,
      'status',
      'HTTP 502: bad gateway for https://api.weixin.qq.com/componenttcb/x?access_token=SECRET1',
      502,
    );
    expect(err.message).not.toContain('SECRET1');
    expect(err.message).toContain('(POST https://api.weixin.qq.com/componenttcb/x)');
  });

  it('describes a request for debug logs by its shape only', () => {
    const line = describeRequest(req);
    expect(line).toBe(
      'POST https://api.weixin.qq.com/componenttcb/x?access_token=***&ids=a headers [content-type, token] body keys [component_appsecret, env_id], timeout 1.0s',
    );
    expect(line).not.toMatch(/SECRET/);
  });
});

describe('log lines cannot issue workflow commands', () => {
  it.each([
    ['::set-output name=x::y', '| ::set-output name=x::y'],
    ['a\n::add-mask::b\r  ::error::c', 'a\n| ::add-mask::b\n|   ::error::c'],
    ['version a::b status normal', 'version a::b status normal'],
  ])('safeLines(%j)', (text, expected) => expect(safeLines(text).join('\n')).toBe(expected));
});

describe('hostile answers', () => {
  it.each([
    [undefined, 0],
    [null, 0],
    [0, 0],
    [40097, 40097],
    ['40097', 40097],
    [' -1 ', -1],
    ['busy', undefined],
    [1.5, undefined],
    [{}, undefined],
    [true, undefined],
  ])('readErrcode(%j) is %j', (value, expected) => expect(readErrcode(value)).toBe(expected));
});

describe('huge and broken inputs', () => {
  it('reads 100,000 container IDs quickly', () => {
    const ids = Array.from({ length: 100_000 }, (_, i) => i.toString(16).padStart(32, '0'));
    expect(problems({ ...clean, container_ids: ids.join('\n') })).toBe('');
  });

  it('rejects a 1 MB deploy_options before any call, naming the input', () => {
    expect(problems({ ...deploy, deploy_options: JSON.stringify({ build_dir: 'x'.repeat(1_048_576) }) })).toBe(
      `\`deploy_options\`: is 1048592 characters long; at most ${MAX_JSON_CHARS} are accepted`,
    );
  });

  it('names unknown keys in one bounded line, however many and long', () => {
    const keys = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`${'k'.repeat(1000)}${i}\n::x`, 1]));
    const message = (() => {
      try {
        checkFields(keys, { branch: 'string' });
      } catch (err) {
        return (err as Error).message;
      }
      return '';
    })();
    expect(message).toContain(`unknown key "${'k'.repeat(60)}…"`);
    expect(message).toContain('and 495 more');
    expect(message).not.toContain('\n');
    expect(message.length).toBeLessThan(1_000);
  });

  it.each([
    ['"[1,2]"', 'must be a JSON object'],
    ['null', 'must be a JSON object'],
    ['{"a":', 'is not valid JSON'],
  ])('parseJsonObject(%s) fails clearly', (raw, message) => expect(() => parseJsonObject(raw)).toThrow(message));

  it.each(['9'.repeat(400) + 'd', '99999999999w'])('rejects the duration %s as too long', (raw) =>
    expect(() => parseDuration(raw)).toThrow('too long a duration'),
  );

  it.each([
    [{ env_id: 'prod\n## injected' }, '`env_id`: must be an environment ID'],
    [{ env_id: '<img src=x>' }, '`env_id`: must be an environment ID'],
    [{ service_name: 'a|b' }, '`service_name`: must be letters'],
    [{ version_name: '::set-output' }, '`version_name`: must be a version name'],
    [{ cpu: '1e9' }, '`cpu`: expected a number'],
    [{ max_num: '99999999999999999999' }, '`max_num`'],
    [{ env_vars: '{"A": {"b": 1}}' }, '`env_vars`: value of "A" must be a string'],
    [{ deploy_options: '{"is_rebuild": "yes"}' }, '`deploy_options`: "is_rebuild" must be a boolean, got string'],
    [{ request_timeout: '0s' }, '`request_timeout`: must be between 1s and 10m'],
    [{ timeout: '7h' }, '`timeout`: must be between 10ms and 6h'],
  ])('rejects %j naming the input', (override, message) => expect(problems({ ...deploy, ...override })).toContain(message));

  it.each([
    [{ container_ids: '   \n  ' }, '`container_ids`: give container_ids, or a filter'],
    [{ container_ids: 'abc, $(rm -rf /), `x`' }, '`container_ids`: 3 invalid container IDs: "$(rm", "/)", "`x`"'],
    [{ container_ids: 'a\n::set-output name=x::y' }, '`container_ids`: 2 invalid container IDs: "::set-output", "name=x::y"'],
    [{ container_ids: 'abc', batch_size: '100000' }, '`batch_size`: must be between 1 and 150'],
    [{ container_ids: 'abc', ai_cluster_id: '1;2' }, '`ai_cluster_id`'],
  ])('rejects %j naming the input', (override, message) => expect(problems({ ...clean, ...override })).toContain(message));

  it('treats duplicates as one', () => {
    const config = readInputs({ ...clean, container_ids: 'abc,abc\nabc def' });
    expect(config).toMatchObject({ ids: ['abc', 'def'] });
  });
});
