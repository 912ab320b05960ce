import { createHmac, randomBytes } from 'node:crypto';
import { ok, type EmulatorReply, type EmulatorRequest } from './http.ts';
import { SortedList } from './sorted-list.ts';
import { chinaTime } from './wechat.ts';

// The AI compute platform (Sugon AC / SCNet OpenAPI v2) as docs/platform-facts.md describes it.
// Where it is not documented, the emulator follows the action's assumptions:
// - deleting an unknown ID answers 716866 with a msg saying it does not exist (src/http/platform-error.ts);
// - a batch delete is all or nothing: one failing ID fails the request and deletes none;
// - the list answers data.total + data.records (as the sibling list APIs do), `start` is an offset;
// - a token that is unknown or expired answers 10009.

export interface AiUser {
  readonly user: string;
  readonly password: string;
  readonly orgId: string;
  readonly accessKey: string;
  readonly secretKey: string;
  frozen: boolean;
  /** False: deletes answer 10008 (insufficient permission). */
  mayDelete: boolean;
}

export interface AiContainer {
  readonly id: string;
  readonly instanceServiceName: string;
  readonly status: string;
  readonly taskType: string;
  readonly createTime: Date;
  readonly owner: string;
}

export const EMULATOR_AI_USER = {
  ai_user: 'ci-bot',
  ai_password: 'emulator-ai-password-5d1c',
  ai_org_id: 'org-7788',
  ai_access_key: 'AKemulator7f2e4c',
  ai_secret_key: 'emulator-ai-secret-key-0b9a',
};

export const EMULATOR_CLUSTER = { clusterId: '11112', clusterName: 'hefei' };

interface Fault {
  readonly code: string;
  readonly msg: string;
  /** How many more requests it fails (Infinity when not given). */
  left: number;
}

const TASK = '/ai/openapi/v2/instance-service/task';
const aiError = (code: string, msg: string): EmulatorReply => ok({ code, msg, data: null });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class AiPlatform {
  readonly users = new Map<string, AiUser>();
  /** Cluster 0 ("ac") is platform-only: its tokens cannot call container APIs. */
  clusters: { clusterId: string; clusterName: string }[] = [{ clusterId: '0', clusterName: 'ac' }, EMULATOR_CLUSTER];
  readonly tokens = new Map<string, { user: string; clusterId: string; expireTime: number }>();
  readonly #containers = new Map<string, AiContainer>();
  /** Read-only outside: every change goes through addContainers or a DELETE, which the list cache counts. */
  get containers(): ReadonlyMap<string, AiContainer> {
    return this.#containers;
  }
  /** Deleting one of these IDs answers the code (the whole request deletes nothing). */
  readonly failIds = new Map<string, Fault>();
  /** Added to every request to the platform. */
  latencyMs = 0;
  /** Longer request targets (path and query) answer HTTP 414. */
  maxUrlLength = 8192;
  /**
   * After `requests` requests in a row, the next is refused with HTTP 429 and a Retry-After, and a
   * new window starts. The platform documents no rate limit: this is the standard HTTP answer
   * (RFC 6585, RFC 9110 Retry-After). The window is counted in requests, not wall-clock time, so a
   * run whose clock skips its waits (RELEASE_TEST_TIME_SCALE=0) meets the same limit.
   */
  rateLimit: { requests: number; retryAfterSeconds: number } | undefined;
  /** What the center API lists; by default an old disabled host and this emulator, with a trailing /ai. */
  aiUrls: { enable: string; version: string; url: string }[] | undefined;
  /** Which envelope the list answers with, to exercise the action's defensive reading. */
  listShape: 'records' | 'list' | 'array' | 'other' = 'records';
  /** Bumped by every change to the containers. */
  #version = 0;
  #listCache: { key: string; version: number; list: SortedList<AiContainer> } | undefined;
  #served = 0;

  constructor() {
    this.users.set(EMULATOR_AI_USER.ai_user, {
      user: EMULATOR_AI_USER.ai_user,
      password: EMULATOR_AI_USER.ai_password,
      orgId: EMULATOR_AI_USER.ai_org_id,
      accessKey: EMULATOR_AI_USER.ai_access_key,
      secretKey: EMULATOR_AI_USER.ai_secret_key,
      frozen: false,
      mayDelete: true,
    });
  }

  /** A JWT-shaped token as the platform issues them, with expireTime in the payload. */
  issueToken(user = EMULATOR_AI_USER.ai_user, clusterId = EMULATOR_CLUSTER.clusterId, lifetimeMs = 12 * 3_600_000): string {
    const expireTime = Date.now() + lifetimeMs;
    const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const token = `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ user, clusterId, expireTime: String(expireTime) })}.${randomBytes(24).toString('base64url')}`;
    this.tokens.set(token, { user, clusterId, expireTime });
    return token;
  }

  /** Adds containers owned by the user; returns them. IDs are 32 lowercase hex like the platform's. */
  addContainers(count: number, fields: Partial<Omit<AiContainer, 'id'>> & { id?: string } = {}): AiContainer[] {
    return Array.from({ length: count }, (_, i) => {
      const c: AiContainer = {
        id: fields.id ?? randomBytes(16).toString('hex'),
        instanceServiceName: fields.instanceServiceName ?? `job-${this.#containers.size + 1}`,
        status: fields.status ?? 'Terminated',
        taskType: fields.taskType ?? 'jupyter',
        createTime: fields.createTime ?? new Date(Date.now() - 3 * 86_400_000 + i),
        owner: fields.owner ?? EMULATOR_AI_USER.ai_user,
      };
      this.#containers.set(c.id, c);
      this.#version += 1;
      return c;
    });
  }

  /** Deleting this ID fails with the code, `times` times (every time when not given). */
  failId(id: string, code: string, msg: string, times = Infinity): void {
    this.failIds.set(id, { code, msg, left: times });
  }

  handles(path: string): boolean {
    return path.startsWith('/ai/openapi/') || path.startsWith('/ac/openapi/') || path === '/api/user/v3/tokens';
  }

  async handle(req: EmulatorRequest): Promise<EmulatorReply> {
    if (this.latencyMs) await sleep(this.latencyMs);
    const target = req.path.length + (req.query.size ? 1 + req.query.toString().length : 0);
    if (target > this.maxUrlLength) return { status: 414, raw: 'URI Too Long' };
    if (this.#limited())
      return {
        status: 429,
        json: { code: '429', msg: 'too many requests' },
        headers: { 'retry-after': String(this.rateLimit!.retryAfterSeconds) },
      };

    const route = `${req.method} ${req.path}`;
    if (route === 'POST /ac/openapi/v2/tokens') return this.#passwordTokens(req);
    if (route === 'POST /api/user/v3/tokens') return this.#accessKeyTokens(req);

    const session = this.tokens.get(header(req, 'token'));
    if (!session || session.expireTime < Date.now()) return aiError('10009', 'token is invalid or expired');
    const user = this.users.get(session.user)!;
    if (user.frozen) return aiError('10007', 'user is frozen');

    if (route === 'GET /ac/openapi/v2/center') return this.#center(req);
    if (!req.path.startsWith('/ai/')) return { status: 404, json: { code: '404', msg: `no such path ${req.path}` } };
    if (session.clusterId === '0') return aiError('10009', 'no permission to access this interface');
    if (route === `GET ${TASK}`) return this.#list(user, parseBody(req.body));
    if (route === `GET ${TASK}/list`) return this.#list(user, Object.fromEntries(req.query));
    if (route === `DELETE ${TASK}`) return this.#delete(user, req.query.getAll('ids'));
    return { status: 404, json: { code: '404', msg: `no such api ${route}` } };
  }

  #limited(): boolean {
    if (!this.rateLimit) return false;
    this.#served += 1;
    if (this.#served <= this.rateLimit.requests) return false;
    this.#served = 0;
    return true;
  }

  #passwordTokens(req: EmulatorRequest): EmulatorReply {
    const user = this.users.get(header(req, 'user'));
    if (!header(req, 'user') || !header(req, 'password') || !header(req, 'orgId'))
      return aiError('10003', 'missing parameters: user, password, orgId');
    if (!user || user.password !== header(req, 'password') || user.orgId !== header(req, 'orgId'))
      return aiError('10004', 'user, password or orgId is incorrect');
    return this.#tokenAnswer(user);
  }

  #accessKeyTokens(req: EmulatorRequest): EmulatorReply {
    const [name, accessKey, timestamp, signature] = ['user', 'accessKey', 'timestamp', 'signature'].map((h) => header(req, h));
    if (!name || !accessKey || !timestamp || !signature)
      return aiError('10003', 'missing parameters: user, accessKey, timestamp, signature');
    const user = this.users.get(name);
    if (!user || user.accessKey !== accessKey) return aiError('10004', 'invalid accessKey');
    if (Math.abs(Date.now() / 1000 - Number(timestamp)) > 300) return aiError('10004', 'timestamp is out of range');
    const expected = createHmac('sha256', user.secretKey)
      .update(JSON.stringify({ accessKey, timestamp, user: name }))
      .digest('hex');
    if (signature !== expected) return aiError('10004', 'signature mismatch');
    return this.#tokenAnswer(user);
  }

  #tokenAnswer(user: AiUser): EmulatorReply {
    if (user.frozen) return aiError('10007', 'user is frozen');
    return ok({ code: '0', msg: 'success', data: this.clusters.map((c) => ({ ...c, token: this.issueToken(user.user, c.clusterId) })) });
  }

  #center(req: EmulatorRequest): EmulatorReply {
    const self = `http://${header(req, 'host')}/ai`;
    const aiUrls = this.aiUrls ?? [
      { enable: 'false', version: 'v1', url: 'http://retired.invalid:65106' },
      { enable: 'true', version: 'v2', url: self },
    ];
    return ok({ code: '0', msg: 'success', data: { clusterId: EMULATOR_CLUSTER.clusterId, aiUrls, efileUrls: [] } });
  }

  #list(user: AiUser, params: Record<string, unknown> | undefined): EmulatorReply {
    if (!params || params.limit === undefined || params.limit === '' || !params.sort)
      return aiError('10003', 'missing parameters: limit, sort');
    const start = Number(params.start ?? 0);
    const limit = Number(params.limit);
    if (!Number.isInteger(start) || start < 0 || !Number.isInteger(limit) || limit < 1)
      return aiError('10004', 'invalid parameters: start, limit');
    const names = params.instanceServiceName === undefined ? undefined : ([] as unknown[]).concat(params.instanceServiceName).map(String);
    const mine = this.#sorted(user, params, names);
    const records = mine.slice(start, limit).map((c) => ({
      id: c.id,
      instanceServiceName: c.instanceServiceName,
      status: c.status,
      taskType: c.taskType,
      createTime: chinaTime(c.createTime),
    }));
    const data = {
      records: { total: mine.size, records },
      list: { total: mine.size, list: records },
      array: records,
      other: { items: records },
    }[this.listShape];
    return ok({ code: '0', msg: 'success', data });
  }

  /**
   * The user's containers that match the filter, sorted by createTime. Kept until the containers
   * change other than by deletes, so a page costs O(limit) as on a real database with an index,
   * and a 100,000-container list is not sorted again for each of its pages.
   */
  #sorted(user: AiUser, params: Record<string, unknown>, names: string[] | undefined): SortedList<AiContainer> {
    const key = JSON.stringify([user.user, params.status, params.taskType, names, params.sort]);
    if (this.#listCache?.key === key && this.#listCache.version === this.#version) return this.#listCache.list;
    const list = [...this.#containers.values()]
      .filter((c) => c.owner === user.user)
      .filter((c) => !params.status || c.status === params.status)
      .filter((c) => !params.taskType || c.taskType === params.taskType)
      .filter((c) => !names || names.includes(c.instanceServiceName))
      .map((c) => ({ c, at: c.createTime.getTime() }))
      .sort((a, b) => (params.sort === 'asc' ? 1 : -1) * (a.at - b.at))
      .map(({ c }) => c);
    this.#listCache = { key, version: this.#version, list: new SortedList(list) };
    return this.#listCache.list;
  }

  #delete(user: AiUser, ids: string[]): EmulatorReply {
    if (!ids.length) return aiError('10003', 'missing parameters: ids');
    if (!user.mayDelete) return aiError('10008', 'insufficient permission');
    for (const id of ids) {
      const fault = this.failIds.get(id);
      if (fault && fault.left > 0) {
        fault.left -= 1;
        return aiError(fault.code, fault.msg);
      }
      const c = this.#containers.get(id);
      if (!c || c.owner !== user.user) return aiError('716866', `删除任务失败: 容器 ${id} 不存在 (container not exist)`);
    }
    for (const id of ids) this.#containers.delete(id);
    // Removing records keeps the others' order: a current list loses them rather than being sorted again.
    const cache = this.#listCache?.version === this.#version ? this.#listCache : undefined;
    this.#version += 1;
    if (cache) {
      for (const id of ids) cache.list.remove(id);
      cache.version = this.#version;
    }
    return ok({ code: '0', msg: 'success', data: null });
  }
}

function header(req: EmulatorRequest, name: string): string {
  const value = req.headers[name.toLowerCase()];
  return (Array.isArray(value) ? value[0] : value) ?? '';
}

function parseBody(body: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(body);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
