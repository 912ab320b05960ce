import { expect, it } from 'vitest';
import { runInScope } from '../../src/job-scope.ts';
import { addSecret, redact } from '../../src/secrets.ts';
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
