import { describe, expect, it } from 'vitest';
import type { DeleteVersionsConfig } from '../../src/inputs/delete-versions.ts';
import { inputProblems, readInputs, type Inputs } from './read-config.ts';

const base = { operation: 'delete-versions', access_token: 't', env_id: 'e', service_name: 's' };
const read = (inputs: Inputs) => readInputs(inputs) as DeleteVersionsConfig;
const problems = (inputs: Inputs) => inputProblems(inputs).join('\n');

describe('readConfig for delete-versions', () => {
  it('reads every rule, with defaults', () => {
    const config = read({
      ...base,
      versions: 's-001, s-002\ns-003 s-001',
      keep_latest: '5',
      older_than: '7d',
      version_pattern: 's-*',
      exclude_pattern: 's-00?,keep-*',
    });
    expect(config).toMatchObject({
      operation: 'delete-versions',
      dryRun: false,
      deleteService: false,
      deleteImage: false,
      concurrency: 4,
      selection: {
        names: ['s-001', 's-002', 's-003'],
        keepLatest: 5,
        olderThanMs: 7 * 86_400_000,
        patterns: ['s-*'],
        excludes: ['s-00?', 'keep-*'],
      },
    });
    expect(read({ ...base, keep_latest: '3' }).selection).toEqual({
      names: undefined,
      keepLatest: 3,
      olderThanMs: undefined,
      patterns: undefined,
      excludes: [],
    });
  });

  it('accepts delete_image together with delete_service', () => {
    expect(read({ ...base, versions: 'a', delete_service: 'true', delete_image: 'true', concurrency: '16' })).toMatchObject({
      deleteService: true,
      deleteImage: true,
      concurrency: 16,
    });
  });

  it('reads a pattern in service_name, written back on one line', () => {
    expect(read({ ...base, service_name: 'shop-*\n!shop-legacy', keep_latest: '3' })).toMatchObject({
      target: { service_name: 'shop-*, !shop-legacy' },
      servicePattern: { include: ['shop-*'], exclude: ['shop-legacy'] },
    });
    expect(read({ ...base, keep_latest: '3' })).toMatchObject({ target: { service_name: 's' }, servicePattern: undefined });
  });

  it.each<[Inputs, string]>([
    [{}, '`versions`: say what to delete: give versions, keep_latest, older_than or version_pattern'],
    [{ exclude_pattern: 'x-*' }, '`versions`: exclude_pattern only protects versions'],
    [{ versions: ' , ' }, '`versions`: has no names in it'],
    [{ versions: 'a, shop-*' }, '`versions`: "shop-*" is a glob'],
    [{ keep_latest: '0' }, '`keep_latest`: must be between 1 and 1000, got 0'],
    [{ keep_latest: 'all' }, '`keep_latest`: expected a whole number'],
    [{ older_than: '7' }, '`older_than`: expected a duration such as 30s'],
    [{ older_than: '0d' }, '`older_than`: must be longer than 0'],
    [{ keep_latest: '1', delete_image: 'true' }, '`delete_image`: only valid together with delete_service: true'],
    [{ keep_latest: '1', concurrency: '0' }, '`concurrency`: must be between 1 and 16, got 0'],
    [{ keep_latest: '1', concurrency: '17' }, '`concurrency`: must be between 1 and 16, got 17'],
    [{ keep_latest: '1', service_name: '' }, '`service_name`: required for delete-versions'],
    [{ keep_latest: '1', service_name: 'shop_api' }, '`service_name`: "shop_api" is not a service name or pattern'],
    [{ keep_latest: '1', service_name: '!legacy' }, '`service_name`: has only exclusions'],
    [{ keep_latest: '1', service_name: '*', delete_service: 'true' }, '`delete_service`: not with a pattern in service_name'],
    [{ keep_latest: '1', service_name: 'a, b', delete_service: 'true', delete_image: 'true' }, '`delete_image`: not with a pattern'],
    [{ versions: 'a-001', service_name: 'a-*' }, '`versions`: names versions of one service'],
  ])('rejects %j', (override, message) => expect(problems({ ...base, ...override })).toContain(message));
});
