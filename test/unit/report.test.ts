import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInScope } from '../../src/job-scope.ts';
import { inlineMarkdown, markdownTable } from '../../src/result/markdown.ts';
import { jsonListOutput } from '../../src/result/outputs.ts';
import { renderRun, setOutputs } from '../../src/result/render.ts';
import { writeReportFile } from '../../src/result/report-file.ts';
import type { DeleteVersionsResult, TrafficResult } from '../../src/result/result.ts';
import { addSecret } from '../../src/secrets.ts';
import { RecordingHost } from '../support/recording-host.ts';

describe('inlineMarkdown', () => {
  it.each([
    ['shop-api-002', 'shop-api-002'],
    ['flow_ratio 20 (2024-01-02 10:00:00)', 'flow_ratio 20 (2024-01-02 10:00:00)'],
    // Markup characters become character references: nothing renders, the text reads the same.
    ['<img src=x onerror=alert(1)>', '&lt;img src=x onerror=alert(1)&gt;'],
    ['[click](javascript:alert(1))', '&#91;click&#93;(javascript:alert(1))'],
    ['**b** ~~s~~ `c` a|b \\', '&#42;&#42;b&#42;&#42; &#126;&#126;s&#126;&#126; &#96;c&#96; a&#124;b &#92;'],
    ['AT&T', 'AT&amp;T'],
    // What GitHub finds in the rendered text goes into a code span.
    ['![x](https://evil.example/x.png)', '`![x](https://evil.example/x.png)`'],
    ['ping @octocat', '`ping @octocat`'],
    ['see #12', '`see #12`'],
    ['www.evil.example', '`www.evil.example`'],
    ['`a` @b ``c``', '``` `a` @b ``c`` ```'],
    // Control characters go, line breaks become spaces.
    ['red\u001b[31m\rnext\u2028line\u202e', 'red&#91;31m next line'],
    ['  ', ''],
  ])('%j → %j', (text, expected) => expect(inlineMarkdown(text)).toBe(expected));

  it('caps the length', () => {
    expect(inlineMarkdown('x'.repeat(500))).toBe(`${'x'.repeat(200)}…`);
    expect(inlineMarkdown(`@${'x'.repeat(500)}`)).toBe(`\`@${'x'.repeat(199)}…\``);
  });
});

describe('inlineMarkdown at its edges', () => {
  it('shows text of exactly 200 characters whole, and cuts one more', () => {
    expect(inlineMarkdown('x'.repeat(200))).toBe('x'.repeat(200));
    expect(inlineMarkdown('x'.repeat(201))).toBe(`${'x'.repeat(200)}…`);
  });

  it('pads a code span whose text starts or ends with a backtick, so the fence stays a fence', () => {
    expect(inlineMarkdown('@a `b`')).toBe('`` @a `b` ``');
    expect(inlineMarkdown('`b` @a')).toBe('`` `b` @a ``');
    expect(inlineMarkdown('@a')).toBe('`@a`');
  });
});

describe('markdownTable', () => {
  it('keeps every row to its cells, whatever they hold', () => {
    const table = markdownTable(
      ['Name', 'Status'],
      [
        ['a|b @c', 'x\ny|z'],
        ['<b>', ''],
      ],
    );
    expect(table).toBe('| Name | Status |\n| --- | --- |\n| `a\\|b @c` | x y&#124;z |\n| &lt;b&gt; |  |\n');
  });
});

describe('jsonListOutput', () => {
  const items = Array.from({ length: 19 }, (_, i) => `item-${String(i).padStart(5, '0')}`);
  const bytes = (text: string) => Buffer.byteLength(text);
  const cutAt = (kept: number) =>
    JSON.stringify([
      ...items.slice(0, kept),
      `… ${items.length - kept} more of ${items.length}: the whole list is in the file named by the report_file output`,
    ]);

  it('keeps a list of exactly the cap whole', () => {
    const whole = JSON.stringify(items);
    expect(jsonListOutput(items, bytes(whole))).toBe(whole);
    expect(jsonListOutput(items, bytes(whole) - 1)).not.toBe(whole);
  });

  it('never goes over the cap, and stays a list whose last element says how many were left out', () => {
    for (let cap = bytes(cutAt(0)); cap < bytes(JSON.stringify(items)); cap++) {
      const output = jsonListOutput(items, cap);
      expect(bytes(output), `cap ${cap}`).toBeLessThanOrEqual(cap);
      const list = JSON.parse(output) as string[];
      expect(list.at(-1)).toBe(
        `… ${items.length - list.length + 1} more of 19: the whole list is in the file named by the report_file output`,
      );
    }
  });

  it('cuts a longer list to every leading item that fits within the cap, at any cap', () => {
    // While 10 or more are left out: the marker's room is reserved for the total, 19, so a shorter
    // count leaves a byte unused.
    for (let kept = 0; kept <= 9; kept++) {
      const size = bytes(cutAt(kept));
      expect(jsonListOutput(items, size), `cap ${size}`).toBe(cutAt(kept));
      expect(jsonListOutput(items, bytes(cutAt(kept + 1)) - 1), `cap ${bytes(cutAt(kept + 1)) - 1}`).toBe(cutAt(kept));
    }
  });
});

describe('what a run writes for others to read', () => {
  // Each test is a job of its own: its host, environment and secrets.
  const inJob = <T>(env: Record<string, string>, fn: (host: RecordingHost) => T) => {
    const host = new RecordingHost();
    return runInScope({ host, env }, async () => fn(host));
  };

  it('sets outputs without the secrets they hold', () =>
    inJob({}, (host) => {
      addSecret('s3cret-value');
      setOutputs({ message: 'token s3cret-value', count: 2, done: true });
      expect(host.outputs).toEqual({ message: 'token ***', count: '2', done: 'true' });
    }));

  it('renders a run into outputs and summary without the secrets they hold', () =>
    inJob({}, (host) => {
      addSecret('s3cret-value');
      const result: TrafficResult = {
        operation: 'set-traffic',
        dryRun: false,
        env_id: 'env',
        service_name: 'shop-api',
        version_name: 'v-s3cret-value',
        previous_version: '',
        status: 'traffic_set',
        wouldSend: [],
      };
      const comment = renderRun({ result, durationMs: 1_500, failure: new Error('boom s3cret-value') });
      expect(host.outputs).toEqual({ version_name: 'v-***', previous_version: '', status: 'traffic_set', duration_seconds: '1.5' });
      expect(host.summary).toContain('## Set traffic: shop-api');
      expect(host.summary).toContain('**Failed:** boom &#42;&#42;&#42;');
      expect(host.summary + comment).not.toContain('s3cret');
    }));

  const pruned = (note: string): DeleteVersionsResult => ({
    operation: 'delete-versions',
    dryRun: false,
    acrossServices: false,
    wechatRequests: 0,
    env_id: 'env',
    service_name: 'svc',
    wouldSend: [],
    services: [
      {
        env_id: 'env',
        service_name: 'svc',
        items: [{ name: 'v1', outcome: 'failed', message: note }],
        deletesService: false,
        deleteImage: false,
        serviceDeleted: false,
      },
    ],
  });

  it('writes the report file under RUNNER_TEMP, without secrets; without RUNNER_TEMP, none, with a warning', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'report-'));
    try {
      const path = await inJob({ RUNNER_TEMP: dir }, () => {
        addSecret('s3cret-value');
        return writeReportFile(pruned('had s3cret-value'), true);
      });
      expect(dirname(path)).toBe(dir);
      expect(basename(path)).toMatch(/^cloudrun-release-delete-versions-[0-9a-f]{8}\.json$/);
      expect(JSON.parse(await readFile(path, 'utf8'))).toEqual({
        operation: 'delete-versions',
        deleted: [],
        absent: [],
        skipped: [],
        failed: [{ version_name: 'v1', errcode: null, errmsg: 'had ***' }],
        services: [{ service_name: 'svc', deleted: 0, absent: 0, skipped: 0, failed: 1, not_pruned: '' }],
      });
      const lines = await inJob({ RUNNER_TEMP: '' }, (host) => (writeReportFile(pruned(''), true), host.lines));
      expect(lines).toEqual([
        'warning: RUNNER_TEMP is not set, so no report file was written; the outputs and the job summary have the result.',
      ]);
      // A terminal keeps no report files: its outputs are printed whole.
      expect(await inJob({ RUNNER_TEMP: dir }, () => writeReportFile(pruned(''), false))).toBe('');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
