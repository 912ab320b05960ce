import { ActionError } from '../errors.ts';

/**
 * The platform answered, but not in the shape its API documents (HTML from a gateway, truncated or
 * malformed JSON): whether the call took effect is unknown, as after a lost connection.
 */
export class UnreadableAnswerError extends ActionError {
  constructor(api: string, expected: string, body: string) {
    super(
      `${api} answered with something that is not ${expected}: ${JSON.stringify(body.slice(0, 120))}`,
      "a proxy or gateway may be answering instead of the platform; check the API URL inputs and the runner's network",
    );
    this.name = 'UnreadableAnswerError';
  }
}

/** The answer body as a JSON object, or undefined when it is anything else. */
export function jsonObject(body: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(body);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
