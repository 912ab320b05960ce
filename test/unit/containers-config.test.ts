import { describe, expect, it } from 'vitest';
import { parseContainerIds, parseStatuses, type CleanContainersConfig } from '../../src/inputs/containers.ts';
import { inputProblems as problems, readInputs, type Inputs } from './read-config.ts';

const base = { operation: 'clean-containers', ai_api_url: 'https://api01.example.com:65106/', ai_token: 't', container_ids: 'abc' };
const read = (inputs: Inputs) => readInputs(inputs) as CleanContainersConfig;

describe('parseContainerIds', () => {
  it.each<[string, string[]]>([
    ['d3e0702e9389426cbc9cb86cdc548a54', ['d3e0702e9389426cbc9cb86cdc548a54']],
    ['a\nb, c  d,,a', ['a', 'b', 'c', 'd']],
    ['job_1-x', ['job_1-x']],
  ])('%j', (raw, expected) => expect(parseContainerIds(raw)).toEqual(expected));

  it.each([
    ['a?b', '"a?b"'],
    ['x/../y', '"x/../y"'],
    ['x'.repeat(65), 'at most 64'],
    ['a%20b <b>', '2 invalid'],
  ])('rejects %j', (raw, message) => expect(() => parseContainerIds(raw)).toThrow(message));
});

describe('parseStatuses', () => {
  it('canonicalises case', () => expect(parseStatuses('terminated, FAILED\nCompleted')).toEqual(['Terminated', 'Failed', 'Completed']));
  it('rejects unknown statuses', () => expect(() => parseStatuses('Terminated,Stopped')).toThrow('unknown status "Stopped"'));
});

describe('readConfig for clean-containers', () => {
  it('applies defaults: finished statuses only when a filter is given', () => {
    expect(read(base)).toEqual({
      operation: 'clean-containers',
      target: {
        aiUrl: 'https://api01.example.com:65106',
        acUrl: 'https://www.scnet.cn',
        scnetUrl: 'https://api.scnet.cn',
        credentials: { kind: 'token', token: 't' },
        clusterId: '',
      },
      network: { requestTimeoutMs: 30_000, retryBudgetMs: 120_000, allowInsecureHttp: false },
      dryRun: false,
      ids: ['abc'],
      filter: undefined,
      batchSize: 100,
      concurrency: 4,
      github: { token: '', deployment: undefined, prComment: false },
      secrets: [],
    });
    expect(read({ ...base, container_ids: '', older_than: '2d' }).filter).toEqual({
      statuses: ['Terminated', 'Failed', 'Completed'],
      namePatterns: [],
      olderThanMs: 172_800_000,
      taskTypes: [],
    });
  });

  it.each<[Inputs, string]>([
    [{ ai_token: '' }, '`ai_token`: required: give ai_token, or ai_user + ai_password + ai_org_id'],
    [{ ai_user: 'u' }, '`ai_token`: give either ai_token or user credentials (ai_user), not both'],
    [{ ai_token: '', ai_user: 'u' }, '`ai_user`: needs ai_password + ai_org_id or ai_access_key + ai_secret_key'],
    [{ ai_token: '', ai_user: 'u', ai_access_key: 'k' }, '`ai_secret_key`: required together with ai_access_key'],
    [
      { ai_token: '', ai_password: 'p', ai_org_id: 'o', ai_access_key: 'k', ai_secret_key: 's', ai_user: 'u' },
      '`ai_password`: give either',
    ],
    [{ ai_cluster_id: '1 2' }, '`ai_cluster_id`: must be a cluster ID such as 11112, or all'],
    [
      { ai_cluster_id: 'all' },
      "`ai_cluster_id`: all needs ai_user with ai_password + ai_org_id or ai_access_key + ai_secret_key: ai_token is one cluster's token",
    ],
    [
      { ai_cluster_id: 'all', ai_token: '', ai_user: 'u', ai_access_key: 'k', ai_secret_key: 's' },
      "`ai_api_url`: is one cluster's AI host; with ai_cluster_id: all each cluster's host is found through ac_api_url",
    ],
    [{ scnet_api_url: 'ftp://x' }, '`scnet_api_url`: must be an http(s) URL'],
  ])('%j', (extra, message) => expect(problems({ ...base, ...extra }).join('\n')).toContain(message));

  it('finds the AI host through the public SCNet center unless ac_api_url names another', () => {
    const config = read({ ...base, ai_token: '', ai_api_url: '', ai_user: 'u', ai_password: 'p', ai_org_id: 'o', ai_cluster_id: 'all' });
    expect(config.target).toMatchObject({ aiUrl: '', acUrl: 'https://www.scnet.cn', clusterId: 'all' });
  });

  it('accepts access-key credentials with discovery', () => {
    const config = read({
      ...base,
      ai_token: '',
      ai_api_url: '',
      ac_api_url: 'https://ac.example.com',
      ai_user: 'u',
      ai_access_key: 'k',
      ai_secret_key: 's',
    });
    expect(config.target).toMatchObject({
      aiUrl: '',
      acUrl: 'https://ac.example.com',
      credentials: { kind: 'access-key', user: 'u', accessKey: 'k', secretKey: 's' },
    });
  });
});
