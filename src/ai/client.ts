import { troubleshootingLink } from '../docs.ts';
import { ActionError } from '../errors.ts';
import { jsonObject, UnreadableAnswerError } from '../http/answer.ts';
import { HttpError, httpRequest, type HttpRequest } from '../http/request.ts';
import { withRetries, type RetryPolicy } from '../http/retry.ts';
import { describeCode, saysNotFound } from './codes.ts';
import * as log from '../log.ts';

export interface AiAnswer {
  readonly code: string;
  readonly msg: string;
  readonly data: unknown;
}

export class AiApiError extends ActionError {
  readonly api: string;
  readonly code: string;
  readonly msg: string;
  constructor(api: string, code: string, msg: string) {
    const info = describeCode(code);
    super(`${api} failed: code ${code} (${info.meaning}): ${msg}`, `${info.hint} (${troubleshootingLink(`ai-${code}`)})`);
    this.name = 'AiApiError';
    this.api = api;
    this.code = code;
    this.msg = msg;
  }

  get transient(): boolean {
    return describeCode(this.code).transient === true;
  }

  get notFound(): boolean {
    return saysNotFound(this.msg);
  }
}

export interface AiCallOptions {
  readonly timeoutMs: number;
  readonly retry: RetryPolicy;
}

/** Worth repeating: the platform or the network had a hiccup, not a verdict on the request. */
export function isTransientFailure(err: unknown): boolean {
  if (err instanceof HttpError) return err.isTransient;
  if (err instanceof AiApiError) return err.transient;
  return err instanceof UnreadableAnswerError;
}

/** The failure may have come after the platform acted on the request. */
export function mayHaveTakenEffect(err: unknown): boolean {
  if (err instanceof HttpError) return err.mayHaveReachedServer;
  return err instanceof UnreadableAnswerError || (err instanceof AiApiError && err.transient);
}

/** One call, checked: answers with code "0" or throws AiApiError. Transient failures are retried when `retry` is set. */
export async function aiCall(
  options: AiCallOptions,
  api: string,
  req: Omit<HttpRequest, 'timeoutMs' | 'label'>,
  retry: boolean,
): Promise<AiAnswer> {
  const once = async () => {
    const res = await httpRequest({ ...req, label: `AI platform ${api}`, timeoutMs: options.timeoutMs });
    const answer = parseAnswer(api, res.body);
    if (answer.code !== '0') throw new AiApiError(api, answer.code, answer.msg);
    return answer;
  };
  if (!retry) return once();
  return withRetries(once, isTransientFailure, options.retry, (err, delayMs) =>
    log.warning(`${api}: ${(err as Error).message}; retrying in ${(delayMs / 1000).toFixed(1)}s`),
  );
}

function parseAnswer(api: string, body: string): AiAnswer {
  const answer = jsonObject(body);
  // code is documented as a string; a number is read the same way rather than failing on it.
  if (answer && (typeof answer.code === 'string' || typeof answer.code === 'number')) {
    return {
      code: String(answer.code).slice(0, 40),
      msg: typeof answer.msg === 'string' ? answer.msg.slice(0, 500) : '',
      data: answer.data,
    };
  }
  throw new UnreadableAnswerError(api, 'a {code, msg, data} object', body);
}

const TASK_PATH = '/ai/openapi/v2/instance-service/task';

/** A write was attempted in a dry run: a bug in the action, caught before anything was sent. */
export class DryRunWriteError extends Error {
  constructor(api: string) {
    super(`internal error: ${api} is a write, refused in a dry run (nothing was sent); please report this`);
    this.name = 'DryRunWriteError';
  }
}

/**
 * The container APIs of one cluster's AI host, with its token in the `token` header. In a dry run
 * it refuses every call that is not a GET itself, so no operation can forget the dry run.
 */
export class AiClient {
  readonly #options: AiCallOptions;
  readonly #aiUrl: string;
  readonly #token: string;
  readonly #dryRun: boolean;

  constructor(options: AiCallOptions, aiUrl: string, token: string, dryRun: boolean) {
    this.#options = options;
    this.#aiUrl = aiUrl;
    this.#token = token;
    this.#dryRun = dryRun;
  }

  /** Every call goes through here, where a dry run stops writes. */
  async #call(api: string, req: Omit<HttpRequest, 'timeoutMs' | 'label'>, retry: boolean): Promise<AiAnswer> {
    if (this.#dryRun && req.method !== 'GET') throw new DryRunWriteError(api);
    return aiCall(this.#options, api, req, retry);
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
      true,
    );
    return answer.data;
  }

  /** One DELETE of these IDs, not retried: the caller decides, since it must track what may have happened. */
  async deleteOnce(ids: readonly string[]): Promise<void> {
    const url = new URL(this.deleteUrl);
    for (const id of ids) url.searchParams.append('ids', id);
    await this.#call('delete containers', { method: 'DELETE', url, headers: { token: this.#token } }, false);
  }
}
