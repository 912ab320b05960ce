import { describe, expect, it } from 'vitest';
import { bypassesProxy, noProxyFromEnv } from '../../src/http/no-proxy.ts';
import { proxiesFromEnv } from '../../src/http/proxy-env.ts';

describe('bypassesProxy', () => {
  it.each([
    // Loopback is always direct: the token would otherwise travel to the proxy.
    ['http://localhost:8787', '', true],
    ['http://127.0.0.1:8787', '', true],
    ['http://127.8.9.10', '', true],
    ['http://[::1]:8787', '', true],
    ['https://api.weixin.qq.com', '', false],
    ['https://api.weixin.qq.com', '*', true],
    // Names: themselves and their subdomains, a leading "." or "*." ignored, case-insensitive.
    ['https://api.weixin.qq.com', 'qq.com', true],
    ['https://api.weixin.qq.com', '.qq.com', true],
    ['https://api.weixin.qq.com', '*.QQ.com', true],
    ['https://api.weixin.qq.com', 'example.com, weixin.qq.com', true],
    ['https://notqq.com', 'qq.com', false],
    ['https://api.weixin.qq.com', 'api.weixin.qq.com:443', true],
    ['https://api.weixin.qq.com', 'api.weixin.qq.com:8443', false],
    // Addresses in any spelling, and CIDR ranges, as curl reads them.
    ['https://10.1.2.3', '10.1.2.3', true],
    ['https://10.1.2.3', '10.1.2.4', false],
    ['https://10.1.2.3', '10.0.0.0/8', true],
    ['https://11.1.2.3', '10.0.0.0/8', false],
    ['https://192.168.7.200', '192.168.7.128/25', true],
    ['https://[fd00::1:5]', 'fd00::/16', true],
    ['https://[fd00::1:5]', '[fd00:0:0:0:0:0:1:5]', true],
    ['https://[fe80::1]', 'fd00::/16', false],
    ['https://10.1.2.3', '10.0.0.0/99', false],
    ['https://ai.cluster.example', '10.0.0.0/8', false],
  ])('%s with NO_PROXY=%j: %s', (url, noProxy, expected) => {
    expect(bypassesProxy(new URL(url), noProxy)).toBe(expected);
  });

  it('reads no_proxy before NO_PROXY, as curl does', () => {
    expect(noProxyFromEnv({ no_proxy: 'a.example', NO_PROXY: 'b.example' })).toBe('a.example');
    expect(noProxyFromEnv({ NO_PROXY: 'b.example' })).toBe('b.example');
    expect(noProxyFromEnv({})).toBe('');
  });
});

describe('proxiesFromEnv', () => {
  it('reads the job environment, lower case first, and gives "" for none so undici does not read process.env', () => {
    expect(proxiesFromEnv({ HTTP_PROXY: 'http://a:1', https_proxy: 'http://b:2', HTTPS_PROXY: 'http://c:3' })).toEqual({
      httpProxy: 'http://a:1',
      httpsProxy: 'http://b:2',
    });
    expect(proxiesFromEnv({})).toEqual({ httpProxy: '', httpsProxy: '' });
  });
});
