import { describe, expect, it } from 'vitest';
import { retriesWithin } from '../../src/github/client.ts';
import { isForkPullRequest, isRateLimited, whyGithubFailed } from '../../src/github/why-failed.ts';
import { forGithub } from '../../src/github/text.ts';
import { addSecret } from '../../src/secrets.ts';

describe('forGithub', () => {
  it('cuts before an emoji that would be split, never leaving half a surrogate pair', () => {
    const text = `${'a'.repeat(139)}🚀 and more`;
    expect(forGithub(text, 140)).toBe('a'.repeat(139));
    expect(forGithub(text, 141)).toBe(`${'a'.repeat(139)}🚀`);
    expect(forGithub('short 🚀', 140)).toBe('short 🚀');
  });

  it('removes registered secrets before cutting', () => {
    addSecret('s3cr3t-value-for-github');
    expect(forGithub('errmsg: s3cr3t-value-for-github leaked', 140)).toBe('errmsg: *** leaked');
  });
});

describe('isForkPullRequest', () => {
  const pull = (head: unknown, base = 'octo-org/shop-api') => ({
    pull_request: { number: 1, head: { repo: head }, base: { repo: { full_name: base } } },
  });
  it.each([
    ['fork flag', 'pull_request', pull({ fork: true, full_name: 'someone/shop-api' }), true],
    ['other repository without the flag', 'pull_request', pull({ full_name: 'someone/shop-api' }), true],
    ['deleted fork', 'pull_request', pull(null), true],
    ['same repository', 'pull_request', pull({ fork: false, full_name: 'octo-org/shop-api' }), false],
    ['pull_request_target gets a write token', 'pull_request_target', pull({ fork: true, full_name: 'someone/shop-api' }), false],
    ['push', 'push', {}, false],
  ])('%s', (_name, event, payload, expected) => {
    expect(isForkPullRequest(event, payload)).toBe(expected);
  });
});

describe('whyGithubFailed', () => {
  const answer = (status: number, headers: Record<string, string> = {}) => Object.assign(new Error('m'), { status, response: { headers } });
  it.each([
    [answer(403), false, 'the token lacks permission (HTTP 403): add "deployments: write"'],
    [answer(403), true, 'a pull request from a fork gets a read-only token'],
    [
      answer(403, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1800000000' }),
      true,
      'rate limit for this token is used up (HTTP 403); it resets at 2027-01-15T08:00:00.000Z',
    ],
    [answer(429), false, 'rate limit'],
    [answer(401), false, 'the token was refused (HTTP 401)'],
    [answer(502), false, 'HTTP 502: m'],
    [new Error('no answer within request_timeout (1s)'), false, 'no answer within request_timeout (1s)'],
  ])('%s (fork %s)', (err, fork, expected) => {
    expect(whyGithubFailed(err, 'deployment', fork)).toContain(expected);
  });

  it('does not read a plain 403 as a rate limit', () => {
    expect(isRateLimited(answer(403, { 'x-ratelimit-remaining': '12' }))).toBe(false);
  });
});

describe('retriesWithin', () => {
  it.each([
    [30_000, 120_000, 2], // 30 + (1 + 30) + (4 + 30) = 95 s; a third retry would end at 134 s
    [1_000, 0, 0],
    [1_000, 3_000, 1], // 1 + (1 + 1)
    [1_000, 9_000, 2], // 1 + (1 + 1) + (4 + 1)
    [1_000, 60_000, 3],
  ])('request_timeout %i ms, retry_budget %i ms: %i retries', (requestTimeoutMs, retryBudgetMs, expected) => {
    expect(retriesWithin({ requestTimeoutMs, retryBudgetMs, allowInsecureHttp: false })).toBe(expected);
  });
});
