import { describe, expect, it } from 'vitest';
import type { StreamWatch } from './stream-watch';
import { watchStepStream } from './watch-step-stream';
import { WatchedStream } from './watched-stream';

function streamOf(chunks: string[], failure?: Error): ReadableStream<string> {
  let next = 0;
  return new ReadableStream<string>({
    pull(controller) {
      if (next < chunks.length) controller.enqueue(chunks[next++]!);
      else if (failure) controller.error(failure);
      else controller.close();
    },
  });
}

const unexpected: StreamWatch = {
  streamFailed: () => {
    throw new Error('not expected');
  },
  streamErrorPart: () => {
    throw new Error('not expected');
  },
};

describe('watchStepStream', () => {
  it('passes a value that is not a promise through untouched', () => {
    const value = { result: { stream: streamOf([]) } };
    expect(watchStepStream(value, unexpected)).toBe(value);
  });

  it('leaves a step result of another shape as it is', async () => {
    const value = { result: { text: 'hi' } };
    expect(await watchStepStream(Promise.resolve(value), unexpected)).toEqual({
      result: { text: 'hi' },
    });
    expect(await watchStepStream(Promise.resolve(undefined), unexpected)).toBeUndefined();
  });

  it('passes a rejection on unchanged', async () => {
    const error = new Error('no connection');
    await expect(watchStepStream(Promise.reject(error), unexpected)).rejects.toBe(error);
  });

  it('hands back the SDK’s own promise, the stream swapped before the SDK’s reaction runs', async () => {
    const result = Promise.resolve({ result: { stream: streamOf(['a']) } });
    const watched = watchStepStream(result, unexpected) as typeof result;
    expect(watched).toBe(result);
    // Registered after ours, as the SDK's await is: it already sees the watched stream.
    const seen = await watched.then((value) => value.result.stream);
    expect(seen).toBeInstanceOf(WatchedStream);
  });

  it('swaps the model stream for a watched one and keeps the rest of the result', async () => {
    const failure = new Error('connection reset');
    const errors: unknown[] = [];
    const value = (await watchStepStream(
      Promise.resolve({ result: { stream: streamOf(['a'], failure), request: {} }, other: 1 }),
      { streamFailed: (error) => errors.push(error), streamErrorPart: () => {} },
    )) as { result: { stream: ReadableStream<string>; request: object }; other: number };
    expect(value.other).toBe(1);
    expect(value.result.request).toEqual({});
    expect(value.result.stream).toBeInstanceOf(WatchedStream);
    const piped = value.result.stream.pipeThrough(new TransformStream<string, string>());
    const seen: string[] = [];
    await expect(async () => {
      for await (const chunk of piped as unknown as AsyncIterable<string>) seen.push(chunk);
    }).rejects.toBe(failure);
    expect(seen).toEqual(['a']);
    expect(errors).toEqual([failure]);
  });
});
