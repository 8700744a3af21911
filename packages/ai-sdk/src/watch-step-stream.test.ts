import { describe, expect, it } from 'vitest';
import { watchStepStream } from './watch-step-stream';

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

async function readAll(stream: ReadableStream<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const chunk of stream as unknown as AsyncIterable<string>) out.push(chunk);
  return out;
}

describe('watchStepStream', () => {
  it('passes a value that is not a promise through untouched', () => {
    const value = { result: { stream: streamOf([]) } };
    expect(watchStepStream(value, () => {})).toBe(value);
  });

  it('leaves a step result of another shape as it is', async () => {
    const value = { result: { text: 'hi' } };
    expect(await watchStepStream(Promise.resolve(value), () => {})).toEqual({
      result: { text: 'hi' },
    });
    expect(await watchStepStream(Promise.resolve(undefined), () => {})).toBeUndefined();
  });

  it('passes a rejection on unchanged', async () => {
    const error = new Error('no connection');
    await expect(watchStepStream(Promise.reject(error), () => {})).rejects.toBe(error);
  });

  it('passes every chunk through and reports nothing when the stream ends', async () => {
    const errors: unknown[] = [];
    const value = (await watchStepStream(
      Promise.resolve({ result: { stream: streamOf(['a', 'b', 'c']) }, other: 1 }),
      (error) => errors.push(error),
    )) as { result: { stream: ReadableStream<string> }; other: number };
    expect(value.other).toBe(1);
    expect(await readAll(value.result.stream)).toEqual(['a', 'b', 'c']);
    expect(errors).toEqual([]);
  });

  it('reports a failing stream before the reader sees the same error', async () => {
    const failure = new Error('connection reset');
    const order: string[] = [];
    const value = (await watchStepStream(
      Promise.resolve({ result: { stream: streamOf(['a'], failure) } }),
      (error) => order.push(`reported ${(error as Error).message}`),
    )) as { result: { stream: ReadableStream<string> } };
    const seen = await readAll(value.result.stream).catch((error: Error) => {
      order.push(`reader got ${error.message}`);
      return undefined;
    });
    expect(seen).toBeUndefined();
    expect(order).toEqual(['reported connection reset', 'reader got connection reset']);
  });

  it('a throwing onError does not change what the reader sees', async () => {
    const failure = new Error('connection reset');
    const value = (await watchStepStream(
      Promise.resolve({ result: { stream: streamOf([], failure) } }),
      () => {
        throw new Error('telemetry bug');
      },
    )) as { result: { stream: ReadableStream<string> } };
    await expect(readAll(value.result.stream)).rejects.toBe(failure);
  });

  it('cancelling the watched stream cancels the model stream', async () => {
    let cancelled: unknown;
    const source = new ReadableStream<string>({
      pull: (controller) => controller.enqueue('x'),
      cancel: (reason) => {
        cancelled = reason;
      },
    });
    const value = (await watchStepStream(Promise.resolve({ result: { stream: source } }), () => {
      throw new Error('not expected');
    })) as { result: { stream: ReadableStream<string> } };
    await value.result.stream.cancel('stop');
    expect(cancelled).toBe('stop');
  });

  it('reports each error part and still passes it on', async () => {
    const boom = new Error('provider error event');
    const parts = [{ type: 'text-delta' }, { type: 'error', error: boom }, { type: 'finish' }];
    const stream = new ReadableStream<unknown>({
      start(controller) {
        for (const part of parts) controller.enqueue(part);
        controller.close();
      },
    });
    const failures: unknown[] = [];
    const errorParts: unknown[] = [];
    const value = (await watchStepStream(
      Promise.resolve({ result: { stream } }),
      (error) => failures.push(error),
      (error) => errorParts.push(error),
    )) as { result: { stream: ReadableStream<unknown> } };
    const seen: unknown[] = [];
    for await (const part of value.result.stream as unknown as AsyncIterable<unknown>)
      seen.push(part);
    expect(seen).toEqual(parts);
    expect(errorParts).toEqual([boom]);
    expect(failures).toEqual([]);
  });
});
