import { parseBoolean, parseTrafficSplit, parseVersionName } from './parsers.ts';
import type { InputReader } from './reader.ts';
import type { NetworkSettings } from '../http/settings.ts';
import { readNetwork } from './network.ts';
import type { WechatTarget } from '../wechat/settings.ts';
import { readWechatTarget } from './wechat.ts';

// The inputs of the two operations that only move traffic between existing versions.

interface TrafficOperation {
  readonly target: WechatTarget;
  readonly network: NetworkSettings;
  readonly dryRun: boolean;
}

export interface RollbackConfig extends TrafficOperation {
  readonly operation: 'rollback';
  /** The version to send all traffic to; undefined: the newest ready one before the serving one. */
  readonly rollbackTo: string | undefined;
}

export interface SetTrafficConfig extends TrafficOperation {
  readonly operation: 'set-traffic';
  /** Version name → percent, adding up to 100. */
  readonly split: Readonly<Record<string, number>>;
}

function readTrafficOperation(r: InputReader, operation: string): TrafficOperation {
  const network = readNetwork(r);
  return {
    target: readWechatTarget(r, operation, network.allowInsecureHttp),
    network,
    dryRun: r.value('dry_run', parseBoolean),
  };
}

export function readRollbackConfig(r: InputReader): RollbackConfig {
  const common = readTrafficOperation(r, 'rollback');
  const rollbackTo = r.parse('rollback_to', parseVersionName);
  return r.finish({ operation: 'rollback', ...common, rollbackTo });
}

export function readSetTrafficConfig(r: InputReader): SetTrafficConfig {
  const common = readTrafficOperation(r, 'set-traffic');
  r.required('traffic_split', 'set-traffic');
  const split = r.parse('traffic_split', parseTrafficSplit) ?? {};
  return r.finish({ operation: 'set-traffic', ...common, split });
}
