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
 * One crowd per setup: `size` async tasks each, every task in a scope of its own session
 * entered the setup's way, with a request span active. They stay open between ticks (awaiting
 * a promise, as a request handler awaits its model call), so every scope and its context are
 * live while the others run; on a tick each task resumes in its own context and starts and ends
 * one span there. The setups' tasks are started in turn (task 0 of each setup, then task 1 of
 * each, and so on): every setup's scopes, contexts and spans are spread alike over the heap, so
 * no setup is favoured by where its objects happened to land.
 */
export function startCrowds(
  setups: Record<string, SpanSetup>,
  size: number,
): Record<string, Crowd> {
  const builders = Object.entries(setups).map(
    ([name, setup]) => [name, crowdBuilder(setup)] as const,
  );
  for (let i = 0; i < size; i++) for (const [, builder] of builders) builder.add(i);
  return Object.fromEntries(builders.map(([name, builder]) => [name, builder.crowd]));
}

function crowdBuilder(setup: SpanSetup): { add(i: number): void; crowd: Crowd } {
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
  const add = (i: number) => {
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
  };
  const crowd: Crowd = {
    tick() {
      remaining = tasks.length;
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
  return { add, crowd };
}
