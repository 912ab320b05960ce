import { describe, expect, it } from 'vitest';
import { parseImage } from '../../src/image.ts';

const DIGEST = `sha256:${'a'.repeat(64)}`;

describe('parseImage', () => {
  it.each([
    ['ccr.ccs.tencentyun.com/ns/repo:v1', 'ccr.ccs.tencentyun.com', 'ns/repo', 'v1'],
    [
      'ccr.ccs.tencentyun.com/tcb-1-hvbz/web_pressure-python:pressure-python-006-2021',
      'ccr.ccs.tencentyun.com',
      'tcb-1-hvbz/web_pressure-python',
      'pressure-python-006-2021',
    ],
    ['localhost:5000/a/b/c:latest', 'localhost:5000', 'a/b/c', 'latest'],
    ['localhost/app:1', 'localhost', 'app', '1'],
    [`registry.example.com/app@${DIGEST}`, 'registry.example.com', 'app', DIGEST],
    [`registry.example.com/app:v3@${DIGEST}`, 'registry.example.com', 'app', 'v3'],
  ])('parses %s', (ref, server_addr, repository_name, tag_name) => {
    expect(parseImage(ref, true)).toEqual({ image_url: ref, server_addr, repository_name, tag_name, is_public: true });
  });

  it.each([
    ['nginx:latest', 'has no registry host'],
    ['library/nginx:1', 'has no registry host'],
    ['ccr.ccs.tencentyun.com/ns/repo', 'has no tag or digest'],
    ['ccr.ccs.tencentyun.com/NS/repo:v1', 'is invalid (lowercase'],
    ['ccr.ccs.tencentyun.com/ns//repo:v1', 'is invalid'],
    ['ccr.ccs.tencentyun.com/ns/repo:-bad', 'tag "-bad" is invalid'],
    ['ccr.ccs.tencentyun.com/ns/repo@sha256:xyz', 'digest "sha256:xyz" is invalid'],
    ['bad_host.com/ns/repo:v1', 'is not a valid registry host'],
    ['ccr.ccs.tencentyun.com/ns/repo:v1;rm -rf /', 'is invalid'],
  ])('rejects %s', (ref, message) => {
    expect(() => parseImage(ref, false)).toThrow(message);
  });
});
