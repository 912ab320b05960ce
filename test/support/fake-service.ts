import { ActionError } from '../../src/errors.ts';
import { formatChinaTime } from '../../src/china-time.ts';
import type { ReleaseService } from '../../src/wechat/service.ts';
import type { TrafficItem } from '../../src/wechat/traffic-item.ts';
import type { ServiceSettings } from '../../src/wechat/settings.ts';
import type { VersionDetail, VersionInfo } from '../../src/wechat/version-list.ts';

// An in-memory Cloud Hosting service behind the interface the strategies use, for unit tests that
// assert on results: versions are created ready at once, splits apply as sent, and a test can make
// any call fail or change the world between two calls.

export interface FakeVersion {
  version_name: string;
  status: string;
  flow_ratio: number;
  createdAt: number;
  image_url: string;
}

const DAY = 86_400_000;

export class FakeService implements ReleaseService {
  readonly env = 'env-fake';
  readonly name = 'shop-api';
  readOnly = false;
  /** Oldest first. */
  readonly list: FakeVersion[] = [];
  /** Every call, in order: `versions`, `createVersion`, `setSplit shop-api-002=10,shop-api-001=90`, … */
  readonly calls: string[] = [];
  /** Runs before each call: throw to fail it, or change the world. */
  before: (call: string) => void = () => {};
  /** The status a created version reads with, on each read after it was created. */
  statuses: string[] = ['normal'];
  #next = 1;
  #reads = new Map<string, number>();

  /** Versions by flow_ratio, oldest first, a day apart. */
  constructor(shares: readonly number[] = [], image = 'ccr.ccs.tencentyun.com/shop/api:v1') {
    for (const [i, flow_ratio] of shares.entries())
      this.list.push({
        version_name: this.#nextName(),
        status: 'normal',
        flow_ratio,
        createdAt: Date.now() - (shares.length - i) * DAY,
        image_url: image,
      });
  }

  #nextName(): string {
    return `shop-api-${String(this.#next++).padStart(3, '0')}`;
  }

  #call(call: string): void {
    this.calls.push(call);
    this.before(call);
  }

  /** The serving shares now. */
  split(): Record<string, number> {
    return Object.fromEntries(this.list.filter((v) => v.flow_ratio > 0).map((v) => [v.version_name, v.flow_ratio]));
  }

  versions(): Promise<VersionInfo[]> {
    this.#call('versions');
    for (const v of this.list) {
      const reads = this.#reads.get(v.version_name);
      if (reads === undefined) continue;
      v.status = this.statuses[Math.min(reads, this.statuses.length - 1)];
      this.#reads.set(v.version_name, reads + 1);
    }
    return Promise.resolve(
      [...this.list].reverse().map((v) => {
        const created_time = formatChinaTime(v.createdAt);
        return {
          version_name: v.version_name,
          status: v.status,
          flow_ratio: v.flow_ratio,
          created_time,
          createdAt: v.createdAt,
          updated_time: created_time,
        };
      }),
    );
  }

  exists(): Promise<boolean> {
    this.#call('exists');
    return Promise.resolve(true);
  }

  detail(version_name: string): Promise<VersionDetail> {
    this.#call(`detail ${version_name}`);
    const v = this.list.find((x) => x.version_name === version_name);
    if (!v) throw new ActionError(`no version ${version_name}`);
    const settings = {
      cpu: 1,
      mem: 2,
      min_num: 1,
      max_num: 3,
      container_port: 8080,
      policy_type: 'cpu',
      policy_threshold: 70,
      env_params: '{"MODE":"blue"}',
    };
    return Promise.resolve({ status: v.status, image_url: v.image_url, settings });
  }

  create(_settings: ServiceSettings): Promise<boolean> {
    this.#call('create');
    return Promise.resolve(true);
  }

  rollingUpdate(body: Readonly<Record<string, unknown>>): Promise<string> {
    this.#call('rollingUpdate');
    const replaced = this.list.at(-1)!;
    const version = this.#add(body, replaced.flow_ratio);
    this.list.splice(this.list.indexOf(replaced), 1);
    return Promise.resolve(`run-${version.version_name}`);
  }

  createVersion(body: Readonly<Record<string, unknown>>): Promise<{ runId: string; version_name: string }> {
    this.#call('createVersion');
    const version = this.#add(body, Number(body.flow_ratio));
    return Promise.resolve({ runId: `run-${version.version_name}`, version_name: version.version_name });
  }

  #add(body: Readonly<Record<string, unknown>>, flow_ratio: number): FakeVersion {
    const image = (body.image_info as { image_url: string }).image_url;
    const version = { version_name: this.#nextName(), status: 'building', flow_ratio, createdAt: Date.now(), image_url: image };
    this.list.push(version);
    this.#reads.set(version.version_name, 0);
    return version;
  }

  deleteVersion(version_name: string): Promise<void> {
    this.#call(`deleteVersion ${version_name}`);
    this.list.splice(
      this.list.findIndex((v) => v.version_name === version_name),
      1,
    );
    return Promise.resolve();
  }

  setSplit(items: readonly TrafficItem[]): Promise<void> {
    this.#call(`setSplit ${items.map((i) => `${i.version_name}=${i.flow_ratio}`).join(',')}`);
    for (const item of items) {
      const v = this.list.find((x) => x.version_name === item.version_name);
      if (v) v.flow_ratio = item.flow_ratio;
    }
    return Promise.resolve();
  }
}
