import { describe, expect, it } from 'vitest';
import { GITHUB_ONLY, helpText, sections } from '../../src/cli/help.ts';
import { CLI_INPUTS, envVarOf, flagOf } from '../../src/cli/names.ts';
import { OPERATIONS, SECRET_INPUTS } from '../../src/inputs/names.ts';

/** How the help shows an input: a secret by its variable, anything else by its flag. */
const shown = (name: (typeof CLI_INPUTS)[number]) => (SECRET_INPUTS.includes(name) ? envVarOf(name) : flagOf(name));
const mentions = (text: string, name: (typeof CLI_INPUTS)[number]) => new RegExp(`(^|[ ,])${shown(name)}([ ,]|$)`, 'm').test(text);

describe('cloudrun-release --help', () => {
  const help = helpText();

  it('lists every input but the GitHub-only ones, secrets by their variable', () => {
    const listed = sections().flatMap(([, lines]) => lines.flatMap(([inputs]) => inputs));
    expect(CLI_INPUTS.filter((name) => !listed.includes(name))).toEqual(GITHUB_ONLY);
    for (const name of CLI_INPUTS) expect(mentions(help, name), name).toBe(!GITHUB_ONLY.includes(name));
    expect(help).toContain('\n  CLOUDRUN_ACCESS_TOKEN ');
    expect(help).not.toContain('--access-token');
  });

  it('groups the flags by operation, a section each, after the shared ones', () => {
    const headings = OPERATIONS.map((operation) => help.indexOf(`\n${operation}: `));
    expect(headings.every((at, i) => at > 0 && (i === 0 || at > headings[i - 1]))).toBe(true);
    expect(help.indexOf('\nEvery operation:\n')).toBeLessThan(help.indexOf('\ndeploy: '));
    expect(help).toMatch(/\ndeploy: .*\n {2}--image IMAGE +full reference/);
    expect(help).toMatch(/\nrollback: .*\n {2}--rollback-to VERSION /);
  });

  it('keeps a line for each flag, at most 100 characters wide', () => {
    for (const line of help.split('\n')) expect(line.length, line).toBeLessThanOrEqual(100);
    expect(help).toContain('  --timeout DURATION                 how long to wait (default 10m)\n');
  });

  it('shows one operation with the flags it takes', () => {
    const clean = helpText('clean-containers');
    expect(clean).toMatch(/^Usage: cloudrun-release clean-containers /);
    expect(clean).toContain('\nclean-containers: ');
    expect(clean).toContain('\nEvery operation:\n');
    expect(clean).not.toContain('--env-id ID');
    expect(clean).not.toContain('\ndeploy: ');
    const rollback = helpText('rollback');
    expect(rollback).toContain('--env-id ID');
    expect(rollback).toContain('--rollback-to VERSION');
    expect(rollback).not.toContain('--image ');
  });
});
