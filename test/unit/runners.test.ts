import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { USES_WECHAT } from '../../src/cli/help.ts';
import { readRepoFile } from './readme-tables.ts';
import { folderFiles, yamlBlocks } from './workflow-files.ts';

// WeChat answers only the addresses on the platform's IP whitelist, and a GitHub-hosted runner has
// a new one on every run. So every job users copy that calls WeChat runs on a self-hosted runner,
// or sets HTTPS_PROXY (a fixed egress address) on the job, the workflow or the action's step.

type Env = Record<string, unknown> | undefined;
interface Step {
  uses?: string;
  env?: Env;
  with?: Record<string, unknown>;
}
interface Job {
  'runs-on'?: unknown;
  env?: Env;
  steps?: Step[];
}

const HOSTED = /^(ubuntu|windows|macos)-/;

/** The runner labels a job asks for; an expression could be anything, so it counts as hosted. */
function labels(runsOn: unknown): string[] {
  if (typeof runsOn === 'string') return runsOn.includes('${{') ? ['ubuntu-expression'] : [runsOn];
  if (Array.isArray(runsOn)) return runsOn.flatMap(labels);
  if (runsOn && typeof runsOn === 'object' && 'labels' in runsOn) return labels(runsOn.labels);
  return [];
}

const proxied = (env: Env) => Object.entries(env ?? {}).some(([name, value]) => /^https_proxy$/i.test(name) && String(value).trim() !== '');

/** Every job in a parsed document (a workflow, or a fragment holding jobs), with the workflow's env. */
function jobsOf(node: unknown, workflowEnv: Env = undefined): { job: Job; workflowEnv: Env }[] {
  if (Array.isArray(node)) return node.flatMap((n) => jobsOf(n, workflowEnv));
  if (!node || typeof node !== 'object') return [];
  if ('runs-on' in node) return [{ job: node, workflowEnv }];
  if ('jobs' in node) return jobsOf(node.jobs, (node as { env?: Env }).env);
  return Object.values(node).flatMap((n) => jobsOf(n, workflowEnv));
}

/** Where a workflow's jobs call WeChat from an address that changes: "job-name: operation". */
function unreachable(document: string): string[] {
  return jobsOf(parse(document)).flatMap(({ job, workflowEnv }) => {
    if (!labels(job['runs-on']).some((label) => HOSTED.test(label))) return [];
    return (job.steps ?? [])
      .filter((step) => /cloudrun-release@|^\.\/?$/.test(step.uses ?? ''))
      .filter((step) => USES_WECHAT[step.with?.operation as keyof typeof USES_WECHAT])
      .filter((step) => ![workflowEnv, job.env, step.env].some(proxied))
      .map((step) => `${String(job['runs-on'])}: ${String(step.with?.operation)}`);
  });
}

const documents: [string, string[]][] = [
  ...folderFiles('examples').map(([name, text]): [string, string[]] => [name, [text]]),
  ...['README.md', 'README.zh-CN.md', ...folderFiles('docs').map(([name]) => name)]
    .filter((name) => name.endsWith('.md'))
    .map((name): [string, string[]] => [name, yamlBlocks(readRepoFile(name))]),
];

describe('the IP whitelist rule', () => {
  const job = (runsOn: string, env = '', stepEnv = '', operation = 'deploy') =>
    `jobs:\n  a:\n    runs-on: ${runsOn}\n${env}    steps:\n      - uses: cloudrun-release/cloudrun-release@v1\n${stepEnv}        with:\n          operation: ${operation}\n`;
  const proxy = (indent: string) => `${indent}env:\n${indent}  HTTPS_PROXY: \${{ secrets.EGRESS_PROXY_URL }}\n`;

  it.each([
    { name: 'a hosted runner without a proxy', workflow: job('ubuntu-latest'), expected: ['ubuntu-latest: deploy'] },
    { name: 'a hosted runner in a list', workflow: job('[windows-2025]', '', '', 'rollback'), expected: ['windows-2025: rollback'] },
    { name: 'a runner chosen by an expression', workflow: job('${{ matrix.os }}'), expected: ['${{ matrix.os }}: deploy'] },
    { name: 'a proxy on the job', workflow: job('ubuntu-latest', proxy('    ')), expected: [] },
    { name: "a proxy on the action's step", workflow: job('macos-15', '', proxy('        ')), expected: [] },
    { name: 'a self-hosted runner', workflow: job('[self-hosted, linux]'), expected: [] },
    { name: 'the AI platform, which has no whitelist', workflow: job('ubuntu-latest', '', '', 'clean-containers'), expected: [] },
  ])('flags $name: $expected', ({ workflow, expected }) => {
    expect(unreachable(workflow)).toEqual(expected);
  });

  it('finds jobs calling WeChat in both READMEs and the examples', () => {
    const calling = (text: string) =>
      jobsOf(parse(text)).filter(({ job }) => (job.steps ?? []).some((s) => s.uses?.includes('cloudrun-release@')));
    for (const readme of ['README.md', 'README.zh-CN.md']) {
      expect(yamlBlocks(readRepoFile(readme)).flatMap(calling).length, readme).toBeGreaterThanOrEqual(5);
    }
    expect(folderFiles('examples').flatMap(([, text]) => calling(text)).length).toBeGreaterThanOrEqual(5);
  });

  it.each(documents)('%s: every job that calls WeChat can reach it', (_, blocks) => {
    expect(blocks.flatMap(unreachable)).toEqual([]);
  });
});
