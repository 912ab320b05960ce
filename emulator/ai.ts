import { createHmac, randomBytes } from 'node:crypto';
import { ok, type EmulatorReply, type EmulatorRequest } from './http.ts';
import { SortedList } from './sorted-list.ts';
import { chinaTime } from './wechat.ts';

// The AI compute platform (Sugon AC / SCNet OpenAPI v2) as docs/platform-facts.md describes it.
// Where it is not documented, the emulator answers one way by default and gives the other plausible
// readings as knobs, so the tests meet the strictest of them too (docs/emulator.md says which):
// - deleting an unknown ID answers 716866 with a msg saying it does not exist (src/http/platform-error.ts);
// - a batch delete is all or nothing: one failing ID fails the request and deletes none (the
//   `batchDelete` knob makes it delete the IDs before the failing one, then fail);
// - the list answers data.total + data.records (as the sibling list APIs do), `start` is an offset
//   over the list sorted by createTime; the knobs below give the other envelopes and answers
//   public clients read, and the ways the list moves while it is read;
// - each cluster has its own AI host, containers and tokens; a token that is unknown or another
//   cluster's answers 10009, an expired one 10008 (as a public SCNet design document says).

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
  /** Fields its list record shows instead of the ones above: an odd record (a null name, createTime 0, …). */
  readonly record?: Readonly<Record<string, unknown>>;
}

export const EMULATOR_AI_USER = {
  ai_user: 'ci-bot',
  ai_password: 'emulator-ai-password-5d1c',
  ai_org_id: 'org-7788',
  ai_access_key: 'AKemulator7f2e4c',
  ai_secret_key: 'emulator-ai-secret-key-0b9a',
};

/** The cluster every account reaches, served at the emulator's root (ai_api_url: the emulator's URL). */
export const EMULATOR_CLUSTER = { clusterId: '11112', clusterName: 'hefei' };

interface Fault {
  readonly code: string;
  readonly msg: string;
  /** How many more requests it fails (Infinity when not given). */
  left: number;
}

/** Someone else on the account while the action lists (see AiPlatform.others). */
export interface Others {
  /** After this list answer (1 is the first)… */
  readonly after: number;
  /** …and after every one that follows. */
  readonly every?: boolean;
  /** New containers appear: the newest, Running, under another name; every page after them shifts. */
  readonly create?: number;
  /** The user's newest (or oldest) containers go, deleted elsewhere. */
  readonly delete?: number;
  readonly deleteFrom?: 'newest' | 'oldest';
}

const TASK = '/ai/openapi/v2/instance-service/task';
/** Where a cluster's AI host is: `${emulator}/cluster/<id>`; the default cluster is also at the root. */
const CLUSTER_PATH = /^\/cluster\/([^/]+)(\/ai\/openapi\/.*)$/;
const aiError = (code: string, msg: string): EmulatorReply => ok({ code, msg, data: null });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One cluster: its containers, and the IDs whose delete fails. */
export class AiCluster {
  readonly clusterId: string;
  readonly clusterName: string;
  readonly #containers = new Map<string, AiContainer>();
  /** Deleting one of these IDs answers the code (the whole request deletes nothing, or part with batchDelete 'partial'). */
  readonly failIds = new Map<string, Fault>();
  /** Bumped by every change to the containers. */
  #version = 0;
  #listCache: { key: string; version: number; list: SortedList<AiContainer> } | undefined;

  constructor(clusterId: string, clusterName: string) {
    this.clusterId = clusterId;
    this.clusterName = clusterName;
  }

  /** Read-only outside: every change goes through addContainers or remove, which the list cache follows. */
  get containers(): ReadonlyMap<string, AiContainer> {
    return this.#containers;
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
        ...(fields.record ? { record: fields.record } : {}),
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

  /** Removes containers; a current sorted list loses them rather than being sorted again. */
  remove(ids: readonly string[]): void {
    const cache = this.#listCache?.version === this.#version ? this.#listCache : undefined;
    for (const id of ids) this.#containers.delete(id);
    this.#version += 1;
    if (cache) {
      for (const id of ids) cache.list.remove(id);
      cache.version = this.#version;
    }
  }

  /**
   * The user's containers that match the filter, newest first (or oldest with sort "asc"). Kept
   * until the containers change other than by removes, so a page costs O(limit) as on a real
   * database with an index. With shuffled ties, equal createTimes come in a new order each query.
   */
  sorted(user: string, params: Record<string, unknown>, shuffleTies?: () => number): SortedList<AiContainer> {
    const key = JSON.stringify([user, params.status, params.taskType, params.instanceServiceName, params.sort]);
    if (!shuffleTies && this.#listCache?.key === key && this.#listCache.version === this.#version) return this.#listCache.list;
    const names = params.instanceServiceName === undefined ? undefined : ([] as unknown[]).concat(params.instanceServiceName).map(String);
    const list = [...this.#containers.values()]
      .filter((c) => c.owner === user)
      .filter((c) => !params.status || c.status === params.status)
      .filter((c) => !params.taskType || c.taskType === params.taskType)
      .filter((c) => !names || names.includes(c.instanceServiceName))
      .map((c) => ({ c, at: c.createTime.getTime(), tie: shuffleTies?.() ?? 0 }))
      .sort((a, b) => (params.sort === 'asc' ? 1 : -1) * (a.at - b.at) || a.tie - b.tie)
      .map(({ c }) => c);
    const sorted = new SortedList(list);
    if (!shuffleTies) this.#listCache = { key, version: this.#version, list: sorted };
    return sorted;
  }
}

export class AiPlatform {
  readonly users = new Map<string, AiUser>();
  /** Cluster 0 ("ac") is platform-only: its tokens cannot call container APIs, and it has no AI host. */
  readonly #clusters = new Map<string, AiCluster>([['0', new AiCluster('0', 'ac')]]);
  readonly tokens = new Map<string, { user: string; clusterId: string; expireTime: number }>();
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
  /** What the center API lists for the default cluster; by default an old disabled host and this emulator, with a trailing /ai. */
  aiUrls: { enable: string; version: string; url: string }[] | undefined;
  /** Which envelope the list answers with (public clients read each of these); 'other' is none of them. */
  listShape: 'records' | 'list' | 'data' | 'items' | 'array' | 'other' = 'records';
  /** Where a record's ID is: `id`, or `instanceServiceId` as one public client reads it. */
  idField: 'id' | 'instanceServiceId' = 'id';
  /** createTime as "2024-06-07 10:12:13" or, as one public client reads it, "2024/06/07 10:12:13". */
  timeForm: 'dash' | 'slash' = 'dash';
  /** What data.total says instead of the count: an answer not to be trusted (0, "", false, a huge number). */
  listTotal: ((count: number) => unknown) | undefined;
  /** 'partial': a batch with a failing ID deletes the IDs before it, then answers the error. */
  batchDelete: 'all-or-nothing' | 'partial' = 'all-or-nothing';
  /** Equal createTimes come in a new order in every query, as SQL with LIMIT/OFFSET allows. */
  shuffleTies = false;
  /** Someone else creating or deleting containers while the action lists. */
  others: Others | undefined;
  /** List answers given so far, for `others`. */
  #listed = 0;
  /** The order of equal createTimes, drawn the same way in every run of a test. */
  readonly #random = seeded(0x71e5);
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
    this.addCluster(EMULATOR_CLUSTER.clusterId, EMULATOR_CLUSTER.clusterName);
  }

  /** Another cluster the account reaches, with its own AI host at `${emulator}/cluster/<id>`. */
  addCluster(clusterId: string, clusterName: string): AiCluster {
    const cluster = new AiCluster(clusterId, clusterName);
    this.#clusters.set(clusterId, cluster);
    return cluster;
  }

  cluster(clusterId: string): AiCluster {
    const cluster = this.#clusters.get(clusterId);
    if (!cluster) throw new Error(`no cluster ${clusterId} in the emulator`);
    return cluster;
  }

  /** The default cluster's containers, and the same for adding and failing them. */
  get containers(): ReadonlyMap<string, AiContainer> {
    return this.cluster(EMULATOR_CLUSTER.clusterId).containers;
  }

  addContainers(count: number, fields?: Partial<Omit<AiContainer, 'id'>> & { id?: string }): AiContainer[] {
    return this.cluster(EMULATOR_CLUSTER.clusterId).addContainers(count, fields);
  }

  failId(id: string, code: string, msg: string, times?: number): void {
    this.cluster(EMULATOR_CLUSTER.clusterId).failId(id, code, msg, times);
  }

  /** A JWT-shaped token as the platform issues them, with expireTime in the payload. */
  issueToken(user = EMULATOR_AI_USER.ai_user, clusterId = EMULATOR_CLUSTER.clusterId, lifetimeMs = 12 * 3_600_000): string {
    const expireTime = Date.now() + lifetimeMs;
    const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const token = `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ user, clusterId, expireTime: String(expireTime) })}.${randomBytes(24).toString('base64url')}`;
    this.tokens.set(token, { user, clusterId, expireTime });
    return token;
  }

  handles(path: string): boolean {
    return path.startsWith('/ai/openapi/') || path.startsWith('/ac/openapi/') || path === '/api/user/v3/tokens' || CLUSTER_PATH.test(path);
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
    if (!session) return aiError('10009', 'token is invalid');
    // A public design document for an SCNet server gives 10008 for an expired token (docs/platform-facts.md#scnet-tokens).
    if (session.expireTime < Date.now()) return aiError('10008', 'token has expired');
    const user = this.users.get(session.user)!;
    if (user.frozen) return aiError('10007', 'user is frozen');

    if (route === 'GET /ac/openapi/v2/center') return this.#center(req, session.clusterId);
    const [, hostCluster, path] = CLUSTER_PATH.exec(req.path) ?? [undefined, EMULATOR_CLUSTER.clusterId, req.path];
    if (!path.startsWith('/ai/')) return { status: 404, json: { code: '404', msg: `no such path ${req.path}` } };
    if (session.clusterId === '0') return aiError('10009', 'no permission to access this interface');
    if (session.clusterId !== hostCluster) return aiError('10009', 'token is invalid for this cluster');
    const cluster = this.cluster(hostCluster);
    const api = `${req.method} ${path}`;
    if (api === `GET ${TASK}`) return this.#list(cluster, user, parseBody(req.body));
    if (api === `GET ${TASK}/list`) return this.#list(cluster, user, Object.fromEntries(req.query));
    if (api === `DELETE ${TASK}`) return this.#delete(cluster, user, req.query.getAll('ids'));
    return { status: 404, json: { code: '404', msg: `no such api ${api}` } };
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
    const data = [...this.#clusters.values()].map((c) => ({
      clusterId: c.clusterId,
      clusterName: c.clusterName,
      token: this.issueToken(user.user, c.clusterId),
    }));
    return ok({ code: '0', msg: 'success', data });
  }

  /** The AI host of the token's cluster: the root for the default one, `/cluster/<id>` for the others. */
  #center(req: EmulatorRequest, clusterId: string): EmulatorReply {
    const self = `http://${header(req, 'host')}${clusterId === EMULATOR_CLUSTER.clusterId ? '' : `/cluster/${clusterId}`}/ai`;
    const aiUrls = (clusterId === EMULATOR_CLUSTER.clusterId ? this.aiUrls : undefined) ?? [
      { enable: 'false', version: 'v1', url: 'http://retired.invalid:65106' },
      { enable: 'true', version: 'v2', url: self },
    ];
    return ok({ code: '0', msg: 'success', data: { clusterId, aiUrls: clusterId === '0' ? [] : aiUrls, efileUrls: [] } });
  }

  #list(cluster: AiCluster, user: AiUser, params: Record<string, unknown> | undefined): EmulatorReply {
    if (!params || params.limit === undefined || params.limit === '' || !params.sort)
      return aiError('10003', 'missing parameters: limit, sort');
    const start = Number(params.start ?? 0);
    const limit = Number(params.limit);
    if (!Number.isInteger(start) || start < 0 || !Number.isInteger(limit) || limit < 1)
      return aiError('10004', 'invalid parameters: start, limit');
    const mine = cluster.sorted(user.user, params, this.shuffleTies ? this.#random : undefined);
    const records = mine.slice(start, limit).map((c) => this.#record(c));
    const total = this.listTotal ? this.listTotal(mine.size) : mine.size;
    const data = {
      records: { total, records },
      list: { total, list: records },
      data: { total, data: records },
      items: { total, items: records },
      array: records,
      other: { total, rows: records },
    }[this.listShape];
    this.#othersAct(cluster, user.user);
    return ok({ code: '0', msg: 'success', data });
  }

  #record(c: AiContainer): Record<string, unknown> {
    const time = chinaTime(c.createTime);
    return {
      [this.idField]: c.id,
      instanceServiceName: c.instanceServiceName,
      status: c.status,
      taskType: c.taskType,
      createTime: this.timeForm === 'slash' ? time.replace(/^(\d{4})-(\d{2})-(\d{2})/, '$1/$2/$3') : time,
      ...c.record,
    };
  }

  /** After the answer is cut, as another user's request would land between two of the action's. */
  #othersAct(cluster: AiCluster, user: string): void {
    this.#listed += 1;
    const others = this.others;
    if (!others || (this.#listed !== others.after && !(others.every && this.#listed > others.after))) return;
    if (others.create)
      cluster.addContainers(others.create, { status: 'Running', instanceServiceName: 'someone-else', createTime: new Date() });
    if (others.delete) {
      const mine = cluster.sorted(user, { sort: others.deleteFrom === 'oldest' ? 'asc' : 'desc' });
      cluster.remove(mine.slice(0, others.delete).map((c) => c.id));
    }
  }

  #delete(cluster: AiCluster, user: AiUser, ids: string[]): EmulatorReply {
    if (!ids.length) return aiError('10003', 'missing parameters: ids');
    if (!user.mayDelete) return aiError('10008', 'insufficient permission');
    for (const [i, id] of ids.entries()) {
      const fault = cluster.failIds.get(id);
      const c = cluster.containers.get(id);
      const error =
        fault && fault.left > 0
          ? aiError(fault.code, fault.msg)
          : !c || c.owner !== user.user
            ? aiError('716866', `删除任务失败: 容器 ${id} 不存在 (container not exist)`)
            : undefined;
      if (!error) continue;
      if (fault && fault.left > 0) fault.left -= 1;
      if (this.batchDelete === 'partial') cluster.remove(ids.slice(0, i));
      return error;
    }
    cluster.remove(ids);
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

/** A small seeded generator (Park–Miller): reproducible draws in [0, 1). */
function seeded(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 48271) % 2147483647) / 2147483647;
}
