import { propagateAttributes } from '@threadline/core';
import { startMockOpenAI, startOtlpReceiver } from '@threadline/testing';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { useLoopbackEnv } from './test-env';

const receiver = await startOtlpReceiver();
const mock = await startMockOpenAI();
useLoopbackEnv({ otlp: receiver.url, openai: mock.baseURL });
// Imported once the environment is set, as the runtime loads the module at a cold start.
const { handler, threadline } = await import('../src/lambda/handler');
const { answerTicket } = await import('../src/lambda/answer-ticket');

const event = { sessionId: 'ticket-5e55a0', userId: 'user-7f3a', question: 'Where is A1042?' };

afterEach(() => {
  receiver.reset();
  mock.reset();
});
afterAll(async () => {
  await threadline.shutdown();
  await mock.close();
  await receiver.close();
});

describe('a Lambda-style handler with the default batched export', () => {
  it('has every span at the collector, with session and user, when its promise resolves', async () => {
    mock.enqueue({ content: 'It left the Leeds depot this morning.' });

    const reply = await handler(event);

    expect(reply).toEqual({ answer: 'It left the Leeds depot this morning.' });
    // No waiting: what has not arrived by now would be frozen with the instance.
    const spans = receiver.spans();
    expect(spans.map((s) => s.name).sort()).toEqual(['answer-ticket', 'draft-reply']);
    for (const span of spans) {
      expect(span.resource['service.name']).toBe('support-lambda');
      expect(span.attributes).toMatchObject({
        'session.id': 'ticket-5e55a0',
        'user.id': 'user-7f3a',
        'langfuse.trace.tags': ['lambda'],
      });
    }
    const generation = spans.find(
      (s) => s.attributes['langfuse.observation.type'] === 'generation',
    );
    expect(generation?.attributes['gen_ai.operation.name']).toBe('chat');
  });

  it('would return with the spans still in memory without forceFlush', async () => {
    mock.enqueue({ content: 'It left the Leeds depot this morning.' });

    // The handler's work without its finally: the batch waits for its timer (5 s by default),
    // far longer than the call takes.
    await propagateAttributes({ sessionId: event.sessionId, userId: event.userId }, () =>
      answerTicket(event),
    );
    expect(receiver.spans()).toEqual([]);

    // They were made, only not sent: the flush sends them.
    await threadline.forceFlush();
    expect(receiver.spans()).toHaveLength(2);
  });
});
