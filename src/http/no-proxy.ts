import { BlockList, isIP } from 'node:net';
import { isLoopback } from './url-policy.ts';
import { jobEnv } from '../job-scope.ts';

// Which API URLs go straight to their host instead of through HTTPS_PROXY / HTTP_PROXY. Every
// platform call carries a credential (WeChat's in the URL itself), so a request that need not
// leave the machine never goes to a proxy: loopback hosts are always direct, whatever NO_PROXY
// says. The rest follows curl's NO_PROXY rules (undici's own matcher knows host names only):
// entries separated by commas or spaces; `*` alone matches every host; a name matches itself and
// its subdomains (a leading `.` or `*.` is ignored); an IP address matches that address, in any
// spelling (`::1`, `[::1]`, `0:0:0:0:0:0:0:1`); `addr/bits` matches an IPv4 or IPv6 range. An
// optional `:port` limits a name or IPv4 entry to that port, as undici allowed before.

/** The NO_PROXY list, as curl reads it: the lower-case variable first. */
export function noProxyFromEnv(env: NodeJS.ProcessEnv = jobEnv()): string {
  return env.no_proxy ?? env.NO_PROXY ?? '';
}

export function bypassesProxy(url: URL, noProxy: string): boolean {
  const host = url.hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (isLoopback(host)) return true;
  const port = Number(url.port) || (url.protocol === 'https:' ? 443 : 80);
  return noProxy
    .split(/[\s,]+/)
    .filter(Boolean)
    .some((entry) => matches(entry.toLowerCase(), host, port));
}

function matches(entry: string, host: string, port: number): boolean {
  if (entry === '*') return true;
  if (entry.includes('/')) return inRange(entry, host);
  const bare = entry.replace(/^\[|\]$/g, '');
  if (isIP(bare)) return sameAddress(bare, host);
  const withPort = /^(.+):(\d+)$/.exec(entry);
  if (withPort && Number(withPort[2]) !== port) return false;
  const name = (withPort ? withPort[1] : entry).replace(/^\[|\]$/g, '').replace(/^\*?\./, '');
  if (isIP(name)) return sameAddress(name, host);
  return host === name || host.endsWith(`.${name}`);
}

function inRange(entry: string, host: string): boolean {
  const [address, bitsText] = entry.replace(/^\[|\]/g, '').split('/');
  const family = isIP(address);
  const bits = Number(bitsText);
  if (!family || !isIP(host) || isIP(host) !== family || !/^\d{1,3}$/.test(bitsText) || bits > (family === 4 ? 32 : 128)) return false;
  const range = new BlockList();
  range.addSubnet(address, bits, family === 4 ? 'ipv4' : 'ipv6');
  return range.check(host, family === 4 ? 'ipv4' : 'ipv6');
}

function sameAddress(address: string, host: string): boolean {
  const family = isIP(address);
  if (!family || isIP(host) !== family) return false;
  const one = new BlockList();
  one.addAddress(address, family === 4 ? 'ipv4' : 'ipv6');
  return one.check(host, family === 4 ? 'ipv4' : 'ipv6');
}
