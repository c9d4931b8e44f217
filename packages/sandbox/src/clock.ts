/**
 * The time source of the sandbox: pipelines progress, timestamps and seeded
 * history all read it, so tests can drive everything with a manual clock.
 *
 * @public
 */
export interface SandboxClock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Runs `fn` after `delayMs`; returns a function that cancels it. */
  setTimer(delayMs: number, fn: () => void): () => void;
}

/**
 * The wall clock, with timers that never keep the process alive.
 *
 * @public
 */
export class SystemClock implements SandboxClock {
  now(): number {
    return Date.now();
  }

  setTimer(delayMs: number, fn: () => void): () => void {
    const handle = setTimeout(fn, delayMs);
    handle.unref?.();
    return () => clearTimeout(handle);
  }
}

interface Timer {
  at: number;
  seq: number;
  fn: () => void;
}

/**
 * A clock that only moves when told to, for tests: `advance` fires the due
 * timers in time order, including timers they schedule within the window.
 *
 * @public
 */
export class ManualClock implements SandboxClock {
  #now: number;
  #seq = 0;
  #timers: Timer[] = [];

  constructor(startMs: number = Date.now()) {
    this.#now = startMs;
  }

  now(): number {
    return this.#now;
  }

  setTimer(delayMs: number, fn: () => void): () => void {
    const timer = {
      at: this.#now + Math.max(0, delayMs),
      seq: this.#seq++,
      fn,
    };
    this.#timers.push(timer);
    return () => {
      this.#timers = this.#timers.filter(t => t !== timer);
    };
  }

  /** Moves time forward by `ms`, firing every timer that falls due. */
  async advance(ms: number): Promise<void> {
    const until = this.#now + ms;
    for (;;) {
      const next = this.#timers
        .filter(t => t.at <= until)
        .sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!next) break;
      this.#timers = this.#timers.filter(t => t !== next);
      this.#now = next.at;
      next.fn();
      // Let promise callbacks the timer started run before the next one.
      await new Promise(resolve => setImmediate(resolve));
    }
    this.#now = until;
  }

  /** Number of timers not yet fired. */
  pending(): number {
    return this.#timers.length;
  }
}
