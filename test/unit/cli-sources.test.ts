import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/cli/names.ts';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { inputsFromEnv, inputsFromEnvFile, localeLanguage, mergeInputs } from '../../src/cli/sources.ts';

function problems(fn: () => unknown): string[] {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    return (err as Error).message.split('\n').sort();
  }
  throw new Error('no error thrown');
}

describe('inputsFromEnv', () => {
  it('reads CLOUDRUN_<INPUT> variables and warns about other CLOUDRUN_ ones', () => {
    const found = inputsFromEnv({
      CLOUDRUN_ACCESS_TOKEN: 'tok',
      CLOUDRUN_DRY_RUN: 'true',
      CLOUDRUN_ENV_ID: '',
      CLOUDRUN_SERVCE_NAME: 'typo',
      CLOUDRUN_env_id: 'lower',
      CLOUDRUN_OPERATION: 'deploy',
      ENV_ID: 'not ours',
      INPUT_IMAGE: 'not ours either',
      PATH: '/usr/bin',
    });
    expect(found.inputs).toEqual({ access_token: 'tok', dry_run: 'true', env_id: '' });
    expect(found.warnings).toEqual([
      'CLOUDRUN_SERVCE_NAME is not an input (did you mean CLOUDRUN_SERVICE_NAME?); ignored',
      'CLOUDRUN_env_id is not an input (did you mean CLOUDRUN_ENV_ID?); ignored',
      'CLOUDRUN_OPERATION is not an input; ignored',
    ]);
  });
});

describe('inputsFromEnvFile', () => {
  it.each([
    { name: 'prefixed names', text: 'CLOUDRUN_ENV_ID=e1\nCLOUDRUN_IMAGE=a:1\n', inputs: { env_id: 'e1', image: 'a:1' } },
    { name: 'plain input names', text: 'env_id=e1\nservice_name=shop-api', inputs: { env_id: 'e1', service_name: 'shop-api' } },
    {
      name: 'comments, blanks, export and quotes',
      text: '# local\n\nexport env_id="e 1"\nimage=\'a:1\' # pinned\n',
      inputs: { env_id: 'e 1', image: 'a:1' },
    },
    { name: 'a multi-line quoted value', text: 'env_vars="A=1\nB=2"', inputs: { env_vars: 'A=1\nB=2' } },
    { name: 'an empty value', text: 'version_name=', inputs: { version_name: '' } },
    { name: 'a UTF-8 BOM, ignored', text: '\uFEFFenv_id=e1\n', inputs: { env_id: 'e1' } },
    { name: 'a # after a space, a comment', text: 'env_id=e1 # prod\n', inputs: { env_id: 'e1' } },
    // dotenv's quoting: \n and \r expand in "" only; a backslash before the quote does not end the value.
    {
      name: 'escapes in double quotes only',
      text: 'env_vars="A=1\\nB=2"\nversion_remark=\'a\\nb\'\nimage=`x"y\'z`',
      inputs: { env_vars: 'A=1\nB=2', version_remark: 'a\\nb', image: 'x"y\'z' },
    },
    {
      name: 'an escaped quote inside its quotes',
      text: 'version_remark="say \\"hi\\"" # note',
      inputs: { version_remark: 'say \\"hi\\"' },
    },
    { name: 'spaces kept inside quotes', text: "version_remark='  two  '", inputs: { version_remark: '  two  ' } },
  ])('$name', ({ text, inputs }) => {
    expect(inputsFromEnvFile(text, '.env')).toEqual({ inputs, warnings: [] });
  });

  it('warns when an unquoted # cuts a value, and takes a quoted one whole', () => {
    expect(inputsFromEnvFile('access_token=Abc#xyz\nenv_id="e#1"\n', '.env')).toEqual({
      inputs: { access_token: 'Abc', env_id: 'e#1' },
      warnings: [
        '.env:1: the value of access_token is cut at "#" (an unquoted # starts a comment); quote the value if the # belongs to it',
      ],
    });
  });

  it('rejects a key given twice and lines that are not KEY=value, naming each line', () => {
    expect(problems(() => inputsFromEnvFile('env_id=a\nimage: x\nenv_id=b\njust words\n', 'ci.env'))).toEqual([
      'ci.env:2: not a KEY=value line (KEY: value is YAML; write KEY=value)',
      'ci.env:3: env_id is given twice',
      'ci.env:4: not a KEY=value line',
    ]);
  });

  it('rejects a quote never closed and text after a closing quote, naming the line, rather than guess a value', () => {
    expect(problems(() => inputsFromEnvFile('env_id=e1\nimage="a:1\nservice_name=shop\n', 'ci.env'))).toEqual([
      'ci.env:2: the value of image opens a " quote that is never closed',
    ]);
    expect(problems(() => inputsFromEnvFile("env_id='e1'x\n", 'ci.env'))).toEqual([
      "ci.env:1: text after the closing ' of the value of env_id; quote the whole value",
    ]);
  });

  it('rejects every key that is not an input, each named with a suggestion, and an input given twice', () => {
    const text = 'ENV_ID=x\nCLOUDRUN_IMAGEE=y\nenv-id=z\nHTTPS_PROXY=p\nimage=ok\nservice_name=a\nCLOUDRUN_SERVICE_NAME=b';
    expect(problems(() => inputsFromEnvFile(text, 'ci.env'))).toEqual([
      'ci.env: CLOUDRUN_IMAGEE is not an input (did you mean CLOUDRUN_IMAGE?)',
      'ci.env: ENV_ID is not an input (did you mean env_id?)',
      'ci.env: HTTPS_PROXY is not an input',
      'ci.env: env-id is not an input (did you mean env_id?)',
      'ci.env: service_name is given twice (CLOUDRUN_SERVICE_NAME and service_name)',
    ]);
  });
});

describe('mergeInputs', () => {
  it.each([
    {
      name: 'flags over the environment over the file',
      file: { env_id: 'f' },
      env: { env_id: 'e' },
      flags: { env_id: 'x' },
      merged: { env_id: 'x' },
    },
    { name: 'the environment over the file', file: { env_id: 'f' }, env: { env_id: 'e' }, flags: {}, merged: { env_id: 'e' } },
    {
      name: 'each input from wherever it is given',
      file: { env_id: 'f' },
      env: { image: 'i' },
      flags: { cpu: '1' },
      merged: { env_id: 'f', image: 'i', cpu: '1' },
    },
    { name: 'an empty value hides nothing', file: { env_id: 'f' }, env: { env_id: '' }, flags: { env_id: ' ' }, merged: { env_id: 'f' } },
    { name: 'empty everywhere is not given', file: { image: '' }, env: {}, flags: {}, merged: {} },
  ])('$name', ({ file, env, flags, merged }) => {
    expect(mergeInputs(file, env, flags)).toEqual(merged);
  });
});

it('.env.example holds only inputs', async () => {
  const text = await readFile(join(import.meta.dirname, '..', '..', '.env.example'), 'utf8');
  expect(Object.keys(inputsFromEnvFile(text, '.env.example').inputs)).toContain('access_token');
});

describe('localeLanguage', () => {
  it.each([
    [{ LANG: 'zh_CN.UTF-8' }, 'zh-CN'],
    [{ LANG: 'zh_CN' }, 'zh-CN'],
    [{ LC_MESSAGES: 'zh-CN.GB18030', LANG: 'en_US.UTF-8' }, 'zh-CN'],
    [{ LC_ALL: 'zh_CN.utf8' }, 'zh-CN'],
    // The first one set decides, as for any program: LC_ALL over LC_MESSAGES over LANG.
    [{ LC_ALL: 'C', LANG: 'zh_CN.UTF-8' }, undefined],
    [{ LC_ALL: '', LC_MESSAGES: 'en_US.UTF-8', LANG: 'zh_CN.UTF-8' }, undefined],
    [{ LANG: 'zh_TW.UTF-8' }, undefined],
    [{ LANG: 'zh_CNX' }, undefined],
    [{}, undefined],
  ])('reads %j as %s', (env, language) => expect(localeLanguage(env)).toBe(language));
});
