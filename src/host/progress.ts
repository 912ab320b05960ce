import { clock } from '../clock.ts';

// Progress in a log that is read later (the Actions log, a CI log file): a plain line every 10% or
// every 10 s, whichever comes later, so a long run is never silent and a short one is not noisy.
const STEP = 0.1;
const EVERY_MS = 10_000;

export class ProgressThrottle {
  readonly #now: () => number;
  #lastFraction = 0;
  #lastAt: number;

  constructor(now: () => number = () => clock.now()) {
    this.#now = now;
    this.#lastAt = now();
  }

  /** True when this report deserves a line. */
  due(done: number, total: number): boolean {
    const fraction = total > 0 ? done / total : 0;
    const now = this.#now();
    if (fraction - this.#lastFraction < STEP || now - this.#lastAt < EVERY_MS) return false;
    this.#lastFraction = fraction;
    this.#lastAt = now;
    return true;
  }
}
