import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';

/** The name the proxy tests give the emulator: not loopback by its name (harness/emulator-hosts.ts resolves it for the action). */
export const EMULATOR_HOST = 'emulator.test';
const address = (host: string) => (host === EMULATOR_HOST ? '127.0.0.1' : host);

// A tiny forward proxy on 127.0.0.1, as a corporate proxy would be: absolute-form requests for
// http:// targets and CONNECT tunnels for https:// ones. It records what went through it. Like a
// proxy that knows the internal names, it reaches EMULATOR_HOST at 127.0.0.1.

export interface ProxyLogEntry {
  readonly method: string;
  /** The target, as "host:port". */
  readonly target: string;
  readonly proxyAuthorization: string | undefined;
}

export interface ForwardProxy {
  readonly url: string;
  readonly log: ProxyLogEntry[];
  close(): Promise<void>;
}

export async function startForwardProxy(): Promise<ForwardProxy> {
  const log: ProxyLogEntry[] = [];
  const sockets = new Set<Socket>();

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const target = new URL(req.url ?? '');
    log.push({ method: req.method ?? '', target: target.host, proxyAuthorization: req.headers['proxy-authorization'] });
    const { 'proxy-authorization': _auth, 'proxy-connection': _conn, ...headers } = req.headers;
    const upstream = request(target, { method: req.method, headers, host: address(target.hostname) }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });

  server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    log.push({ method: 'CONNECT', target: req.url ?? '', proxyAuthorization: req.headers['proxy-authorization'] });
    const [host, port] = (req.url ?? '').split(':');
    const upstream = connect(Number(port), address(host), () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    log,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
