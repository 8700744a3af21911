/**
 * Timers that `cancelAll` resolves at once, so that a closing server does not keep requests (and
 * the test process) waiting out their latency.
 */
export class Pauses {
  readonly #pending = new Map<NodeJS.Timeout | NodeJS.Immediate, () => void>();
  #cancelled = false;

  /** Waits `ms` milliseconds; 0 still yields to the event loop, so concurrent streams interleave. */
  pause(ms: number): Promise<void> {
    if (this.#cancelled) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        this.#pending.delete(handle);
        resolve();
      };
      const handle: NodeJS.Timeout | NodeJS.Immediate =
        ms > 0 ? setTimeout(done, ms) : setImmediate(done);
      this.#pending.set(handle, resolve);
    });
  }

  /** Resolves every pending pause now and every later one immediately. */
  cancelAll(): void {
    this.#cancelled = true;
    for (const [handle, resolve] of this.#pending) {
      clearTimeout(handle as NodeJS.Timeout);
      clearImmediate(handle as NodeJS.Immediate);
      resolve();
    }
    this.#pending.clear();
  }
}
