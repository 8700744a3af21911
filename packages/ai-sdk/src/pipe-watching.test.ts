import { describe, expect, it } from 'vitest';
import { recorder } from '../test/stream-watch-recorder';
import { pipeWatching } from './pipe-watching';
import type { StreamWatch } from './stream-watch';

/** A source that records its pulls and its cancel reason; fails after its chunks if told to. */
function source(chunks: unknown[], failure?: Error) {
  const seen = { pulls: 0, cancelled: undefined as unknown };
  let next = 0;
  const stream = new ReadableStream<unknown>(
    {
      pull(controller) {
        seen.pulls++;
        if (next < chunks.length) controller.enqueue(chunks[next++]);
        else if (failure) controller.error(failure);
        else controller.close();
      },
      cancel(reason) {
        seen.cancelled = reason;
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, seen };
}

/** A TransformStream like the AI SDK's: an async transform that passes chunks on. */
function sdkTransform(fail?: Error) {
  return new TransformStream<unknown, unknown>({
    async transform(chunk, controller) {
      if (fail) throw fail;
      controller.enqueue(chunk);
    },
  });
}

async function readAll(stream: ReadableStream<unknown>, events: string[] = []): Promise<unknown[]> {
  const out: unknown[] = [];
  try {
    for await (const chunk of stream as unknown as AsyncIterable<unknown>) out.push(chunk);
  } catch (error) {
    events.push(`reader got: ${(error as Error).message}`);
  }
  return out;
}

/** Pipes like the SDK does, natively (`pipeThrough`) or by hand, into a fresh transform. */
const pipes = {
  native: (stream: ReadableStream<unknown>, transform: TransformStream<unknown, unknown>) =>
    stream.pipeThrough(transform),
  watching: (
    stream: ReadableStream<unknown>,
    transform: TransformStream<unknown, unknown>,
    watch: StreamWatch = recorder().watch,
  ) => {
    pipeWatching(stream, transform.writable, watch);
    return transform.readable;
  },
};

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('pipeWatching behaves as a pipe', () => {
  it.each(Object.entries(pipes))('%s: every chunk, in order, then the end', async (_, pipe) => {
    const { stream } = source(['a', 'b', 'c']);
    expect(await readAll(pipe(stream, sdkTransform()))).toEqual(['a', 'b', 'c']);
  });

  it('reads no further ahead than the native pipe (backpressure)', async () => {
    const pulls: number[] = [];
    for (const pipe of Object.values(pipes)) {
      const { stream, seen } = source(Array.from({ length: 20 }, (_, i) => i));
      const readable = pipe(stream, sdkTransform());
      for (let i = 0; i < 5; i++) await tick();
      pulls.push(seen.pulls);
      await readable.cancel();
    }
    expect(pulls[1]).toBe(pulls[0]);
    expect(pulls[0]).toBeLessThan(5);
  });

  it.each(Object.entries(pipes))(
    '%s: a failing source fails the reader with its own error',
    async (_, pipe) => {
      const failure = new Error('connection reset');
      const { stream } = source(['a'], failure);
      const events: string[] = [];
      await readAll(pipe(stream, sdkTransform()), events);
      expect(events).toEqual(['reader got: connection reset']);
    },
  );

  it.each(Object.entries(pipes))(
    '%s: cancelling the reader cancels the source with the reason',
    async (_, pipe) => {
      const { stream, seen } = source(['a', 'b', 'c']);
      const readable = pipe(stream, sdkTransform());
      const reader = readable.getReader();
      await reader.read();
      await reader.cancel('stop');
      await tick();
      expect(seen.cancelled).toBe('stop');
    },
  );

  it.each(Object.entries(pipes))(
    '%s: a transform that throws cancels the source with its error',
    async (_, pipe) => {
      const failure = new Error('bad chunk');
      const { stream, seen } = source(['a', 'b']);
      const events: string[] = [];
      await readAll(pipe(stream, sdkTransform(failure)), events);
      await tick();
      expect(events).toEqual(['reader got: bad chunk']);
      expect(seen.cancelled).toBe(failure);
    },
  );
});

describe('pipeWatching tells what it sees', () => {
  it('nothing when the stream ends', async () => {
    const { events, watch } = recorder();
    await readAll(pipes.watching(source(['a', 'b']).stream, sdkTransform(), watch), events);
    expect(events).toEqual([]);
  });

  it('a failing stream, before the reader sees the same error', async () => {
    const { events, watch } = recorder();
    const { stream } = source(['a'], new Error('connection reset'));
    await readAll(pipes.watching(stream, sdkTransform(), watch), events);
    expect(events).toEqual(['failed: connection reset', 'reader got: connection reset']);
  });

  it('a throwing watch changes nothing the reader sees', async () => {
    const failure = new Error('connection reset');
    const watch: StreamWatch = {
      streamFailed: () => {
        throw new Error('telemetry bug');
      },
      streamErrorPart: () => {
        throw new Error('telemetry bug');
      },
    };
    const part = { type: 'error', error: new Error('overloaded') };
    const events: string[] = [];
    const seen = await readAll(
      pipes.watching(source([part], failure).stream, sdkTransform(), watch),
      events,
    );
    expect(seen).toEqual([part]);
    expect(events).toEqual(['reader got: connection reset']);
  });

  it('each error part, still passed on', async () => {
    const { events, watch } = recorder();
    const parts = [
      { type: 'text-delta' },
      { type: 'error', error: new Error('provider error event') },
      { type: 'finish' },
    ];
    const seen = await readAll(pipes.watching(source(parts).stream, sdkTransform(), watch));
    expect(seen).toEqual(parts);
    expect(events).toEqual(['error part: provider error event']);
  });

  it('no failure when the reader cancels', async () => {
    const { events, watch } = recorder();
    const { stream } = source(['a', 'b', 'c']);
    const reader = pipes.watching(stream, sdkTransform(), watch).getReader();
    await reader.read();
    await reader.cancel(new Error('client left'));
    await tick();
    expect(events).toEqual([]);
  });
});

describe('pipeWatching never breaks the stream', () => {
  it('a part that throws when looked at passes through unwatched', async () => {
    const odd = {
      get type(): string {
        throw new Error('odd part');
      },
    };
    const { events, watch } = recorder();
    const seen = await readAll(pipes.watching(source([odd, 'b']).stream, sdkTransform(), watch));
    expect(seen).toEqual([odd, 'b']);
    expect(events).toEqual([]);
  });
});
