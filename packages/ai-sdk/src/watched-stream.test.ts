import { describe, expect, it } from 'vitest';
import { recorder } from '../test/stream-watch-recorder';
import { WatchedStream } from './watched-stream';

function streamOf(chunks: unknown[], failure?: Error): ReadableStream<unknown> {
  let next = 0;
  return new ReadableStream<unknown>({
    pull(controller) {
      if (next < chunks.length) controller.enqueue(chunks[next++]);
      else if (failure) controller.error(failure);
      else controller.close();
    },
  });
}

async function readAll(stream: AsyncIterable<unknown>, events: string[]): Promise<unknown[]> {
  const out: unknown[] = [];
  try {
    for await (const chunk of stream) out.push(chunk);
  } catch (error) {
    events.push(`reader got: ${(error as Error).message}`);
  }
  return out;
}

const errorPart = { type: 'error', error: new Error('overloaded') };

/** Every way of reading a stream; each must be watched. */
const READS: Record<string, (stream: WatchedStream<unknown>) => AsyncIterable<unknown>> = {
  'pipeThrough, as the AI SDK reads it': (stream) =>
    stream.pipeThrough(new TransformStream()) as unknown as AsyncIterable<unknown>,
  'pipeThrough with options': (stream) =>
    stream.pipeThrough(new TransformStream(), {
      preventCancel: true,
    }) as unknown as AsyncIterable<unknown>,
  'async iteration': (stream) => stream,
  values: (stream) => stream.values(),
  'a reader': (stream) => ({
    async *[Symbol.asyncIterator]() {
      const reader = stream.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        yield value;
      }
    },
  }),
  pipeTo: (stream) => {
    const transform = new TransformStream();
    void stream.pipeTo(transform.writable).catch(() => {});
    return transform.readable as unknown as AsyncIterable<unknown>;
  },
  'tee, first branch': (stream) => stream.tee()[0] as unknown as AsyncIterable<unknown>,
};

describe('WatchedStream', () => {
  for (const [name, read] of Object.entries(READS)) {
    it(`${name}: every chunk; a failure told before the reader sees it; error parts told`, async () => {
      const { events, watch } = recorder();
      const stream = new WatchedStream(streamOf(['a', errorPart], new Error('reset')), watch);
      const seen = await readAll(read(stream), events);
      expect(seen).toEqual(['a', errorPart]);
      expect(events).toEqual(['error part: overloaded', 'failed: reset', 'reader got: reset']);
    });
  }

  it('is locked while it is read, as a stream is', async () => {
    const stream = new WatchedStream(streamOf(['a']), recorder().watch);
    expect(stream.locked).toBe(false);
    const reader = stream.getReader();
    expect(stream.locked).toBe(true);
    reader.releaseLock();
    expect(stream.locked).toBe(false);
    stream.pipeThrough(new TransformStream());
    expect(stream.locked).toBe(true);
  });

  it('a second pipe throws as the stream’s own does', () => {
    const stream = new WatchedStream(streamOf(['a']), recorder().watch);
    stream.pipeThrough(new TransformStream());
    expect(() => stream.pipeThrough(new TransformStream())).toThrow(TypeError);
    expect(() => stream.getReader()).toThrow(TypeError);
  });

  it('a pipe into a locked destination throws and leaves the stream readable', async () => {
    const stream = new WatchedStream(streamOf(['a']), recorder().watch);
    const transform = new TransformStream();
    transform.writable.getWriter();
    expect(() => stream.pipeThrough(transform)).toThrow(TypeError);
    expect(await readAll(stream, [])).toEqual(['a']);
  });

  it('cancel cancels the model stream, read or not', async () => {
    let cancelled: unknown;
    const source = () =>
      new ReadableStream({
        cancel: (reason) => {
          cancelled = reason;
        },
      });
    await new WatchedStream(source(), recorder().watch).cancel('stop');
    expect(cancelled).toBe('stop');
    const stream = new WatchedStream(source(), recorder().watch);
    stream.getReader().releaseLock();
    await stream.cancel('stop again');
    expect(cancelled).toBe('stop again');
  });
});
