import { expect, it } from 'vitest';
import { runInScope } from '../../src/job-scope.ts';
import { addSecret, redact } from '../../src/secrets.ts';
import { TerminalHost } from '../../src/host/terminal.ts';
import { maskProxyCredentials } from '../../src/http/proxy-env.ts';
import * as log from '../../src/log.ts';
import { markdownTable } from '../../src/result/markdown.ts';
import { RecordingHost } from '../support/recording-host.ts';

/** Runs fn as a job of its own, with a host that records what it is asked to mask. */
const inJob = (fn: (host: RecordingHost) => void) => {
  const host = new RecordingHost();
  return runInScope({ host, env: {} }, async () => fn(host));
};

it('removes a secret whole even when a shorter one registered first sits inside it', () =>
  inJob(() => {
    addSecret('appuser');
    addSecret('postgres://appuser:s3cretpw@db/x');
    expect(redact('DB_URL=postgres://appuser:s3cretpw@db/x, user appuser')).toBe('DB_URL=***, user ***');
  }));

it('removes a secret as JSON and URLs write it, and has the runner mask those forms too', () =>
  inJob((host) => {
    addSecret('pa"ss\\word+1');
    expect(redact(JSON.stringify({ msg: 'bad pa"ss\\word+1' }))).toBe('{"msg":"bad ***"}');
    expect(redact('https://h/?key=pa%22ss%5Cword%2B1')).toBe('https://h/?key=***');
    expect(host.masks).toEqual(['pa"ss\\word+1', 'pa\\"ss\\\\word+1', 'pa%22ss%5Cword%2B1']);
  }));

it('hides nothing for an empty or missing secret', () =>
  inJob((host) => {
    addSecret('');
    addSecret(undefined);
    expect(redact('a plain line')).toBe('a plain line');
    expect(host.masks).toEqual([]);
  }));

it('masks a secret registered twice once', () =>
  inJob((host) => {
    addSecret('tok3n');
    addSecret('tok3n');
    expect(host.masks).toEqual(['tok3n']);
    expect(redact('tok3n tok3n')).toBe('*** ***');
  }));

it('removes overlapping secrets both, whichever is registered first', () =>
  inJob(() => {
    addSecret('abcd1234');
    addSecret('1234wxyz');
    expect(redact('key abcd1234wxyz, and 1234wxyz-abcd1234')).toBe('key ***, and ***-***');
  }));

it('removes a secret holding a control character before the character is dropped from the line', () =>
  inJob((host) => {
    addSecret('Sec\u0007retValue99');
    log.info('answer: Sec\u0007retValue99 echoed');
    const cell = markdownTable(['msg'], [['Sec\u0007retValue99']]);
    const shown = [...host.lines, cell].join('\n');
    expect(shown).not.toContain('retValue99');
    expect(host.lines).toEqual(['answer: *** echoed']);
  }));

it('registers a proxy password with a literal %, as written and as the proxy decodes it', () =>
  runInScope(
    { host: new RecordingHost(), env: { HTTPS_PROXY: 'http://bot:50%off@proxy:8080', http_proxy: 'http://bot:p%40ss@proxy:3128' } },
    async () => {
      maskProxyCredentials();
      expect(redact('CONNECT as bot:50%off, bot:p%40ss and bot:p@ss')).toBe('CONNECT as bot:***, bot:*** and bot:***');
    },
  ));

it("the command's terminal hides each line of a secret, as the runner does", () => {
  let written = '';
  const stream = { write: (text: string) => (written += text) } as unknown as NodeJS.WritableStream;
  const terminal = new TerminalHost({ stream, verbose: false });
  return runInScope({ host: terminal, env: {} }, async () => {
    addSecret('-----BEGIN KEY-----\nMIIEowIBAAKCAQEA7v\n-----END KEY-----');
    log.info('a line of it alone: MIIEowIBAAKCAQEA7v');
    expect(written).toBe('a line of it alone: ***\n');
    expect(terminal.masked('{"error": "MIIEowIBAAKCAQEA7v"}')).toBe('{"error": "***"}');
  });
});
