import { randomBytes } from 'node:crypto';
import { ok, type EmulatorReply, type EmulatorRequest } from './http.ts';

// The WeChat third-party platform's Cloud Hosting API (componenttcb), as docs/platform-facts.md
// describe it. Where the real platform's behaviour is not documented (the errcodes for "not found"
// and "already exists"), the emulator answers 40097 with an errmsg naming the condition.
//
// A rolling update, or a version made by createcloudbaserunserverversion, is modelled as a version
// that is `building` for plan.buildPolls reads of its service, then `deploying` for deployPolls
// reads, then `normal`. A rolling update's version then takes over the replaced version's traffic
// and the replaced version goes away (#rolling-update); a created version takes the flow_ratio it was
// created with (#create-version: with 0 it takes no traffic until setcspropotion gives it some). The
// failures end in `build_fail` or `deploy_fail` (the old version keeps serving); a hang stays
// `deploying`; a rollback ends `normal` but running the previous image. These status names are the
// emulator's assumption: the platform documents only `build_fail`.
// A rollout moves on with the reads of its service (getcsversionlist, getcsversiondetail), not
// with the wall clock, so a test sees the same states however fast or loaded the machine is.

export interface Version {
  version_name: string;
  status: string;
  flow_ratio: number;
  created_time: Date;
  updated_time: Date;
  image_url: string;
  upload_type: string;
  /** Everything else the rolling update sent (cpu, mem, env_params, …). */
  settings: Record<string, unknown>;
  /** Set while the rolling update that made this version is under way. */
  rollout?: Rollout;
}

interface Rollout {
  readonly plan: RolloutPlan;
  /** Reads of the service since the release started. */
  reads: number;
  /** The version a rolling update replaces; undefined for a created version. */
  readonly replaces: Version | undefined;
  /** What a created version gets once ready; a rolling update's takes the replaced version's. */
  readonly flowRatio: number;
}

/** How the next releases go: reads of the service spent building, then deploying. */
export interface RolloutPlan {
  readonly buildPolls: number;
  readonly deployPolls: number;
  readonly outcome: 'ok' | 'build_fail' | 'deploy_fail' | 'hang' | 'rollback';
}

export interface Service {
  readonly name: string;
  readonly created_time: Date;
  readonly settings: Record<string, unknown>;
  /** Oldest first. */
  readonly versions: Version[];
  /** For naming new versions <service>-001, -002, … */
  nextVersion: number;
}

export interface Env {
  qbase: boolean;
  readonly services: Map<string, Service>;
}

export const EMULATOR_COMPONENT = {
  component_appid: 'wx0emulator0component',
  component_appsecret: 'emulator-component-appsecret',
  component_verify_ticket: 'ticket@@@emulator-verify-ticket',
};

type Body = Record<string, unknown>;
type Api = (body: Body) => EmulatorReply;

const wxError = (errcode: number, errmsg: string): EmulatorReply => ok({ errcode, errmsg });

export class WechatPlatform {
  /** Tokens the platform accepts; tests add their own. */
  readonly tokens = new Set<string>();
  readonly expiredTokens = new Set<string>();
  readonly envs = new Map<string, Env>();
  /** run_id → the version the rolling update produced. */
  readonly runs = new Map<string, string>();
  /** Instant success unless a test says otherwise. */
  rollout: RolloutPlan = { buildPolls: 0, deployPolls: 0, outcome: 'ok' };
  /**
   * How createcloudbaserunserverversion answers an accepted create: with the version's name
   * (`succ`), or as Tencent's model allows, `creating` with no name and no run_id
   * (docs/platform-facts.md#create-version).
   */
  createAnswer: 'succ' | 'creating' = 'succ';
  /**
   * getcslist: API-NOTES documents only `env`. 'paged' honours limit/offset as Tencent's
   * DescribeCloudBaseRunServers and the version list do; 'whole' ignores them and answers every
   * service each time, as an API that takes only `env` would.
   */
  serviceListPaging: 'paged' | 'whole' = 'paged';

  readonly #apis: Record<string, Api> = {
    establishcloudbaserunserver: (b) => this.#establish(b),
    rollupdatecloudbaserunserverversion: (b) => this.#rollUpdate(b),
    createcloudbaserunserverversion: (b) => this.#createVersion(b),
    getcsversionlist: (b) => this.#versionList(b),
    getcslist: (b) => this.#serviceList(b),
    deletecloudbaserunserverversion: (b) => this.#deleteVersion(b),
    getcsversiondetail: (b) => this.#versionDetail(b),
    setcspropotion: (b) => this.#setProportion(b),
  };

  /** Every token issued so far stops working (42001): a token past its life, or replaced by a newer one. */
  expireTokens(): void {
    for (const token of this.tokens) this.expiredTokens.add(token);
    this.tokens.clear();
  }

  addEnv(envId: string, options: { qbase?: boolean } = {}): Env {
    const env: Env = { qbase: options.qbase ?? true, services: new Map() };
    this.envs.set(envId, env);
    return env;
  }

  addService(envId: string, name: string, versions: Partial<Version>[] = []): Service {
    const env = this.envs.get(envId) ?? this.addEnv(envId);
    const service: Service = { name, created_time: new Date(), settings: {}, versions: [], nextVersion: 1 };
    env.services.set(name, service);
    for (const version of versions) this.addVersion(service, version);
    return service;
  }

  addVersion(service: Service, version: Partial<Version>): Version {
    const now = new Date();
    const full: Version = {
      version_name: version.version_name ?? `${service.name}-${String(service.nextVersion).padStart(3, '0')}`,
      status: 'normal',
      flow_ratio: 0,
      created_time: now,
      updated_time: now,
      image_url: '',
      upload_type: 'image',
      settings: {},
      ...version,
    };
    service.nextVersion += 1;
    service.versions.push(full);
    return full;
  }

  service(envId: string, name: string): Service | undefined {
    const service = this.envs.get(envId)?.services.get(name);
    if (service) this.#settle(service);
    return service;
  }

  /** Brings the versions whose release is under way to their state after `reads` more reads. */
  #settle(service: Service, reads = 0): void {
    for (const version of [...service.versions]) {
      if (!version.rollout) continue;
      const rollout = version.rollout;
      rollout.reads += reads;
      const { plan, replaces } = rollout;
      const status =
        rollout.reads < plan.buildPolls
          ? 'building'
          : plan.outcome === 'build_fail'
            ? 'build_fail'
            : rollout.reads < plan.buildPolls + plan.deployPolls || plan.outcome === 'hang'
              ? 'deploying'
              : plan.outcome === 'deploy_fail'
                ? 'deploy_fail'
                : 'normal';
      if (status !== version.status) {
        version.status = status;
        version.updated_time = new Date();
      }
      if (status.endsWith('_fail')) delete version.rollout;
      if (status !== 'normal') continue;
      delete version.rollout;
      if (plan.outcome === 'rollback') version.image_url = replaces?.image_url ?? '';
      // A rolling update's version takes over the replaced one's traffic, then the old one goes away.
      version.flow_ratio = replaces ? replaces.flow_ratio : rollout.flowRatio;
      if (replaces && service.versions.includes(replaces)) service.versions.splice(service.versions.indexOf(replaces), 1);
    }
  }

  /** The service and image a release names, once no other release of the service runs; or the errcode answer. */
  #releaseTarget(body: Body): { service: Service; image: string } | EmulatorReply {
    const service = this.#serviceOf(body.env_id, body.server_name);
    if (!isService(service)) return service;
    const image = imageOf(body);
    if (typeof image !== 'string') return image;
    return releaseInProgress(service) ?? { service, image };
  }

  /** The service named in the body, settled, or the errcode answer. */
  #serviceOf(envId: unknown, name: unknown, reads = 0): Service | EmulatorReply {
    const env = this.#env(envId);
    if (!isEnv(env)) return env;
    const service = env.services.get(String(name));
    if (!service) return wxError(40097, `ResourceNotFound.ServerNotFound: service ${String(name)} not exist`);
    this.#settle(service, reads);
    return service;
  }

  handles(path: string): boolean {
    return path.startsWith('/componenttcb/') || path === '/cgi-bin/component/api_component_token';
  }

  handle(req: EmulatorRequest): EmulatorReply {
    if (req.method !== 'POST') return wxError(43002, 'require POST method');
    if (req.path === '/cgi-bin/component/api_component_token') return this.#componentToken(req.body);

    const token = req.query.get('access_token');
    if (!token) return wxError(41001, 'access_token missing');
    if (this.expiredTokens.has(token)) return wxError(42001, 'access_token expired');
    if (!this.tokens.has(token)) return wxError(40014, 'invalid access_token');

    const api = this.#apis[req.path.slice('/componenttcb/'.length)];
    if (!api) return { status: 404, json: { errcode: 404, errmsg: `unknown api ${req.path}` } };
    if (!req.body.trim()) return wxError(44002, 'empty post data');
    let body: unknown;
    try {
      body = JSON.parse(req.body);
    } catch {
      return wxError(47001, 'data format error');
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return wxError(47001, 'data format error');
    return api(body as Body);
  }

  #componentToken(raw: string): EmulatorReply {
    let body: Body;
    try {
      body = JSON.parse(raw) as Body;
    } catch {
      return wxError(47001, 'data format error');
    }
    const missing = missingField(body, ['component_appid', 'component_appsecret', 'component_verify_ticket']);
    if (missing) return missing;
    if (body.component_appid !== EMULATOR_COMPONENT.component_appid) return wxError(40013, 'invalid appid');
    if (body.component_appsecret !== EMULATOR_COMPONENT.component_appsecret) return wxError(40125, 'invalid appsecret');
    if (body.component_verify_ticket !== EMULATOR_COMPONENT.component_verify_ticket) return wxError(61006, 'component ticket is invalid'); // docs/platform-facts.md#component-token: the documented failure
    const token = `emu_component_token_${randomBytes(12).toString('hex')}`;
    this.tokens.add(token);
    return ok({ component_access_token: token, expires_in: 7200 });
  }

  /** The env, or the errcode answer when it is unknown or has no Cloud Hosting. */
  #env(envId: unknown): Env | EmulatorReply {
    const env = this.envs.get(String(envId));
    if (!env) return wxError(40097, `invalid args: env ${String(envId)} is invalid`);
    if (!env.qbase) return wxError(85088, 'no qbase privilege');
    return env;
  }

  #establish(body: Body): EmulatorReply {
    const invalid =
      missingField(body, ['env_id', 'service_name', 'is_public']) ?? wrongType(body, { is_public: 'boolean', public_access: 'number' });
    if (invalid) return invalid;
    const env = this.#env(body.env_id);
    if (!isEnv(env)) return env;
    const name = String(body.service_name);
    if (env.services.has(name)) return wxError(40097, `ResourceInUse.ServiceExist: service ${name} already exists`);
    const { env_id: _env, service_name: _name, ...settings } = body;
    env.services.set(name, { name, created_time: new Date(), settings, versions: [], nextVersion: 1 });
    return ok({ errcode: 0, errmsg: 'ok' });
  }

  #rollUpdate(body: Body): EmulatorReply {
    const invalid =
      missingField(body, ['env_id', 'server_name', 'upload_type']) ??
      wrongType(body, {
        version_name: 'string',
        flow_ratio: 'number',
        cpu: 'string',
        mem: 'string',
        min_num: 'string',
        max_num: 'string',
        policy_type: 'string',
        policy_threshold: 'string',
        env_params: 'string',
        container_port: 'number',
        image_info: 'object',
      });
    if (invalid) return invalid;
    const release = this.#releaseTarget(body);
    if (!('service' in release)) return release;
    const { service, image } = release;
    // A rolling update replaces an existing version (docs/platform-facts.md#rolling-update); a service with none
    // has nothing to replace, its first version comes from createcloudbaserunserverversion.
    if (service.versions.length === 0)
      return wxError(40097, `invalid args: service ${service.name} has no version to update; create its first version instead`);

    const target = (body.version_name as string | undefined) ?? 'latest';
    const replaced = target === 'latest' ? service.versions.at(-1) : service.versions.find((v) => v.version_name === target);
    if (target !== 'latest' && !replaced) return wxError(40097, `ResourceNotFound.VersionNotFound: version ${target} not exist`);

    const { env_id: _e, server_name: _s, version_name: _v, upload_type, image_info: _i, flow_ratio: _f, ...settings } = body;
    const version = this.#startRelease(service, image, String(upload_type), settings, { replaces: replaced, flowRatio: 0 });
    return ok({ errcode: 0, errmsg: 'ok', result: 'succ', run_id: this.#runId(version) });
  }

  // docs/platform-facts.md#create-version: every field the notes list is required (the strictest reading),
  // with the types of the SDK's sample (numbers). A version created with flow_ratio 0 runs beside the
  // serving ones and takes no traffic. Not documented, so the strictest plausible reading: a
  // non-zero flow_ratio only for a service's first version, since shares that must add up to 100
  // (setcspropotion) cannot also give a second version a share of its own.
  #createVersion(body: Body): EmulatorReply {
    const invalid =
      missingField(body, [
        'env_id',
        'server_name',
        'upload_type',
        'flow_ratio',
        'cpu',
        'mem',
        'min_num',
        'max_num',
        'policy_type',
        'policy_threshold',
        'container_port',
      ]) ??
      wrongType(body, {
        flow_ratio: 'number',
        cpu: 'number',
        mem: 'number',
        min_num: 'number',
        max_num: 'number',
        policy_type: 'string',
        policy_threshold: 'number',
        env_params: 'string',
        container_port: 'number',
        image_info: 'object',
        version_remark: 'string',
      });
    if (invalid) return invalid;
    const flowRatio = body.flow_ratio as number;
    if (!Number.isInteger(flowRatio) || flowRatio < 0 || flowRatio > 100) return wxError(40097, 'invalid args: flow_ratio must be 0-100');
    if ((body.max_num as number) > 50) return wxError(40097, 'invalid args: max_num must be at most 50');
    const release = this.#releaseTarget(body);
    if (!('service' in release)) return release;
    const { service, image } = release;
    if (flowRatio !== 0 && service.versions.length > 0)
      return wxError(40097, `invalid args: flow_ratio must be 0 for a service that has versions (got ${flowRatio}); use setcspropotion`);

    const { env_id: _e, server_name: _s, upload_type, image_info: _i, flow_ratio: _f, ...settings } = body;
    const version = this.#startRelease(service, image, String(upload_type), settings, { replaces: undefined, flowRatio });
    const run_id = this.#runId(version);
    if (this.createAnswer === 'creating') return ok({ errcode: 0, errmsg: 'ok', result: 'creating', run_id: null });
    return ok({ errcode: 0, errmsg: 'ok', result: 'succ', version_name: version.version_name, run_id });
  }

  #startRelease(
    service: Service,
    image_url: string,
    upload_type: string,
    settings: Body,
    release: Pick<Rollout, 'replaces' | 'flowRatio'>,
  ): Version {
    const version = this.addVersion(service, {
      image_url,
      upload_type,
      status: 'building',
      settings,
      rollout: { plan: this.rollout, reads: 0, ...release },
    });
    this.#settle(service);
    return version;
  }

  #runId(version: Version): string {
    const runId = randomBytes(7).toString('base64url');
    this.runs.set(runId, version.version_name);
    return runId;
  }

  #versionList(body: Body): EmulatorReply {
    const invalid = missingField(body, ['env', 'service_name']) ?? wrongType(body, { limit: 'number', offset: 'number' });
    if (invalid) return invalid;
    const service = this.#serviceOf(body.env, body.service_name, 1);
    if (!isService(service)) return service;
    const limit = Number(body.limit ?? 20);
    const offset = Number(body.offset ?? 0);
    const newestFirst = [...service.versions].reverse();
    return ok({
      errcode: 0,
      errmsg: 'ok',
      total: newestFirst.length,
      items: newestFirst.slice(offset, offset + limit).map((v) => ({
        ...versionFields(v),
        buildid: 0,
        min_replicas: Number(v.settings.min_num ?? 0),
        max_replicas: Number(v.settings.max_num ?? 1),
      })),
    });
  }

  // docs/platform-facts.md#service-list: `env`; paged (limit at most 100, an assumption: the docs
  // give no bound) or whole, as serviceListPaging says; newest service first.
  #serviceList(body: Body): EmulatorReply {
    const invalid = missingField(body, ['env']) ?? wrongType(body, { limit: 'number', offset: 'number' });
    if (invalid) return invalid;
    const env = this.#env(body.env);
    if (!isEnv(env)) return env;
    const services = [...env.services.values()].reverse();
    const paged = this.serviceListPaging === 'paged';
    const limit = paged ? Math.min(Number(body.limit ?? 20), 100) : services.length;
    const offset = paged ? Number(body.offset ?? 0) : 0;
    return ok({
      errcode: 0,
      errmsg: 'ok',
      total: services.length,
      cslist: services.slice(offset, offset + limit).map((s) => ({
        server_name: s.name,
        created_time: chinaTime(s.created_time),
        updated_time: chinaTime(s.created_time),
        status: 'succ',
        vpcid: '',
        image_repo: typeof s.settings.image_repo === 'string' ? s.settings.image_repo : '',
      })),
    });
  }

  // docs/platform-facts.md#delete-version: is_delete_server only with the service's last version, is_delete_image only with
  // is_delete_server. Deleting a version with traffic is undocumented; the emulator refuses it so
  // that tests prove the action never tries.
  #deleteVersion(body: Body): EmulatorReply {
    const invalid =
      missingField(body, ['env_id', 'server_name', 'version_name']) ??
      wrongType(body, { version_name: 'string', is_delete_server: 'boolean', is_delete_image: 'boolean' });
    if (invalid) return invalid;
    const env = this.#env(body.env_id);
    if (!isEnv(env)) return env;
    const name = String(body.server_name);
    const service = env.services.get(name);
    if (!service) return wxError(40097, `ResourceNotFound.ServerNotFound: service ${name} not exist`);
    const version = service.versions.find((v) => v.version_name === body.version_name);
    if (!version) return wxError(40097, `ResourceNotFound.VersionNotFound: version ${String(body.version_name)} not exist`);
    if (version.flow_ratio > 0)
      return wxError(40097, `invalid args: version ${version.version_name} has traffic (flow_ratio ${version.flow_ratio})`);
    if (body.is_delete_image && !body.is_delete_server)
      return wxError(40097, 'invalid args: is_delete_image only works with is_delete_server');
    if (body.is_delete_server && service.versions.length > 1) {
      return wxError(40097, `invalid args: is_delete_server only works with the last version (${service.versions.length} versions left)`);
    }
    service.versions.splice(service.versions.indexOf(version), 1);
    if (body.is_delete_server) env.services.delete(name);
    return ok({ errcode: 0, errmsg: 'ok', result: 'succ' });
  }

  #versionDetail(body: Body): EmulatorReply {
    const invalid = missingField(body, ['env', 'service_name', 'version_name']);
    if (invalid) return invalid;
    const service = this.#serviceOf(body.env, body.service_name, 1);
    if (!isService(service)) return service;
    const v = service.versions.find((version) => version.version_name === body.version_name);
    if (!v) return wxError(40097, `ResourceNotFound.VersionNotFound: version ${String(body.version_name)} not exist`);
    return ok({
      errcode: 0,
      errmsg: 'ok',
      ...versionFields(v),
      image_url: v.image_url,
      cpu: Number(v.settings.cpu ?? 0.25),
      mem: Number(v.settings.mem ?? 0.5),
      minnum: Number(v.settings.min_num ?? 0),
      maxnum: Number(v.settings.max_num ?? 1),
      container_port: Number(v.settings.container_port ?? 80),
      policy_type: typeof v.settings.policy_type === 'string' ? v.settings.policy_type : 'cpu',
      policy_threshold: Number(v.settings.policy_threshold ?? 60),
      env_params: (v.settings.env_params as string | undefined) ?? '{}',
    });
  }

  /**
   * Assumed, as the docs do not say (docs/platform-facts.md#traffic-split; the strictest plausible reading): the shares must
   * add up to 100, every named version must exist, and only a version that is ready (`normal`) may
   * get a share; versions not listed get 0.
   */
  #setProportion(body: Body): EmulatorReply {
    const invalid = missingField(body, ['env', 'service_name', 'items']);
    if (invalid) return invalid;
    const service = this.#serviceOf(body.env, body.service_name);
    if (!isService(service)) return service;
    if (!Array.isArray(body.items)) return wxError(40097, 'invalid args: items must be array');
    const shares = new Map<string, number>();
    for (const item of body.items as Body[]) {
      const ratio = item?.flow_ratio;
      if (typeof ratio !== 'number' || !Number.isInteger(ratio) || ratio < 0 || ratio > 100)
        return wxError(40097, 'invalid args: flow_ratio must be 0-100');
      const version = service.versions.find((v) => v.version_name === item.version_name);
      if (!version) return wxError(40097, `ResourceNotFound.VersionNotFound: version ${String(item.version_name)} not exist`);
      if (ratio > 0 && version.status !== 'normal')
        return wxError(40097, `invalid args: version ${version.version_name} is ${version.status}, not ready for traffic`);
      shares.set(String(item.version_name), ratio);
    }
    const total = [...shares.values()].reduce((a, b) => a + b, 0);
    if (total !== 100) return wxError(40097, `invalid args: flow_ratio adds up to ${total}, not 100`);
    for (const v of service.versions) v.flow_ratio = shares.get(v.version_name) ?? 0;
    return ok({ errcode: 0, errmsg: 'ok' });
  }
}

/** The image_url of an image release, or the errcode answer when it is missing. */
function imageOf(body: Body): string | EmulatorReply {
  const image = body.image_info as { image_url?: unknown } | undefined;
  if (body.upload_type === 'image' && typeof image?.image_url !== 'string')
    return wxError(40101, 'missing parameter: image_info.image_url');
  return typeof image?.image_url === 'string' ? image.image_url : '';
}

/** Assumed errcode: the platform's is undocumented; its text is what WeChat's own CLI shows. */
function releaseInProgress(service: Service): EmulatorReply | undefined {
  return service.versions.some((v) => v.rollout)
    ? wxError(40097, 'ResourceInUse: 当前已有部署发布任务运行中 (a release of this service is in progress)')
    : undefined;
}

function isEnv(value: Env | EmulatorReply): value is Env {
  return 'services' in value;
}

function isService(value: Service | EmulatorReply): value is Service {
  return 'versions' in value;
}

function missingField(body: Body, fields: readonly string[]): EmulatorReply | undefined {
  const missing = fields.find((f) => body[f] === undefined || body[f] === '');
  return missing ? wxError(40101, `missing parameter: ${missing}`) : undefined;
}

function wrongType(body: Body, types: Readonly<Record<string, string>>): EmulatorReply | undefined {
  for (const [field, type] of Object.entries(types)) {
    const value = body[field];
    if (value !== undefined && typeof value !== type) return wxError(40097, `invalid args: ${field} must be ${type}`);
  }
  return undefined;
}

/** What both the list and the detail API say of a version. */
function versionFields(v: Version): Record<string, unknown> {
  return {
    version_name: v.version_name,
    status: v.status,
    flow_ratio: v.flow_ratio,
    created_time: chinaTime(v.created_time),
    updated_time: chinaTime(v.updated_time),
    upload_type: v.upload_type,
  };
}

/** "2020-12-08 20:56:10" in China time (UTC+8), as the platform writes times. */
export function chinaTime(date: Date): string {
  return new Date(date.getTime() + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
}
