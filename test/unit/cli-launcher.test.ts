import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRepoFile } from './readme-tables.ts';

// Node 20 is still common in CI images. The command's launcher must stop it before the bundle,
// which Node 20 cannot run, with a line that says what to do: checked with the machine's own Node.
const CLI = join(import.meta.dirname, '..', '..', 'dist', 'cli.js');
const SYSTEM_NODE = '/usr/bin/node';
const systemVersion = existsSync(SYSTEM_NODE)
  ? spawnSync(SYSTEM_NODE, ['-p', 'process.versions.node'], { encoding: 'utf8' }).stdout.trim()
  : '';
const needed = Number(/>=(\d+)/.exec((JSON.parse(readRepoFile('package.json')) as { engines: { node: string } }).engines.node)![1]);

describe.skipIf(!systemVersion || Number(systemVersion.split('.')[0]) >= needed)(`dist/cli.js on Node ${systemVersion}`, () => {
  const expected = `cloudrun-release needs Node.js ${needed} or later; this is Node.js ${systemVersion}.\n`;

  it.each([
    { how: 'node dist/cli.js --help', command: SYSTEM_NODE, args: [CLI, '--help'], env: {} },
    // npx and an installed bin start it through its #!/usr/bin/env node line.
    { how: 'the shebang, with that Node first on PATH', command: CLI, args: ['deploy', '--dry-run'], env: { PATH: '/usr/bin:/bin' } },
  ])('$how: says which Node it needs and exits 2, before the bundle', ({ command, args, env }) => {
    const run = spawnSync(command, args, { encoding: 'utf8', env: { ...process.env, ...env } });
    expect(run.stderr.split('\n')[0] + '\n').toBe(expected);
    expect(run.stderr).toContain(`Install Node.js ${needed}`);
    expect(run.stderr).not.toContain('TypeError');
    expect(run.stdout).toBe('');
    expect(run.status).toBe(2);
  });
});
