import type { EmulatorReply } from './http.ts';

/**
 * One injected fault. It applies to the next `times` requests whose path contains `match`
 * (every request when match is empty).
 */
export interface Fault {
  readonly match?: string;
  /** Only requests with this method (the AI list and delete share a path). */
  readonly method?: string;
  /** How many matching requests it applies to (default 1). */
  readonly times?: number;
  /** Let this many matching requests through untouched first (the final status, not the first). */
  readonly skip?: number;
  /**
   * Let the real handler run first, on arrival, so the change lands, then answer with the fault
   * (or, with only delayMs, answer late with what was true on arrival).
   */
  readonly afterHandling?: boolean;
  /** Wait this long before answering. */
  readonly delayMs?: number;
  /** Close the connection without an answer. */
  readonly drop?: boolean;
  /** Close the connection as soon as the request line and headers arrive, before reading the body. */
  readonly dropBeforeBody?: boolean;
  /** Send the headers and this many bytes of the body, then stall until the client gives up. */
  readonly stallAfterBytes?: number;
  /** Send the body at this rate, as a slow link would. */
  readonly bytesPerSecond?: number;
  /** Answer with this instead of the handler's answer (an errcode, a 5xx, malformed JSON). */
  readonly reply?: EmulatorReply;
}

export class FaultQueue {
  readonly #faults: { fault: Fault; left: number; skip: number }[] = [];
  /** How many requests a fault was applied to. */
  applied = 0;
  /** The faults applied, in order, once per request. */
  readonly taken: Fault[] = [];

  inject(...faults: Fault[]): void {
    for (const fault of faults) this.#faults.push({ fault, left: fault.times ?? 1, skip: fault.skip ?? 0 });
  }

  clear(): void {
    this.#faults.length = 0;
  }

  /** The fault for this request, if any, consumed once. */
  take(path: string, method: string): Fault | undefined {
    const entry = this.#faults.find(
      (f) => f.left > 0 && path.includes(f.fault.match ?? '') && (!f.fault.method || f.fault.method === method),
    );
    if (!entry) return undefined;
    if (entry.skip > 0) {
      entry.skip -= 1;
      return undefined;
    }
    entry.left -= 1;
    this.applied += 1;
    this.taken.push(entry.fault);
    return entry.fault;
  }
}
