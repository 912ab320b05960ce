import { parseChinaTime } from '../china-time.ts';
import { ActionError, quoted } from '../errors.ts';

/** The container statuses the platform documents (SCNet OpenAPI 2.0, container/query). */
export const CONTAINER_STATUSES = ['Running', 'Deploying', 'Waiting', 'Terminated', 'Failed', 'Completed'] as const;

export interface Container {
  readonly id: string;
  readonly name: string;
  readonly status: string;
  readonly taskType: string;
  /** Epoch ms; undefined when createTime is missing or not understood. */
  readonly createdAt: number | undefined;
}

export interface ListPage {
  readonly records: readonly Container[];
  /** data.total when the answer has one. */
  readonly total: number | undefined;
}

/** The list answer is not what this action understands: nothing more is deleted. */
export class ListShapeError extends ActionError {
  constructor(detail: string) {
    super(
      `the container list answer is not understood (${detail})`,
      'the platform may have changed its list API: use container_ids instead, and report the answer shape to the action maintainers',
    );
    this.name = 'ListShapeError';
  }
}

// Same rule as the container_ids input: anything else could break a URL, log line or table.
const CONTAINER_ID = /^[A-Za-z0-9_-]{1,64}$/;
// Names are the user's own (instanceServiceName, shape not documented): any printable text, one
// line, without the controls and bidirectional overrides that make a line read differently.
// eslint-disable-next-line no-control-regex
const CONTAINER_NAME = /^[^\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]{0,128}$/;
const STATUS_SPELLING = new Map(CONTAINER_STATUSES.map((s) => [s.toLowerCase(), s]));
// Task types: ssh, jupyter, codeserver, rstudio are documented; any word of this shape is read.
const TASK_TYPE = /^[A-Za-z0-9_-]{0,32}$/;

/**
 * The one place that reads the list answer's `data`, whose envelope the platform does not document.
 * Accepted: an object with `records` (as the sibling list APIs answer) or `list`, each an array,
 * with an optional numeric `total`; or `data` itself as an array. Each record needs an `id`; the
 * fields read are instanceServiceName, status, taskType and createTime. Anything else throws.
 */
export function readListPage(data: unknown): ListPage {
  let rows: unknown;
  let total: number | undefined;
  if (Array.isArray(data)) {
    rows = data;
  } else if (typeof data === 'object' && data !== null) {
    const d = data as Record<string, unknown>;
    rows = Array.isArray(d.records) ? d.records : Array.isArray(d.list) ? d.list : undefined;
    if (d.total !== undefined && d.total !== null) {
      total = Number(d.total);
      if (!Number.isInteger(total) || total < 0) throw new ListShapeError(`data.total is ${JSON.stringify(d.total)}`);
    }
  }
  if (!Array.isArray(rows)) throw new ListShapeError(`data is ${describe(data)}; expected data.records, data.list or an array`);
  return { records: rows.map(readRecord), total };
}

function readRecord(row: unknown, index: number): Container {
  if (typeof row !== 'object' || row === null) throw new ListShapeError(`record ${index} is ${describe(row)}`);
  const r = row as Record<string, unknown>;
  const id = typeof r.id === 'string' || typeof r.id === 'number' ? String(r.id) : '';
  if (!CONTAINER_ID.test(id)) throw new ListShapeError(`record ${index} has no usable id: ${quoted(id)}`);
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  const name = text(r.instanceServiceName);
  const taskType = text(r.taskType);
  // Statuses are compared and shown in their documented spelling; any other is not understood.
  const status = STATUS_SPELLING.get(text(r.status).toLowerCase());
  if (!CONTAINER_NAME.test(name))
    throw new ListShapeError(`record ${index} has an instanceServiceName that is not a name: ${quoted(name)}`);
  if (!status) throw new ListShapeError(`record ${index} has a status that is not documented: ${quoted(text(r.status))}`);
  if (!TASK_TYPE.test(taskType)) throw new ListShapeError(`record ${index} has a taskType that is not a task type: ${quoted(taskType)}`);
  return { id, name, status, taskType, createdAt: parseTime(r.createTime) };
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return `an object with keys ${Object.keys(value).slice(0, 8).join(', ') || '(none)'}`;
  return typeof value;
}

/**
 * createTime in the forms seen on this platform family: epoch seconds or milliseconds (number or
 * digits), "2023-06-07 10:12:13" (China time, as the platform writes times), or ISO 8601 with a zone.
 * 0 is how a missing number is written, not 1970: an unknown age, never an old one.
 */
export function parseTime(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value > 0 ? (value < 1e11 ? value * 1000 : value) : undefined;
  if (typeof value !== 'string') return undefined;
  return /^\d{1,15}$/.test(value) ? parseTime(Number(value)) : parseChinaTime(value, true);
}
