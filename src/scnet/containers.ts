import { parseChinaTime } from '../china-time.ts';
import { ActionError } from '../errors.ts';
import { t } from '../messages/messages.ts';

/** The container statuses the platform documents (SCNet OpenAPI 2.0, container/query). */
export const CONTAINER_STATUSES = ['Running', 'Deploying', 'Waiting', 'Terminated', 'Failed', 'Completed'] as const;

export interface Container {
  readonly id: string;
  readonly name: string;
  /** The documented spelling of a known status; an unknown one as the platform wrote it (shown escaped). */
  readonly status: string;
  /** False for a status outside the documented six ("Stopped", 停止, …): no filter ever selects it. */
  readonly statusKnown: boolean;
  readonly taskType: string;
  /** Epoch ms; undefined when createTime is missing, a placeholder, or not understood. */
  readonly createdAt: number | undefined;
}

/** A list record the action cannot use: skipped, counted and shown, never deleted unless named in container_ids. */
export interface UnreadableRecord {
  /** The record as the list gave it: JSON, escaped and cut, safe for any log line or table. */
  readonly shown: string;
  readonly reason: string;
}

/** One record of a list page, in the order listed. */
export type ListRow = {
  /** Tells this record from the others, an unreadable one too: its id as given, or else its text. */
  readonly key: string;
  readonly createdAt: number | undefined;
} & (
  | { readonly container: Container; readonly unreadable?: undefined }
  | { readonly container?: undefined; readonly unreadable: UnreadableRecord }
);

export interface ListPage {
  readonly rows: readonly ListRow[];
  /** data.total when it is a non-negative integer (or its digits); whether to trust it is the listing's call. */
  readonly total: number | undefined;
}

/** The list answer is not what this action understands: nothing more is deleted. */
export class ListShapeError extends ActionError {
  constructor(detail: string) {
    super(t('ai.list_not_understood', { detail }), t('ai.list_not_understood.hint'));
    this.name = 'ListShapeError';
  }
}

// Same rule as the container_ids input: anything else could break a URL, log line or table.
const CONTAINER_ID = /^[A-Za-z0-9_-]{1,64}$/;
// Names, statuses and task types are text the action shows and compares: printable, one line,
// without the controls and bidirectional overrides that make a line read differently.
// eslint-disable-next-line no-control-regex
const LINE_TEXT = /^[^\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]*$/;
const MAX_NAME = 128;
const MAX_STATUS = 64;
const STATUS_SPELLING = new Map(CONTAINER_STATUSES.map((s) => [s.toLowerCase(), s]));
// Task types: ssh, jupyter, codeserver, rstudio are documented; any word of this shape is read.
const TASK_TYPE = /^[A-Za-z0-9_-]{0,32}$/;
// The envelopes public clients read the list from (docs/platform-facts.md#scnet-containers).
const ENVELOPES = ['records', 'list', 'data', 'items'] as const;

/**
 * The one place that reads the list answer's `data`, whose envelope the platform does not
 * document: an object with `records`, `list`, `data` or `items` (an array) and an optional
 * `total`, or `data` itself as an array. Anything else throws. A record the action cannot use
 * does not: it is a row marked unreadable, for the caller to skip and report.
 */
export function readListPage(data: unknown): ListPage {
  let rows: unknown;
  let totalGiven: unknown;
  if (Array.isArray(data)) {
    rows = data;
  } else if (typeof data === 'object' && data !== null) {
    const d = data as Record<string, unknown>;
    rows = ENVELOPES.map((name) => d[name]).find(Array.isArray);
    totalGiven = d.total;
  }
  if (!Array.isArray(rows))
    throw new ListShapeError(t('ai.list_data', { data: describe(data), envelopes: ENVELOPES.map((e) => `data.${e}`).join(', ') }));
  return { rows: rows.map(readRow), total: readTotal(totalGiven) };
}

/** A count as the answer gives it: a non-negative integer, or its digits; anything else is no count. */
function readTotal(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? value : undefined;
  return typeof value === 'string' && /^\d{1,15}$/.test(value) ? Number(value) : undefined;
}

function readRow(row: unknown): ListRow {
  const r = typeof row === 'object' && row !== null && !Array.isArray(row) ? (row as Record<string, unknown>) : undefined;
  const givenId = r && [r.id, r.instanceServiceId].find((v) => typeof v === 'string' || typeof v === 'number');
  const key = givenId === undefined ? `record ${shown(row)}` : String(givenId);
  const createdAt = parseTime(r?.createTime);
  const skip = (reason: string): ListRow => ({ key, createdAt, unreadable: { shown: shown(row), reason } });
  if (!r) return skip(t('ai.record_not_record', { what: describe(row) }));
  if (givenId === undefined) return skip(t('ai.record_no_id'));
  if (!CONTAINER_ID.test(key)) return skip(t('ai.record_bad_id'));
  const name = optionalText(r.instanceServiceName);
  if (name === undefined || name.length > MAX_NAME || !LINE_TEXT.test(name)) return skip(t('ai.record_bad_name', { max: MAX_NAME }));
  const taskType = optionalText(r.taskType);
  if (taskType === undefined || !TASK_TYPE.test(taskType)) return skip(t('ai.record_bad_task_type'));
  if (typeof r.status !== 'string' || r.status.length > MAX_STATUS || !LINE_TEXT.test(r.status)) return skip(t('ai.record_bad_status'));
  // Statuses are compared and shown in their documented spelling; any other is unknown.
  const known = STATUS_SPELLING.get(r.status.toLowerCase());
  const container = { id: key, name, status: known ?? r.status, statusKnown: known !== undefined, taskType, createdAt };
  return { key, createdAt, container };
}

/** Text, '' when the field is absent; undefined when it is something else. */
function optionalText(value: unknown): string | undefined {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : undefined;
}

// What JSON leaves as it is but a log line or table must not hold: C1 controls, DEL, line and
// paragraph separators, bidirectional overrides.
const UNSHOWN = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const MAX_SHOWN = 160;

/** A record as it can be shown anywhere: its JSON with every control character escaped, cut. */
function shown(row: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(row) ?? String(row);
  } catch {
    text = String(row);
  }
  const escaped = text.replace(UNSHOWN, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  const chars = [...escaped];
  return chars.length > MAX_SHOWN ? `${chars.slice(0, MAX_SHOWN).join('')}…` : escaped;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return t('ai.an_array');
  if (typeof value === 'object') return t('ai.an_object', { keys: Object.keys(value).slice(0, 8).join(', ') || t('ai.no_keys') });
  return typeof value;
}

/**
 * No container of this platform was created before this: an earlier time is a placeholder (0,
 * "1970-01-01 08:00:00", Go's zero time 0001-01-01T00:00:00Z) and says nothing about its age.
 */
const EARLIEST = Date.UTC(2000, 0, 1);

/**
 * createTime in the forms seen on this platform family: epoch seconds (10 digits) or milliseconds
 * (13 digits), as a number or digits; "2023-06-07 10:12:13" or "2023/06/07 10:12:13" (China time,
 * as the platform writes times); ISO 8601 with a zone. Anything else, a placeholder included, is
 * unknown.
 */
export function parseTime(value: unknown): number | undefined {
  const ms = readTime(value);
  return ms !== undefined && ms >= EARLIEST ? ms : undefined;
}

function readTime(value: unknown): number | undefined {
  if (typeof value === 'number') return fromEpoch(value);
  if (typeof value !== 'string') return undefined;
  if (/^\d+$/.test(value)) return fromEpoch(Number(value));
  return parseChinaTime(value.replace(/^(\d{4})\/(\d{2})\/(\d{2})(?=[ T])/, '$1-$2-$3'), true);
}

/** Epoch seconds or milliseconds by their size; other digits (20240607, 20240607101213) are no known form. */
function fromEpoch(n: number): number | undefined {
  if (!Number.isFinite(n)) return undefined;
  if (n >= 1e9 && n < 1e10) return n * 1000;
  if (n >= 1e12 && n < 1e13) return n;
  return undefined;
}
