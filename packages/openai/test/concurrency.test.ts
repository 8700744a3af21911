import { propagateAttributes } from '@threadline/core';
import { describe, expect, it } from 'vitest';
import { observeOpenAI } from '../src/index';
import { useHarness } from './support/harness';
import { clientOf, SDKS } from './support/sdks';

const h = useHarness();
const CALLS = 500;

describe.each(SDKS)('concurrency with %s', (_name, SDK) => {
  it(`${CALLS} concurrent streamed calls: each span its own session, each ended once`, async () => {
    const client = observeOpenAI(clientOf(SDK, h.mock.baseURL));
    const answers = await Promise.all(
      Array.from({ length: CALLS }, (_, i) =>
        propagateAttributes({ sessionId: `conv-${i}`, userId: `user-${i % 7}` }, async () => {
          const stream = await client.chat.completions.create({
            model: 'gpt-4o-mini',
            messages: [{ role: 'user', content: `question number ${i}` }],
            stream: true,
            stream_options: { include_usage: true },
          });
          let text = '';
          for await (const chunk of stream) {
            text += chunk.choices[0]?.delta.content ?? '';
            // Every third caller leaves early: those spans must end too, once.
            if (i % 3 === 0 && text.length > 0) break;
          }
          return text;
        }),
      ),
    );
    answers.forEach((answer, i) => {
      if (i % 3 !== 0) expect(answer).toBe(`Echo: question number ${i}`);
    });

    const spans = h.spans();
    expect(spans).toHaveLength(CALLS);
    expect(h.ledger.startedCount()).toBe(CALLS);
    expect(h.ledger.open()).toEqual([]);
    expect(h.ledger.endedTwice()).toEqual([]);
    const sessions = new Set<unknown>();
    for (const span of spans) {
      // The prompt names the caller: its span must carry that caller's session and user.
      const i = Number(
        /question number (\d+)/.exec(span.attributes['langfuse.observation.input'] as string)![1],
      );
      expect(span.attributes['session.id']).toBe(`conv-${i}`);
      expect(span.attributes['gen_ai.conversation.id']).toBe(`conv-${i}`);
      expect(span.attributes['user.id']).toBe(`user-${i % 7}`);
      expect(span.attributes['threadline.end_reason']).toBe(
        i % 3 === 0 ? 'consumer_stopped' : undefined,
      );
      if (i % 3 !== 0) expect(span.attributes['gen_ai.usage.output_tokens']).toBe(4);
      sessions.add(span.attributes['session.id']);
    }
    expect(sessions.size).toBe(CALLS);
  });
});
