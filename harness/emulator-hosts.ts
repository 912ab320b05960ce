// Loaded into the action's process with NODE_OPTIONS=--import by the proxy tests: the name
// emulator.test resolves to 127.0.0.1, as a hosts-file entry would make it, so an API URL can name
// a host that is not loopback by its name (which the action never sends through a proxy).
import dns from 'node:dns';
import { EMULATOR_HOST } from '../emulator/proxy.ts';

type Callback = (err: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void;

const lookup = dns.lookup;
(dns as { lookup: unknown }).lookup = (hostname: string, options: unknown, callback?: Callback): void => {
  const done = (typeof options === 'function' ? options : callback) as Callback;
  if (hostname !== EMULATOR_HOST) return void (lookup as (...args: unknown[]) => void)(hostname, options, callback);
  const all = typeof options === 'object' && options !== null && (options as dns.LookupOptions).all === true;
  process.nextTick(() => (all ? done(null, [{ address: '127.0.0.1', family: 4 }]) : done(null, '127.0.0.1', 4)));
};
