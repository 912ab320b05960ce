import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInScope } from '../../src/job-scope.ts';
import { jsonBlock, pieChart } from '../../src/result/markdown.ts';
import { cleanupLists, outputsOf } from '../../src/result/outputs.ts';
import { writeReportFile } from '../../src/result/report-file.ts';
import type {
  CleanContainersResult,
  DeleteVersionsResult,
  DeployResult,
  FinishedRun,
  RunResult,
  TrafficResult,
} from '../../src/result/result.ts';
import { summaryOf } from '../../src/result/summary.ts';
import { RecordingHost } from '../support/recording-host.ts';

// The renderer: one result in, outputs, summary and report file out, whatever the operation.

const finished = (result: RunResult, failure?: Error): FinishedRun => ({ result, durationMs: 2_340, failure });

const deploy: DeployResult = {
  operation: 'deploy',
  dryRun: false,
  env_id: 'env',
  service_name: 'shop-api',
  strategy: 'new-version',
  serviceCreated: true,
  runId: 'r1',
  version_name: 'shop-api-003',
  image_url: 'reg.io/a/b:2',
  previous_version: 'shop-api-002',
  status: '已停止',
  wouldSend: [],
};
const traffic: TrafficResult = {
  operation: 'rollback',
  dryRun: false,
  env_id: 'env',
  service_name: 'shop-api',
  version_name: 'shop-api-001',
  previous_version: 'shop-api-002',
  status: 'traffic_set',
  wouldSend: [],
};
const prune: DeleteVersionsResult = {
  operation: 'delete-versions',
  dryRun: false,
  acrossServices: false,
  wechatRequests: 0,
  env_id: 'env',
  service_name: 'shop-api',
  wouldSend: [],
  services: [
    {
      env_id: 'env',
      service_name: 'shop-api',
      deletesService: false,
      deleteImage: false,
      serviceDeleted: false,
      items: [
        { name: 'v1', outcome: 'deleted' },
        { name: 'v2', outcome: 'absent' },
        { name: 'v3', outcome: 'skipped', message: 'receives traffic' },
        { name: 'v4', outcome: 'failed', code: 40097, message: 'invalid args' },
        { name: 'v5', outcome: 'failed', message: 'refused: does not exist' },
        { name: 'v6', outcome: 'skipped' },
      ],
    },
  ],
};
const cluster = (clusterId: string, items: CleanContainersResult['clusters'][number]['items']) => ({
  clusterId,
  clusterName: `c${clusterId}`,
  items,
  selected: [],
  unreadable: [],
  requests: 3,
  deletingMs: 10,
});
const clean: CleanContainersResult = {
  operation: 'clean-containers',
  dryRun: false,
  batchSize: 100,
  allClusters: false,
  clusters: [
    cluster('11', [
      { name: 'c1', outcome: 'deleted' },
      { name: 'c2', outcome: 'absent' },
      { name: 'c3', outcome: 'failed', code: '716866', message: 'delete task failed' },
      { name: 'c4', outcome: 'failed' },
    ]),
  ],
  wouldSend: [],
};

describe('outputsOf', () => {
  it('gives a deploy its outputs, with a status in another shape as unknown and the duration', () => {
    expect(outputsOf(finished(deploy), '')).toEqual({
      run_id: 'r1',
      version_name: 'shop-api-003',
      previous_version: 'shop-api-002',
      service_created: true,
      status: 'unknown',
      image_url: 'reg.io/a/b:2',
      duration_seconds: '2.3',
    });
  });

  it('gives rollback and set-traffic what serves now, what served before, and the duration', () => {
    expect(outputsOf(finished(traffic), '')).toEqual({
      version_name: 'shop-api-001',
      previous_version: 'shop-api-002',
      status: 'traffic_set',
      duration_seconds: '2.3',
    });
  });

  it('gives delete-versions its lists in their documented shapes, and no duration', () => {
    expect(outputsOf(finished(prune), '/tmp/r.json')).toEqual({
      deleted_versions: '["v1"]',
      deleted_count: 1,
      absent_versions: '["v2"]',
      absent_count: 1,
      skipped_versions: JSON.stringify([
        { version_name: 'v3', reason: 'receives traffic' },
        { version_name: 'v6', reason: '' },
      ]),
      failed_versions: JSON.stringify([
        { version_name: 'v4', errcode: 40097, errmsg: 'invalid args' },
        { version_name: 'v5', errcode: null, errmsg: 'refused: does not exist' },
      ]),
      failed_count: 2,
      services: JSON.stringify([{ service_name: 'shop-api', deleted: 1, absent: 1, skipped: 2, failed: 2, not_pruned: '' }]),
      report_file: '/tmp/r.json',
    });
  });

  it('gives clean-containers its lists in their documented shapes', () => {
    expect(outputsOf(finished(clean), '')).toEqual({
      deleted_containers: '["c1"]',
      deleted_count: 1,
      absent_containers: '["c2"]',
      absent_count: 1,
      failed_containers: JSON.stringify([
        { id: 'c3', code: '716866', msg: 'delete task failed' },
        { id: 'c4', code: 'error', msg: '' },
      ]),
      failed_count: 2,
      report_file: '',
    });
    // Across clusters, each entry names its cluster.
    const all: CleanContainersResult = {
      ...clean,
      allClusters: true,
      clusters: [...clean.clusters, cluster('12', [{ name: 'c9', outcome: 'deleted' }])],
    };
    expect(outputsOf(finished(all), '')).toMatchObject({ deleted_containers: '["11/c1","12/c9"]', deleted_count: 2 });
    expect(cleanupLists(clean)).toEqual({
      deleted: ['c1'],
      absent: ['c2'],
      failed: [
        { id: 'c3', code: '716866', msg: 'delete task failed' },
        { id: 'c4', code: 'error', msg: '' },
      ],
    });
  });
});

describe('writeReportFile', () => {
  const inJob = <T>(env: Record<string, string>, fn: (host: RecordingHost) => T) => {
    const host = new RecordingHost();
    return runInScope({ host, env }, async () => fn(host));
  };

  it('writes one for the cleanups only', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'report-'));
    try {
      expect(await inJob({ RUNNER_TEMP: dir }, () => writeReportFile(deploy, true))).toBe('');
      expect(await inJob({ RUNNER_TEMP: dir }, () => writeReportFile(traffic, true))).toBe('');
      const path = await inJob({ RUNNER_TEMP: dir }, () => writeReportFile(clean, true));
      expect(JSON.parse(await readFile(path, 'utf8'))).toEqual({ operation: 'clean-containers', ...cleanupLists(clean) });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('costs a warning, never an exception, when the directory cannot be written', async () => {
    const { path, lines } = await inJob({ RUNNER_TEMP: '/proc/no-such-dir' }, (host) => ({
      path: writeReportFile(prune, true),
      lines: host.lines,
    }));
    expect(path).toBe('');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^warning: The report file could not be written \(.+\); the outputs and the job summary have the result\.$/);
  });
});

describe('summaryOf', () => {
  const moved: TrafficResult = {
    ...traffic,
    traffic: {
      before: [{ version_name: 'shop-api-002', status: 'normal', flow_ratio: 100, created_time: '', createdAt: 0, updated_time: '' }],
      after: [{ version_name: 'shop-api-001', status: 'normal', flow_ratio: 100, created_time: '', createdAt: 0, updated_time: '' }],
    },
  };

  it('draws pie charts only where they render', () => {
    expect(summaryOf(finished(moved), { charts: true })).toContain('```mermaid\npie title After\n    "shop-api-001" : 100\n```');
    const plain = summaryOf(finished(moved), { charts: false });
    expect(plain).not.toContain('mermaid');
    expect(plain).toContain('Traffic split: shop-api-001 100%');
  });

  it('ends with the first line of what failed the run, escaped', () => {
    expect(summaryOf(finished(traffic, new Error('bad <b>x</b>\nsecond line')), { charts: false })).toMatch(
      /\n\*\*Failed:\*\* bad &lt;b&gt;x&lt;\/b&gt;\n$/,
    );
  });
});

describe('markdown pieces', () => {
  it('pie charts: nothing without a slice, labels that cannot break out of their quotes', () => {
    expect(pieChart('After', [])).toBe('');
    expect(pieChart('After', [{ label: 'a"b\n```x', value: 7 }])).toBe('\n```mermaid\npie title After\n    "a_b____x" : 7\n```\n');
    expect(pieChart('After', [{ label: 'x'.repeat(80), value: 1 }])).toContain(`"${'x'.repeat(64)}"`);
  });

  it('JSON blocks: a fence longer than any run of backticks inside', () => {
    expect(jsonBlock({ a: 1 })).toBe('```json\n{\n  "a": 1\n}\n```\n');
    expect(jsonBlock({ a: '````' })).toBe('`````json\n{\n  "a": "````"\n}\n`````\n');
  });
});
