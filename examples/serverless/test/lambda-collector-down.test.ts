import { startMockOpenAI, startOtlpReceiver } from '@threadline/testing';
import { afterAll, expect, it } from 'vitest';
import { useLoopbackEnv } from './test-env';

// A collector that refuses every export (413: any body is over its 1-byte limit).
const receiver = await startOtlpReceiver({ maxBodyBytes: 1 });
const mock = await startMockOpenAI();
useLoopbackEnv({ otlp: receiver.url, openai: mock.baseURL });
const { handler, threadline } = await import('../src/lambda/handler');

afterAll(async () => {
  await threadline.shutdown().catch(() => {});
  await mock.close();
  await receiver.close();
});

it('answers even when the collector refuses the spans', async () => {
  mock.enqueue({ content: 'It left the Leeds depot this morning.' });

  const reply = await handler({ sessionId: 'ticket-1', userId: 'user-1', question: 'Where?' });

  expect(reply).toEqual({ answer: 'It left the Leeds depot this morning.' });
  expect(receiver.spans()).toEqual([]);
});
