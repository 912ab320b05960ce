import { describe, expect, it } from 'vitest';
import { parseCliArgs } from '../../src/cli/args.ts';
import { BOOLEAN_INPUTS, CLI_INPUTS, closestInput, inputNamed } from '../../src/cli/names.ts';
import { INPUT_DEFAULTS } from '../../src/inputs/names.ts';

describe('parseCliArgs', () => {
  it.each([
    { name: 'the operation and a flag', argv: ['deploy', '--image', 'a:1'], flags: { image: 'a:1' } },
    {
      name: 'dashes and underscores name the same input',
      argv: ['deploy', '--env-id', 'e1', '--service_name=s'],
      flags: { env_id: 'e1', service_name: 's' },
    },
    {
      name: 'the last of a repeated input wins, whatever its spelling',
      argv: ['deploy', '--env_id', 'a', '--env-id', 'b'],
      flags: { env_id: 'b' },
    },
    { name: 'a bare boolean at the end means true', argv: ['deploy', '--dry-run'], flags: { dry_run: 'true' } },
    {
      name: 'a bare boolean before another flag means true',
      argv: ['deploy', '--wait', '--image', 'x'],
      flags: { wait: 'true', image: 'x' },
    },
    { name: 'a bare boolean before the operation means true', argv: ['--dry-run', 'deploy'], flags: { dry_run: 'true' } },
    {
      name: 'a boolean with a value keeps it',
      argv: ['deploy', '--wait', 'false', '--is_public', 'yes'],
      flags: { wait: 'false', is_public: 'yes' },
    },
    { name: 'a boolean with an inline value keeps it', argv: ['deploy', '--create-service=0'], flags: { create_service: '0' } },
    { name: 'an empty value is kept (the default applies)', argv: ['deploy', '--version-name='], flags: { version_name: '' } },
    { name: 'a value starting with a dash, inline', argv: ['deploy', '--versions=-old'], flags: { versions: '-old' } },
    { name: 'multi-line values pass unchanged', argv: ['deploy', '--env-vars', 'A=1\nB=2'], flags: { env_vars: 'A=1\nB=2' } },
  ])('$name', ({ argv, flags }) => {
    expect(parseCliArgs(argv)).toEqual({
      help: false,
      operation: argv.find((a) => a === 'deploy'),
      flags,
      json: false,
      verbose: false,
      inputsFile: undefined,
      oldFileFlag: false,
    });
  });

  it('reads its own options anywhere', () => {
    expect(parseCliArgs(['--json', 'clean-containers', '--inputs-file', '.env', '--verbose'])).toMatchObject({
      operation: 'clean-containers',
      json: true,
      verbose: true,
      inputsFile: '.env',
      oldFileFlag: false,
      flags: {},
    });
  });

  it('still reads the inputs file given by its old name, --env-file, and says it was', () => {
    expect(parseCliArgs(['deploy', '--env-file=ci.env'])).toMatchObject({ inputsFile: 'ci.env', oldFileFlag: true });
  });

  it.each([
    { argv: ['--help'], operation: '' },
    { argv: ['-h'], operation: '' },
    { argv: ['deploy', '--nonsense', '--help'], operation: 'deploy' },
    { argv: ['--help', 'clean-containers'], operation: 'clean-containers' },
    { argv: ['deploi', '-h'], operation: '' },
  ])('$argv asks for help (of operation "$operation"), even beside mistakes', ({ argv, operation }) => {
    expect(parseCliArgs(argv)).toMatchObject({ help: true, operation });
  });

  it.each([
    { argv: ['deploy', '--env-idd', 'x'], message: 'unknown option --env-idd (did you mean --env-id?)' },
    { argv: ['deploy', '--acess_token=x'], message: 'unknown option --acess_token (did you mean --access-token?)' },
    { argv: ['deploy', '--frobnicate'], message: 'unknown option --frobnicate' },
    { argv: ['deploy', '-x'], message: 'unknown option -x' },
    { argv: ['--operation', 'deploy'], message: '--operation is not an option: the operation is the first argument' },
    { argv: ['deploy', '--image'], message: "Option '--image <value>' argument missing" },
    { argv: ['deploy', '--json=yes'], message: "Option '--json' does not take an argument" },
    {
      argv: ['--image', 'x'],
      message: 'give the operation first: one of deploy, rollback, set-traffic, delete-versions, clean-containers',
    },
    { argv: ['deploi'], message: 'operation: unknown value "deploi" (did you mean deploy?); expected one of deploy, rollback' },
    { argv: ['deploy', 'extra'], message: 'unexpected argument "extra"' },
    { argv: ['deploy', '--dry-run', 'maybe'], message: 'unexpected argument "maybe"' },
  ])('rejects $argv', ({ argv, message }) => {
    expect(() => parseCliArgs(argv)).toThrow(message);
  });

  it('names an unknown flag before looking at anything else', () => {
    expect(() => parseCliArgs(['--bogus', 'one', 'two'])).toThrow('unknown option --bogus');
  });
});

describe('input names', () => {
  it('offers every input but operation, and reads each spelling', () => {
    expect(CLI_INPUTS).toEqual(Object.keys(INPUT_DEFAULTS).filter((n) => n !== 'operation'));
    for (const name of CLI_INPUTS) {
      for (const spelling of [name, name.replaceAll('_', '-'), name.toUpperCase()]) expect(inputNamed(spelling)).toBe(name);
    }
    expect(inputNamed('operation')).toBeUndefined();
  });

  it('knows the boolean inputs by their default', () => {
    expect([...BOOLEAN_INPUTS].sort()).toEqual([
      'allow_insecure_http',
      'create_service',
      'deactivate_previous',
      'delete_image',
      'delete_service',
      'dry_run',
      'github_deployment',
      'image_is_public',
      'is_public',
      'pr_comment',
      'wait',
    ]);
  });

  it.each([
    ['env-idd', 'env_id'],
    ['ENV_ID_', 'env_id'],
    ['servce_name', 'service_name'],
    ['keep-last', 'keep_latest'],
    ['pollinterval', 'poll_interval'],
    ['xyz', undefined],
    ['completely-unrelated-words', undefined],
  ])('suggests %s → %s', (typed, expected) => {
    expect(closestInput(typed)).toBe(expected);
  });
});
