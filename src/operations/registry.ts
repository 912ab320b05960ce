import type { Config } from '../inputs/config.ts';
import type { Operation } from '../inputs/names.ts';
import type { CleanContainersResult, DeleteVersionsResult, DeployResult, TrafficResult } from '../result/result.ts';

// Every operation, by name. The map is exhaustive over Operation: a new name in src/inputs/names.ts
// does not compile until it has its config (src/inputs/config.ts), its result
// (src/result/result.ts) and its module here.

export interface OperationModule<C, R> {
  /** The result before anything happened: what the renderer shows if the run ends at once. */
  begin(config: C): R;
  /** Does the work, filling in the result as it goes; throws what fails the run. */
  execute(config: C, result: R): Promise<void>;
}

type ResultOf<K extends Operation> = {
  deploy: DeployResult;
  rollback: TrafficResult;
  'set-traffic': TrafficResult;
  'delete-versions': DeleteVersionsResult;
  'clean-containers': CleanContainersResult;
}[K];

type ModuleOf<K extends Operation> = OperationModule<Extract<Config, { operation: K }>, ResultOf<K>>;

/** Each operation is loaded only when it runs, so a run that fails on its inputs starts fast. */
export const OPERATIONS: { readonly [K in Operation]: () => Promise<ModuleOf<K>> } = {
  deploy: () => import('./deploy/deploy.ts'),
  rollback: () => import('./traffic/rollback.ts'),
  'set-traffic': () => import('./traffic/set-traffic.ts'),
  'delete-versions': () => import('./delete-versions/delete-versions.ts'),
  'clean-containers': () => import('./clean-containers/clean-containers.ts'),
};

/** The module of the config's operation, typed for that config. */
export function moduleFor(config: Config): Promise<OperationModule<Config, ResultOf<Config['operation']>>> {
  return OPERATIONS[config.operation]();
}
