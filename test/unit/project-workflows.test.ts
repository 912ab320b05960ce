import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { folderFiles } from './workflow-files.ts';

// The project's own workflows, audited the way a user audits an action before trusting it.

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}
interface Job {
  permissions?: unknown;
  steps?: Step[];
}

const workflows = folderFiles('.github/workflows');
const jobs = workflows.flatMap(([file, text]) =>
  Object.entries((parse(text) as { jobs: Record<string, Job> }).jobs).map(([id, job]): [string, Job] => [`${file} ${id}`, job]),
);

describe.each(workflows)('%s', (_, text) => {
  it('pins every third-party action by full commit SHA, with its version in a comment', () => {
    const uses = [...text.matchAll(/^\s*(?:- )?uses: (\S+)(.*)$/gm)].filter(([, ref]) => !ref.startsWith('./'));
    expect(uses.length).toBeGreaterThan(0);
    for (const [line, ref, comment] of uses) {
      expect(ref, line).toMatch(/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/);
      expect(comment, line).toMatch(/^ # v\d+\.\d+\.\d+$/);
    }
  });

  it('grants no permission at the top, only per job', () => {
    expect((parse(text) as { permissions?: unknown }).permissions).toEqual({});
  });
});

describe.each(jobs)('%s', (_, job) => {
  it('states its own permissions', () => expect(job.permissions).toBeTypeOf('object'));

  it('keeps no git credentials on disk unless it pushes', () => {
    const pushes = (job.steps ?? []).some((step) => /\bgit push\b/.test(step.run ?? ''));
    for (const step of job.steps ?? []) {
      if (step.uses?.startsWith('actions/checkout@')) expect(step.with?.['persist-credentials']).toBe(pushes);
    }
  });
});
