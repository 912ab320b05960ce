import { ActionError } from '../errors.ts';
import { excerpt } from './excerpt.ts';
import { t } from '../messages/messages.ts';

/**
 * The platform answered, but not in the shape its API documents (HTML from a gateway, truncated or
 * malformed JSON): whether the call took effect is unknown, as after a lost connection.
 */
export class UnreadableAnswerError extends ActionError {
  /** expected: the shape the API documents, in words. */
  constructor(api: string, expected: string, body: string) {
    super(t('http.unreadable', { api, expected, body: JSON.stringify(excerpt(body, 120)) }), t('http.unreadable.hint'));
    this.name = 'UnreadableAnswerError';
  }
}

/** The answer body as a JSON object, or undefined when it is anything else. */
export function jsonObject(body: string): Record<string, unknown> | undefined {
  try {
    // A UTF-8 byte order mark is allowed before JSON text (RFC 8259 lets a parser ignore it); some
    // gateways add one.
    const parsed: unknown = JSON.parse(body.replace(/^\uFEFF/, ''));
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
