import { describe, expect, it } from 'vitest';
import { inCommandTerms } from '../../src/cli/command-terms.ts';

// The command's hints name its flags and variables; the action's own wording stays for the action.
describe('inCommandTerms', () => {
  it.each([
    {
      name: 'an input problem',
      text: 'Invalid inputs:\n  - `traffic`: needs wait: true (the split is set once the new version is ready)',
      expected: 'Invalid inputs:\n  - `--traffic`: needs --wait (the split is set once the new version is ready)',
    },
    {
      name: 'a hint naming an input, bare',
      text: 'Service shop-api has no ready version to roll back to\nHint: name the version to serve in rollback_to',
      expected: 'Service shop-api has no ready version to roll back to\nHint: name the version to serve in --rollback-to',
    },
    {
      name: 'a value given the workflow way',
      text: 'Hint: for deploy to create it, set create_service: true; or use traffic: 100',
      expected: 'Hint: for deploy to create it, set --create-service; or use --traffic 100',
    },
    {
      name: 'a name that is also a word, asked for by a verb',
      text: 'Hint: let it end before deploying again; raise timeout if releases take longer',
      expected: 'Hint: let it end before deploying again; raise --timeout if releases take longer',
    },
    {
      name: 'secrets, as the variables the command reads them from',
      text: '  - `access_token`: required: give access_token, or component_appid + component_appsecret + component_verify_ticket',
      expected:
        '  - `CLOUDRUN_ACCESS_TOKEN`: required: give CLOUDRUN_ACCESS_TOKEN, or CLOUDRUN_COMPONENT_APPID + CLOUDRUN_COMPONENT_APPSECRET + CLOUDRUN_COMPONENT_VERIFY_TICKET',
    },
    {
      name: "a platform's token, not the input",
      text: "Hint: access_token must be the third-party platform's component_access_token, not an app's or authorizer's access_token",
      expected:
        "Hint: CLOUDRUN_ACCESS_TOKEN must be the third-party platform's component_access_token, not an app's or authorizer's access_token",
    },
    {
      name: "the platform's own words, outside a hint",
      text: 'componenttcb/x failed: errcode 40014 (invalid access_token): invalid credential, access_token is invalid',
      expected: 'componenttcb/x failed: errcode 40014 (invalid access_token): invalid credential, access_token is invalid',
    },
    {
      name: 'a platform field in a log line',
      text: 'Refuse shop-api-001: receives traffic (flow_ratio 50); version_name kept',
      expected: 'Refuse shop-api-001: receives traffic (flow_ratio 50); version_name kept',
    },
    {
      name: 'an input quoted anywhere',
      text: 'the `keep_latest` rule keeps 2',
      expected: 'the `--keep-latest` rule keeps 2',
    },
    {
      name: 'words that are inputs but not asked for',
      text: 'Hint: the release may still finish: watch the versions until the image is up, within the timeout',
      expected: 'Hint: the release may still finish: watch the versions until the image is up, within the timeout',
    },
  ])('$name', ({ text, expected }) => expect(inCommandTerms(text)).toBe(expected));

  it.each([
    {
      name: 'an input problem in Chinese',
      text: '输入有误：\n  - `traffic`：需要 `wait: true`（流量分配要等新版本就绪后才设置）',
      expected: '输入有误：\n  - `--traffic`：需要 `--wait`（流量分配要等新版本就绪后才设置）',
    },
    {
      name: 'a Chinese hint naming an input, bare, and a word that is one, quoted',
      text: '提示：请在 rollback_to 中指定要提供服务的版本；或调大 `timeout`',
      expected: '提示：请在 --rollback-to 中指定要提供服务的版本；或调大 `--timeout`',
    },
    {
      name: 'a Chinese hint with a value given the workflow way, and a secret',
      text: '提示：如果要让 deploy 创建它，请设置 create_service: true；或提供 access_token',
      expected: '提示：如果要让 deploy 创建它，请设置 --create-service；或提供 CLOUDRUN_ACCESS_TOKEN',
    },
    {
      name: "a platform's token in Chinese, not the input",
      text: '提示：access_token 必须是第三方平台的 component_access_token，而不是小程序或授权方的 access_token',
      expected: '提示：CLOUDRUN_ACCESS_TOKEN 必须是第三方平台的 component_access_token，而不是小程序或授权方的 access_token',
    },
  ])('$name', ({ text, expected }) => expect(inCommandTerms(text)).toBe(expected));
});
