import type { Emulator } from '../../emulator/server.ts';
import type { Version } from '../../emulator/wechat.ts';

const DAY = 86_400_000;

/** shop-api in env with these versions, oldest first, created a day apart. */
export function seedShopApi(emu: Emulator, env: string, versions: readonly Partial<Version>[]): void {
  emu.wechat.addService(
    env,
    'shop-api',
    versions.map((v, i) => ({ created_time: new Date(Date.now() - (versions.length - i) * DAY), ...v })),
  );
}

/** Versions by name, oldest first, the newest serving all traffic. */
export const newestServing = (names: readonly string[]): Partial<Version>[] =>
  names.map((version_name, i) => ({ version_name, flow_ratio: i === names.length - 1 ? 100 : 0 }));
