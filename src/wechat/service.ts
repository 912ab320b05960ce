import { ActionError, errorMessage } from '../errors.ts';
import { mayHaveTakenEffect } from '../http/platform-error.ts';
import { HttpError } from '../http/request.ts';
import { createServiceBody } from './bodies.ts';
import type { TrafficItem } from './traffic-item.ts';
import { WechatApiError, type WechatAnswer, type WechatClient } from './client.ts';
import { isAlreadyExists, isReleaseInProgress } from './conditions.ts';
import { listServices } from './service-list.ts';
import { RUN_ID, VERSION_NAME } from './shapes.ts';
import type { ServiceSettings } from './settings.ts';
import { getVersionDetail, listVersions, type VersionDetail, type VersionInfo } from './version-list.ts';
import { t } from '../messages/messages.ts';

// One Cloud Hosting service in domain terms: its versions, a new version beside them, a rolling
// update of one, the traffic split. The API names and their quirks (env vs env_id, "propotion")
// stay here. Writes go through the client, which refuses them on a dry run.

export const API = {
  createService: 'establishcloudbaserunserver',
  createVersion: 'createcloudbaserunserverversion',
  rollingUpdate: 'rollupdatecloudbaserunserverversion',
  setSplit: 'setcspropotion',
  deleteVersion: 'deletecloudbaserunserverversion',
} as const;

/**
 * What the operations need of a service: the interface the strategies, the traffic guard and the
 * tests' fakes share. CloudService is the one on WeChat.
 */
export interface ReleaseService {
  readonly env: string;
  readonly name: string;
  /** A dry run: only reads reach the platform. */
  readonly readOnly: boolean;
  versions(concurrency?: number): Promise<VersionInfo[]>;
  exists(): Promise<boolean>;
  detail(version_name: string): Promise<VersionDetail>;
  /** Creates the service; false when it turned out to exist already. */
  create(settings: ServiceSettings): Promise<boolean>;
  /** Throws ReleaseInProgressError while another release of the service runs. */
  rollingUpdate(body: Readonly<Record<string, unknown>>): Promise<string>;
  /** Throws ReleaseInProgressError while another release of the service runs. */
  createVersion(body: Readonly<Record<string, unknown>>): Promise<{ runId: string; version_name: string }>;
  deleteVersion(version_name: string, also: { withService: boolean; withImage: boolean }): Promise<void>;
  setSplit(items: readonly TrafficItem[]): Promise<void>;
}

/** The platform refused a release because another release of the service runs: it did not act. */
export class ReleaseInProgressError extends ActionError {
  readonly errmsg: string;
  constructor(err: WechatApiError) {
    super(err.message, err.hint, { cause: err });
    this.name = 'ReleaseInProgressError';
    this.errmsg = err.errmsg;
  }
}

export class CloudService implements ReleaseService {
  readonly client: WechatClient;
  readonly env: string;
  readonly name: string;

  constructor(client: WechatClient, env: string, name: string) {
    this.client = client;
    this.env = env;
    this.name = name;
  }

  /** A dry run: only reads reach WeChat. */
  get readOnly(): boolean {
    return this.client.readOnly;
  }

  /** Every version, newest first, its pages read `concurrency` at a time. */
  versions(concurrency?: number): Promise<VersionInfo[]> {
    return listVersions(this.client, this.env, this.name, concurrency);
  }

  /** Whether the environment lists the service (getcslist): an empty or missing version list does not say. */
  async exists(): Promise<boolean> {
    return (await listServices(this.client, this.env)).names.includes(this.name);
  }

  detail(version_name: string): Promise<VersionDetail> {
    return getVersionDetail(this.client, this.env, this.name, version_name);
  }

  /** Creates the service, which has no version yet (docs/platform-facts.md#create-service). */
  async create(settings: ServiceSettings): Promise<boolean> {
    try {
      await this.client.call(API.createService, createServiceBody(this.env, this.name, settings), 'idempotent');
      return true;
    } catch (err) {
      // A retried create may find the service its first attempt made.
      if (err instanceof WechatApiError && isAlreadyExists(err)) return false;
      throw err;
    }
  }

  /** Starts a rolling update (docs/platform-facts.md#rolling-update); returns its run_id. */
  async rollingUpdate(body: Readonly<Record<string, unknown>>): Promise<string> {
    const answer = await this.#sendOnce(API.rollingUpdate, body);
    if (!answer.run_id) {
      throw new ActionError(
        t('wechat.no_run_id', { api: API.rollingUpdate, result: JSON.stringify(answer.result ?? null) }),
        t('wechat.no_run_id.hint'),
      );
    }
    return answer.run_id;
  }

  /**
   * Starts a new version beside the others (docs/platform-facts.md#create-version); returns its name
   * and run_id. Either may be empty: an accepted create may answer "creating" before the version
   * has a name (the caller finds it in the list), and its run_id may be null.
   */
  async createVersion(body: Readonly<Record<string, unknown>>): Promise<{ runId: string; version_name: string }> {
    const answer = await this.#sendOnce(API.createVersion, body);
    const version_name = typeof answer.version_name === 'string' && VERSION_NAME.test(answer.version_name) ? answer.version_name : '';
    return { runId: answer.run_id, version_name };
  }

  /**
   * Deletes a version (docs/platform-facts.md#delete-version); with withService, the service goes
   * with it (the platform accepts that only with its last version), and withImage its image too.
   * Repeating it is harmless: the caller reads a "not found" after an attempt that may have landed
   * as already done.
   */
  async deleteVersion(version_name: string, also: { withService: boolean; withImage: boolean }): Promise<void> {
    const flags = also.withService ? { is_delete_server: true, ...(also.withImage ? { is_delete_image: true } : {}) } : {};
    await this.client.call(API.deleteVersion, { env_id: this.env, server_name: this.name, version_name, ...flags }, 'idempotent');
  }

  /** Sends a traffic split (docs/platform-facts.md#traffic-split); src/traffic/guard.ts confirms it by reading it back. */
  async setSplit(items: readonly TrafficItem[]): Promise<void> {
    await this.client.call(API.setSplit, { env: this.env, service_name: this.name, items }, 'idempotent');
  }

  /**
   * A release call: never repeated once it may have reached WeChat, as a second could stack a
   * release on the first. A refusal because another release runs says the platform did not act,
   * whatever its errcode (-1 included): the caller waits that out.
   */
  async #sendOnce(api: string, body: Readonly<Record<string, unknown>>): Promise<WechatAnswer & { run_id: string }> {
    try {
      const answer = await this.client.call(api, { ...body }, 'once');
      return { ...answer, run_id: typeof answer.run_id === 'string' && RUN_ID.test(answer.run_id) ? answer.run_id : '' };
    } catch (err) {
      if (err instanceof WechatApiError && isReleaseInProgress(err)) throw new ReleaseInProgressError(err);
      if (mayHaveTakenEffect(err)) {
        throw new ActionError(
          t('wechat.outcome_unknown', { api, error: errorMessage(err) }),
          err instanceof HttpError && err.hint
            ? t('wechat.outcome_unknown.network_hint', { hint: t('wechat.outcome_unknown.hint'), network: err.hint })
            : t('wechat.outcome_unknown.hint'),
          { cause: err },
        );
      }
      throw err;
    }
  }
}
