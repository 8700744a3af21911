import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { observeOpenAI } from '../src/index';
import { hrMillis } from './support/attributes';
import { useHarness } from './support/harness';
import { clientOf, SDKS } from './support/sdks';

const h = useHarness();

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Collects garbage until `done()` holds, a bounded number of times (no clock involved). */
async function collectUntil(done: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !done(); i++) {
    gc();
    await new Promise((resolve) => setImmediate(resolve));
  }
}

const MESSAGES = [{ role: 'user' as const, content: 'never read' }];

describe.each(SDKS)('results nobody reads, with %s', (_name, SDK, major) => {
  it('a stream never iterated ends as abandoned once it is garbage-collected', async () => {
    const client = observeOpenAI(clientOf(SDK, h.mock.baseURL));
    let respondedAt = 0;
    await (async () => {
      const stream = await client.chat.completions.create({
        model: 'gpt-4o-mini',
        messages: MESSAGES,
        stream: true,
      });
      respondedAt = Date.now();
      expect(stream.controller.signal.aborted).toBe(false);
    })();
    expect(h.spans()).toEqual([]);
    await collectUntil(() => h.spans().length > 0);
    const span = h.onlySpan();
    expect(span.attributes).toMatchObject({
      'threadline.end_reason': 'abandoned',
    });
    // It ends when it was last seen alive (the response head), not when the collector ran.
    expect(hrMillis(span.endTime)).toBeLessThanOrEqual(respondedAt + 2);
  });

  it('a promise never awaited ends as abandoned once it is garbage-collected', async () => {
    const client = observeOpenAI(clientOf(SDK, h.mock.baseURL));
    (() => {
      void client.chat.completions.create({ model: 'gpt-4o-mini', messages: MESSAGES });
    })();
    await collectUntil(() => h.spans().length > 0);
    expect(h.mock.requests).toHaveLength(1);
    expect(h.onlySpan().attributes['threadline.end_reason']).toBe('abandoned');
  });

  it('a tee whose two sides are dropped half-read ends as abandoned', async () => {
    const client = observeOpenAI(clientOf(SDK, h.mock.baseURL));
    h.mock.enqueue({ content: 'one two three four five six seven eight' });
    await (async () => {
      const stream = await client.chat.completions.create({
        model: 'gpt-4o-mini',
        messages: MESSAGES,
        stream: true,
      });
      // Each side read once and left, not closed: only the collector can tell.
      for (const side of stream.tee())
        expect((await side[Symbol.asyncIterator]().next()).done).toBe(false);
    })();
    expect(h.spans()).toEqual([]);
    await collectUntil(() => h.spans().length > 0);
    expect(h.onlySpan().attributes['threadline.end_reason']).toBe('abandoned');
  });

  it('a break out of both sides of a tee: a break from openai 7, else left to the collector', async () => {
    const client = observeOpenAI(clientOf(SDK, h.mock.baseURL));
    h.mock.enqueue({ content: 'one two three four five six seven eight' });
    await (async () => {
      const stream = await client.chat.completions.create({
        model: 'gpt-4o-mini',
        messages: MESSAGES,
        stream: true,
      });
      const [left, right] = stream.tee();
      for await (const _ of left) break;
      expect(h.spans()).toEqual([]);
      for await (const _ of right) break;
      // openai 7 closes the request once both sides are closed; earlier tee sides cannot close.
      expect(stream.controller.signal.aborted).toBe(major >= 7);
    })();
    if (major < 7) {
      expect(h.spans()).toEqual([]);
      await collectUntil(() => h.spans().length > 0);
    }
    expect(h.onlySpan().attributes['threadline.end_reason']).toBe(
      major >= 7 ? 'consumer_stopped' : 'abandoned',
    );
  });

  it('a stream being read is not collected under its reader', async () => {
    const client = observeOpenAI(clientOf(SDK, h.mock.baseURL));
    h.mock.enqueue({ content: 'one two three four five six' });
    const iterator = await (async () => {
      const stream = await client.chat.completions.create({
        model: 'gpt-4o-mini',
        messages: MESSAGES,
        stream: true,
      });
      return stream[Symbol.asyncIterator]();
    })();
    await iterator.next();
    for (let i = 0; i < 5; i++) {
      gc();
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(h.spans()).toEqual([]);
    while (!(await iterator.next()).done);
    expect(h.onlySpan().attributes['threadline.end_reason']).toBeUndefined();
  });
});
