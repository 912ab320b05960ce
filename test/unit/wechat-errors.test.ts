import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ScnetApiError } from '../../src/scnet/client.ts';
import { SCNET_CODES } from '../../src/scnet/codes.ts';
import { ERRCODES } from '../../src/wechat/errcodes.ts';
import { describe, expect, it } from 'vitest';
import { TROUBLESHOOTING_PAGES } from '../../src/docs.ts';
import { errorMessage } from '../../src/errors.ts';
import { WechatApiError } from '../../src/wechat/client.ts';
import { isAlreadyExists, isNotFound, isReleaseInProgress } from '../../src/wechat/conditions.ts';

describe('WechatApiError', () => {
  it.each([
    [40014, 'errcode 40014 (invalid access_token)', 'the action renews it itself'],
    [42001, 'errcode 42001 (access_token expired)', 'must come fresh from your token service'],
    [85088, 'errcode 85088 (no qbase privilege)', 'Cloud Hosting (cloud development) is not enabled'],
    [-1, 'errcode -1 (system busy)', 'retry later'],
    [99999, 'errcode 99999 (undocumented errcode)', 'WeChat Open Platform documentation'],
  ])('maps %s to its meaning and a hint', (code, meaning, hint) => {
    const text = errorMessage(new WechatApiError('componenttcb/x', code, 'raw'));
    expect(text).toContain(`componenttcb/x failed: ${meaning}: raw`);
    expect(text).toContain(`Hint: `);
    expect(text).toContain(hint);
  });

  it.each([
    ['ResourceNotFound.ServerNotFound: service x not exist', true, false, false],
    ['服务不存在', true, false, false],
    ['ResourceInUse.ServiceExist: service x already exists', false, true, false],
    ['服务已存在', false, true, false],
    ['当前已有部署发布任务运行中', false, false, true],
    ['ResourceInUse: a release task is in progress', false, false, true],
    ['FailedOperation: release In Progress', false, false, true],
    ['invalid args', false, false, false],
  ])('recognises %j', (errmsg, notFound, exists, releasing) => {
    const err = new WechatApiError('a', 40097, errmsg);
    expect([isNotFound(err), isAlreadyExists(err), isReleaseInProgress(err)]).toEqual([notFound, exists, releasing]);
  });
});

describe('errorMessage', () => {
  it.each([
    [new Error('boom'), 'boom'],
    ['plain string', 'plain string'],
    [{ code: 1 }, 'Unexpected error: {"code":1}'],
    [undefined, 'Unexpected error: undefined'],
  ])('describes %j', (value, expected) => expect(errorMessage(value)).toBe(expected));
});

describe('troubleshooting links', () => {
  const anchors = [...Object.keys(ERRCODES).map((code) => `wechat-${code}`), ...Object.keys(SCNET_CODES).map((code) => `ai-${code}`)];

  it.each(Object.values(TROUBLESHOOTING_PAGES))('%s has the row of every code errors link to', (file) => {
    const page = readFileSync(join(import.meta.dirname, '..', '..', file), 'utf8');
    expect(anchors.filter((anchor) => !page.includes(`<a id="${anchor}"></a>`))).toEqual([]);
  });

  it("errors link to their row in this project's docs outside a runner (the command), even on GitHub Enterprise", () => {
    process.env.GITHUB_SERVER_URL = 'https://ghe.example.com';
    try {
      expect(errorMessage(new WechatApiError('a', 61004, 'x'))).toContain(
        'https://github.com/cloudrun-release/cloudrun-release/blob/HEAD/docs/troubleshooting.md#wechat-61004',
      );
    } finally {
      delete process.env.GITHUB_SERVER_URL;
    }
  });

  it('errors link to their row, in the repository the action came from', () => {
    process.env.GITHUB_ACTION_REPOSITORY = 'acme/cloudrun-release';
    try {
      expect(errorMessage(new WechatApiError('a', 85088, 'x'))).toContain(
        'https://github.com/acme/cloudrun-release/blob/HEAD/docs/troubleshooting.md#wechat-85088',
      );
      expect(errorMessage(new ScnetApiError('b', '10008', 'y'))).toContain(
        'https://github.com/acme/cloudrun-release/blob/HEAD/docs/troubleshooting.md#ai-10008',
      );
    } finally {
      delete process.env.GITHUB_ACTION_REPOSITORY;
    }
  });
});
