import { context, trace } from '@opentelemetry/api';
import type { SpanSetup } from '../setups/span-setups';

/** Scopes held open at once, each in its own async task, waiting to start spans. */
export interface Crowd {
  /** Every scope starts and ends one span; resolves when the last has. */
  tick(): Promise<void>;
  /** Lets every task leave its scope and end its request span. */
  stop(): Promise<void>;
}

/**
 * `size` async tasks, each in a scope of its own session entered the setup's way, with a
 * request span active. They stay open between ticks (awaiting a promise, as a request handler
 * awaits its model call), so every scope and its context are live while the others run; on a
 * tick each task resumes in its own context and starts and ends one span there.
 */
export function startCrowd(setup: SpanSetup, size: number): Crowd {
  let waiting: Array<() => void> = [];
  let stopped = false;
  let remaining = 0;
  let finish = () => {};
  const next = () => new Promise<void>((resolve) => waiting.push(resolve));
  const release = () => {
    const woken = waiting;
    waiting = [];
    for (const resolve of woken) resolve();
  };
  const tasks: Array<Promise<void>> = [];
  for (let i = 0; i < size; i++) {
    const fields = { sessionId: `conv-${i}`, userId: `user-${i % 50}` };
    tasks.push(
      setup.enter(fields, async () => {
        const request = setup.tracer.startSpan('request');
        try {
          await context.with(trace.setSpan(context.active(), request), async () => {
            for (;;) {
              await next();
              if (stopped) return;
              setup.tracer.startSpan('work').end();
              if (--remaining === 0) finish();
            }
          });
        } finally {
          request.end();
        }
      }),
    );
  }
  return {
    tick() {
      remaining = size;
      const done = new Promise<void>((resolve) => {
        finish = resolve;
      });
      release();
      return done;
    },
    async stop() {
      stopped = true;
      release();
      await Promise.all(tasks);
    },
  };
}
