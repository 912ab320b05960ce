import { troubleshootingLink } from '../docs.ts';
import { jsonObject, UnreadableAnswerError } from '../http/answer.ts';
import { excerpt } from '../http/excerpt.ts';
import { DryRunWriteError, type CallKind } from '../http/call-kind.ts';
import { isTransient, PlatformError, saysNotFound } from '../http/platform-error.ts';
import { httpRequest, type HttpRequest } from '../http/request.ts';
import { logRetry, withRetries, type CallLimits } from '../http/retry.ts';
import { describeCode } from './codes.ts';
import { t } from '../messages/messages.ts';

export interface ScnetAnswer {
  readonly code: string;
  readonly msg: string;
  readonly data: unknown;
}

export class ScnetApiError extends PlatformError {
  readonly api: string;
  readonly code: string;
  readonly msg: string;
  readonly refused = false;
  readonly retryAfterMs = undefined;
  constructor(api: string, code: string, msg: string) {
    const info = describeCode(code, api);
    super(
      t('ai.api_failed', { api, code, meaning: info.meaning, msg }),
      t('run.hint_link', { hint: info.hint, link: troubleshootingLink(`ai-${code}`) }),
    );
    this.name = 'ScnetApiError';
    this.api = api;
    this.code = code;
    this.msg = msg;
  }

  get transient(): boolean {
    return describeCode(this.code, this.api).transient === true;
  }

  /** Deleting a container that does not exist is not documented; the msg says so (src/http/platform-error.ts). */
  get notFound(): boolean {
    return saysNotFound(this.msg);
  }
}

export type ScnetCallOptions = CallLimits;

/**
 * How a call is made and checked. A read retries anything transient and reads a numeric code like
 * the documented string. A write is confirmed only by the documented string code "0", and is made
 * once here: the batch deleter (src/scnet/deleter.ts) repeats it itself, since it must know which
 * IDs an attempt that got no answer may have deleted.
 */
/** One call, checked: answers with code "0" or throws ScnetApiError (or UnreadableAnswerError). */
export async function scnetCall(
  options: ScnetCallOptions,
  api: string,
  req: Omit<HttpRequest, 'timeoutMs' | 'label'>,
  kind: CallKind,
  timeLeftMs = Infinity,
): Promise<ScnetAnswer> {
  const once = async (timeLeft: number) => {
    const res = await httpRequest({ ...req, label: t('ai.label', { api }), timeoutMs: Math.min(options.timeoutMs, timeLeft) });
    const answer = parseAnswer(api, res.body, kind);
    if (answer.code !== '0') throw new ScnetApiError(api, answer.code, answer.msg);
    return answer;
  };
  if (kind !== 'read') return once(timeLeftMs);
  return withRetries(
    (_attempt, timeLeft) => once(timeLeft),
    isTransient,
    options.retry,
    (err, delayMs) => logRetry(err, delayMs, api),
  );
}

function parseAnswer(api: string, body: string, kind: CallKind): ScnetAnswer {
  const answer = jsonObject(body);
  const code = answer?.code;
  if (answer && (typeof code === 'string' || (kind === 'read' && typeof code === 'number'))) {
    return { code: excerpt(String(code), 40), msg: typeof answer.msg === 'string' ? excerpt(answer.msg, 500) : '', data: answer.data };
  }
  // The braces are the answer's own: they go in as a parameter, so no message reads them as one.
  const fields = '{code, msg, data}';
  throw new UnreadableAnswerError(api, kind === 'read' ? t('ai.answer_shape', { fields }) : t('ai.answer_shape_write', { fields }), body);
}

const TASK_PATH = '/ai/openapi/v2/instance-service/task';

/** What clean-containers needs of a cluster's container API: ScnetClient, or a test's fake. */
export interface ContainerApi {
  /** The delete URL without its query string: batches are cut to keep the whole URL short. */
  readonly deleteUrl: string;
  /** One page of the container list, as the answer's `data`. */
  listPage(start: number, limit: number): Promise<unknown>;
  /** One DELETE of these IDs, within timeLeftMs of the caller's retry budget. */
  deleteOnce(ids: readonly string[], timeLeftMs: number): Promise<void>;
}

/**
 * The container APIs of one cluster's AI host, with its token in the `token` header. In a dry run
 * it refuses every call that is not a GET itself, so no operation can forget the dry run.
 */
export class ScnetClient implements ContainerApi {
  readonly #options: ScnetCallOptions;
  readonly #aiUrl: string;
  readonly #token: string;
  readonly #dryRun: boolean;

  constructor(options: ScnetCallOptions, aiUrl: string, token: string, dryRun: boolean) {
    this.#options = options;
    this.#aiUrl = aiUrl;
    this.#token = token;
    this.#dryRun = dryRun;
  }

  /** Every call goes through here, where a dry run stops writes. */
  async #call(api: string, req: Omit<HttpRequest, 'timeoutMs' | 'label'>, kind: CallKind, timeLeftMs?: number): Promise<ScnetAnswer> {
    if (this.#dryRun && kind !== 'read') throw new DryRunWriteError(api);
    return scnetCall(this.#options, api, req, kind, timeLeftMs);
  }

  /** The delete URL without its query string: batches are cut to keep the whole URL short. */
  get deleteUrl(): string {
    return `${this.#aiUrl}${TASK_PATH}`;
  }

  /**
   * One page of the container list, as the `data` of the answer. The documented form is sent: a
   * GET with a JSON body (start, limit, sort are required). The query-parameter form (`/task/list`)
   * is seen only in unofficial clients, so it is not relied on.
   */
  async listPage(start: number, limit: number): Promise<unknown> {
    const answer = await this.#call(
      'list containers',
      {
        method: 'GET',
        url: new URL(this.deleteUrl),
        headers: { token: this.#token, 'content-type': 'application/json' },
        body: JSON.stringify({ start, limit, sort: 'desc' }),
      },
      'read',
    );
    return answer.data;
  }

  /** One DELETE of these IDs, within timeLeftMs of the caller's retry budget. */
  async deleteOnce(ids: readonly string[], timeLeftMs: number): Promise<void> {
    const url = new URL(this.deleteUrl);
    // Serialised once: appending to url.searchParams one by one rewrites the whole URL each time.
    url.search = new URLSearchParams(ids.map((id): [string, string] => ['ids', id])).toString();
    await this.#call('delete containers', { method: 'DELETE', url, headers: { token: this.#token } }, 'idempotent', timeLeftMs);
  }
}
