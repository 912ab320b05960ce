import { clearState, saveState } from '../step-state.ts';
import type { Split } from './split.ts';

// What a run that moves traffic step by step leaves for its post step: the split from before, the
// split it promised, and every split it sent. If the runner kills the step before it could put the
// traffic back (a job timeout, a cancel that outlasts SIGTERM), the post step finds here what
// "back" means, and which splits are the run's own.

export interface TrafficJournal {
  readonly env_id: string;
  readonly service_name: string;
  /** The split before the run: where a cancelled run goes back to. */
  readonly origin: Split;
  /** The split the run promises to leave when every step passes. */
  readonly promised: Split;
  /** Every split the run sent, the one being sent included. */
  readonly sent: Split[];
}

const entries = (split: Split) => [...split];

/** Opens the journal in the step's state; returns what to call before each write, and once the run has left a chosen split. */
export function openJournal(journal: TrafficJournal): { sending: (split: Split) => void; close: () => void } {
  const save = () =>
    saveState(
      'release',
      JSON.stringify({ ...journal, origin: entries(journal.origin), promised: entries(journal.promised), sent: journal.sent.map(entries) }),
    );
  save();
  return {
    sending: (split) => {
      journal.sent.push(split);
      save();
    },
    close: () => clearState('release'),
  };
}

/** The journal a main step saved; undefined when there is none or it is not one (read like any outside text). */
export function readJournal(saved: string | undefined): TrafficJournal | undefined {
  if (!saved) return undefined;
  try {
    const value = JSON.parse(saved) as Record<string, unknown>;
    const split = (x: unknown): Split => {
      if (!Array.isArray(x) || !x.every((e) => Array.isArray(e) && typeof e[0] === 'string' && Number.isInteger(e[1])))
        throw new Error('not a split');
      return new Map(x as [string, number][]);
    };
    if (typeof value.env_id !== 'string' || typeof value.service_name !== 'string' || !Array.isArray(value.sent)) return undefined;
    return {
      env_id: value.env_id,
      service_name: value.service_name,
      origin: split(value.origin),
      promised: split(value.promised),
      sent: value.sent.map(split),
    };
  } catch {
    return undefined;
  }
}
