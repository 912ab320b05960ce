import { host } from './host/host.ts';

// What the main step leaves for the post step (action.yml `post:`, which runs however the main step
// ended, a cancel included): the state it could not finish yet. Each value is saved before the
// change it guards and cleared once the step has left a state someone chose.

export type StateName = 'release' | 'deployment';

export function saveState(name: StateName, value: string): void {
  host().saveState(name, value);
}

export function clearState(name: StateName): void {
  host().saveState(name, '');
}
