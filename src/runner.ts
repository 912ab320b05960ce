// The action's whole interface to the runner: inputs, log lines, groups, masks, outputs, summary.
// It uses @actions/core's own command and file-command modules directly instead of its index,
// which also loads an HTTP client (for OIDC tokens) that this action never needs: that import
// alone tripled the cold start. The version is pinned, and the process tests read what these write.
import { appendFileSync } from 'node:fs';
import { issueCommand } from '../node_modules/@actions/core/lib/command.js';
import { issueFileCommand, prepareKeyValueMessage } from '../node_modules/@actions/core/lib/file-command.js';

/** An input as the runner passes it: INPUT_<NAME>, trimmed. */
export function getInput(name: string): string {
  return (process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}

export function info(message: string): void {
  process.stdout.write(`${message}\n`);
}

export function debug(message: string): void {
  issueCommand('debug', {}, message);
}

export function warning(message: string): void {
  issueCommand('warning', {}, message);
}

/** Logs the error and makes the step fail, without ending the process early. */
export function setFailed(message: string): void {
  process.exitCode = 1;
  issueCommand('error', {}, message);
}

export function setSecret(secret: string): void {
  issueCommand('add-mask', {}, secret);
}

export function setOutput(name: string, value: string): void {
  if (process.env.GITHUB_OUTPUT) issueFileCommand('OUTPUT', prepareKeyValueMessage(name, value));
}

export function appendSummary(markdown: string): void {
  if (process.env.GITHUB_STEP_SUMMARY) appendFileSync(process.env.GITHUB_STEP_SUMMARY, markdown);
}

/** Runs fn inside a foldable log group. */
export async function group<T>(name: string, fn: () => T | Promise<T>): Promise<T> {
  issueCommand('group', {}, name);
  try {
    return await fn();
  } finally {
    issueCommand('endgroup', {}, '');
  }
}
