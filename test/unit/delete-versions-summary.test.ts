import { describe, expect, it } from 'vitest';
import type { DeleteVersionsResult, ServicePrune } from '../../src/result/result.ts';
import { summaryOf } from '../../src/result/summary.ts';

const service = (name: string, versions: number, unread?: string): ServicePrune => ({
  env_id: 'prod',
  service_name: name,
  items: Array.from({ length: versions }, (_, i) => ({ name: `${name}-${String(i).padStart(3, '0')}`, outcome: 'deleted' as const })),
  deletesService: false,
  deleteImage: false,
  serviceDeleted: false,
  ...(unread ? { notPruned: { code: 'versions-unread' as const, message: unread } } : {}),
});

const across = (services: ServicePrune[]): DeleteVersionsResult => ({
  operation: 'delete-versions',
  dryRun: false,
  env_id: 'prod',
  service_name: '*',
  acrossServices: true,
  services,
  wechatRequests: 1234,
  wouldSend: [],
});

const summary = (result: DeleteVersionsResult) => summaryOf({ result, durationMs: 61_000, failure: undefined }, { charts: false });

describe('the delete-versions summary over services', () => {
  it('keeps every service in the overview, and at most 1,000 version rows in all', () => {
    const text = summary(across(Array.from({ length: 30 }, (_, i) => service(`svc-${String(i).padStart(2, '0')}`, 60))));
    expect(text).toContain(
      'Deleted **1800**, skipped **0**, failed **0** in 30 services (environment prod, 61.0s, 1234 WeChat API requests).',
    );
    expect(text.match(/^\| svc-\d\d \| 60 \|/gm)).toHaveLength(30);
    expect(text).toContain('| Total | 1800 | 0 | 0 | 0 |  |');
    expect(text.match(/^\| svc-\d\d-\d{3} \| deleted \|/gm)).toHaveLength(1000);
    expect(text).toContain('### svc-16\n\nDeleted **60**, skipped **0**, failed **0**.\n\n');
    expect(text).toContain('…and 20 more (all are listed in the log and in report_file).');
    expect(text).toContain('### svc-29\n\nDeleted **60**, skipped **0**, failed **0**.\n\n60 rows not shown: the summary is full');
  });

  it('says why a service was not pruned, escaped', () => {
    const text = summary(across([service('a', 1), service('b', 0, 'cannot read its versions: <b>busy</b>')]));
    expect(text).toContain('| b | 0 | 0 | 0 | 0 | cannot read its versions: &lt;b&gt;busy&lt;/b&gt; |');
    expect(text).toContain('| Total | 1 | 0 | 0 | 0 | 1 service |');
    expect(text).toContain('### b\n\nNot pruned: cannot read its versions: &lt;b&gt;busy&lt;/b&gt;.\n');
  });
});
