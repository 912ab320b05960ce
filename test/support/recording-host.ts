import type { Host } from '../../src/host/host.ts';

/** A host that keeps what it is given, for unit tests of code that logs or sets outputs. */
export class RecordingHost implements Host {
  readonly lines: string[] = [];
  readonly masks: string[] = [];
  readonly outputs: Record<string, string> = {};
  summary = '';
  debugging = true;
  rendersMarkdown = true;
  keepsReportFiles = false;

  info(line: string): void {
    this.lines.push(line);
  }
  warning(text: string): void {
    this.lines.push(`warning: ${text}`);
  }
  error(text: string): void {
    this.lines.push(`error: ${text}`);
  }
  debug(text: string): void {
    this.lines.push(`debug: ${text}`);
  }
  startGroup(name: string): void {
    this.lines.push(`group: ${name}`);
  }
  endGroup(): void {}
  mask(secret: string): void {
    this.masks.push(secret);
  }
  readonly state: Record<string, string> = {};
  saveState(name: string, value: string): void {
    this.state[name] = value;
  }
  setOutput(name: string, value: string): void {
    this.outputs[name] = value;
  }
  appendSummary(markdown: string): void {
    this.summary += markdown;
  }
  progress(text: string): void {
    this.lines.push(`progress: ${text}`);
  }
}
