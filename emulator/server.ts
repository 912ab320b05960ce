import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AiPlatform } from './ai.ts';
import { FaultQueue } from './faults.ts';
import type { EmulatorReply, EmulatorRequest } from './http.ts';
import { WechatPlatform } from './wechat.ts';

export interface RecordedRequest extends EmulatorRequest {
  readonly at: number;
}

export interface Emulator {
  readonly url: string;
  readonly wechat: WechatPlatform;
  readonly ai: AiPlatform;
  readonly faults: FaultQueue;
  /** Every request received, in order, for tests to assert what was (not) sent. */
  readonly requests: RecordedRequest[];
  close(): Promise<void>;
}

/** Starts the emulator of the platform APIs on 127.0.0.1 (a random port unless one is given). */
export async function startEmulator(options: { port?: number } = {}): Promise<Emulator> {
  const wechat = new WechatPlatform();
  const ai = new AiPlatform();
  const faults = new FaultQueue();
  const requests: RecordedRequest[] = [];

  const route = (req: EmulatorRequest): EmulatorReply | Promise<EmulatorReply> => {
    if (wechat.handles(req.path)) return wechat.handle(req);
    if (ai.handles(req.path)) return ai.handle(req);
    return { status: 404, json: { error: `no such path: ${req.path}` } };
  };

  const server = createServer(async (incoming, res) => {
    const req = await readRequest(incoming);
    requests.push({ ...req, at: Date.now() });
    const fault = faults.take(req.path);
    if (fault?.delayMs) await sleep(fault.delayMs);
    if (fault?.drop && !fault.afterHandling) return void res.destroy();
    const real = !fault?.reply || fault.afterHandling ? await route(req) : undefined;
    if (fault?.drop) return void res.destroy();
    send(res, fault?.reply ?? real!);
  });
  server.keepAliveTimeout = 1_000;
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    wechat,
    ai,
    faults,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
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

function send(res: ServerResponse, reply: EmulatorReply): void {
  const body = reply.raw ?? JSON.stringify(reply.json ?? null);
  res.writeHead(reply.status, { 'content-type': 'application/json; charset=utf-8', ...reply.headers });
  res.end(body);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
