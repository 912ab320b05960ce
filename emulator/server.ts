import { createServer, type IncomingMessage, type RequestListener, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { AiPlatform } from './ai.ts';
import { GithubFake } from './github.ts';
import { FaultQueue, type Fault } from './faults.ts';
import type { EmulatorReply, EmulatorRequest } from './http.ts';
import { WechatPlatform } from './wechat.ts';

export interface RecordedRequest extends EmulatorRequest {
  readonly at: number;
  /** When the whole answer was written (Date.now()); undefined while it is not, or when the connection was dropped. */
  answeredAt?: number;
}

export interface Emulator {
  readonly url: string;
  readonly wechat: WechatPlatform;
  readonly ai: AiPlatform;
  /** A fake of the GitHub REST API, for GITHUB_API_URL. */
  readonly github: GithubFake;
  readonly faults: FaultQueue;
  /** Every request received, in order, for tests to assert what was (not) sent. */
  readonly requests: RecordedRequest[];
  /** TCP connections accepted so far: keep-alive shows as far fewer connections than requests. */
  connections(): number;
  /** Called with each request as it arrives, before it is handled: a test's hook into the run. */
  onRequest: ((req: RecordedRequest) => void) | undefined;
  close(): Promise<void>;
}

export interface EmulatorOptions {
  /** Default: a random free port. */
  readonly port?: number;
  /** Serve HTTPS with this key and certificate (PEM) instead of plain HTTP. */
  readonly tls?: { readonly key: string; readonly cert: string };
}

/** Starts the emulator of the platform APIs on 127.0.0.1. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const wechat = new WechatPlatform();
  const ai = new AiPlatform();
  const github = new GithubFake();
  const faults = new FaultQueue();
  const requests: RecordedRequest[] = [];

  const route = (req: EmulatorRequest): EmulatorReply | Promise<EmulatorReply> => {
    if (wechat.handles(req.path)) return wechat.handle(req);
    if (ai.handles(req.path)) return ai.handle(req);
    if (github.handles(req.path)) return github.handle(req);
    return { status: 404, json: { error: `no such path: ${req.path}` } };
  };

  const serve = async (incoming: IncomingMessage, res: ServerResponse): Promise<void> => {
    const fault = faults.take(new URL(incoming.url ?? '/', 'http://emulator').pathname, incoming.method ?? 'GET');
    if (fault?.dropBeforeBody) return void incoming.socket.destroy();
    const req = await readRequest(incoming);
    const record: RecordedRequest = { ...req, at: Date.now() };
    requests.push(record);
    emulator.onRequest?.(record);
    // afterHandling: the handler runs on arrival, so a delayed answer shows the state of that moment.
    const handled = fault?.afterHandling ? await route(req) : undefined;
    if (fault?.delayMs) await sleep(fault.delayMs);
    if (fault?.drop && !fault.afterHandling) return void res.destroy();
    const real = handled ?? (!fault?.reply ? await route(req) : undefined);
    if (fault?.drop) return void res.destroy();
    await send(res, fault?.reply ?? real!, fault);
    record.answeredAt = Date.now();
  };
  const listener: RequestListener = (incoming, res) => void serve(incoming, res);
  const server = options.tls ? createTlsServer(options.tls, listener) : createServer(listener);
  // Long enough for undici, which treats a connection as stale 2 s before the advertised timeout.
  server.keepAliveTimeout = 10_000;
  let connections = 0;
  server.on(options.tls ? 'secureConnection' : 'connection', () => connections++);
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const emulator: Emulator = {
    url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    wechat,
    ai,
    github,
    faults,
    requests,
    connections: () => connections,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
    onRequest: undefined,
  };
  return emulator;
}

async function readRequest(incoming: IncomingMessage): Promise<EmulatorRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of incoming) chunks.push(chunk as Buffer);
  const url = new URL(incoming.url ?? '/', 'http://emulator');
  return {
    method: incoming.method ?? 'GET',
    path: url.pathname,
    query: url.searchParams,
    headers: incoming.headers,
    body: Buffer.concat(chunks).toString('utf8'),
  };
}

async function send(res: ServerResponse, reply: EmulatorReply, link: Fault | undefined): Promise<void> {
  const body = Buffer.from(reply.raw ?? JSON.stringify(reply.json ?? null));
  res.writeHead(reply.status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(body.length),
    ...reply.headers,
  });
  if (link?.stallAfterBytes !== undefined) return void res.write(body.subarray(0, link.stallAfterBytes));
  if (link?.bytesPerSecond) {
    const chunk = Math.max(1, Math.round(link.bytesPerSecond / 20));
    for (let at = 0; at < body.length; at += chunk) {
      res.write(body.subarray(at, at + chunk));
      await sleep(50);
    }
    return void res.end();
  }
  res.end(body);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
