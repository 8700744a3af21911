/**
 * `pnpm --filter @threadline-examples/openai-chat start`
 *
 * One OpenAI SDK call inside a Threadline scope. With no configuration it needs nothing from
 * outside: a loopback OpenAI-compatible server answers and a loopback OTLP receiver takes the
 * spans. Set OPENAI_API_KEY (and optionally OPENAI_BASE_URL) for the real API, and
 * OTEL_EXPORTER_OTLP_ENDPOINT or LANGFUSE_PUBLIC_KEY/LANGFUSE_SECRET_KEY to export there.
 */
import { randomUUID } from 'node:crypto';
import { propagateAttributes } from '@threadline/core';
import { registerThreadline } from '@threadline/core/node';
import { resolveLangfuse, startMockOpenAI, startOtlpReceiver } from '@threadline/testing';
import { runOpenAITurn } from './run-openai-turn';

// 1. Set up once: ThreadlineSpanProcessor first, OTLP export from the environment. With no
//    collector configured, receive the spans ourselves so the summary below has something to read.
const receiver = process.env.OTEL_EXPORTER_OTLP_ENDPOINT ? undefined : await startOtlpReceiver();
if (receiver) process.env.OTEL_EXPORTER_OTLP_ENDPOINT = receiver.url;
const threadline = registerThreadline({ serviceName: 'openai-chat' });

// 2. The model: the real API when a key is set, else a loopback stand-in with a scripted reply.
const mock = process.env.OPENAI_API_KEY ? undefined : await startMockOpenAI();
mock?.enqueue({ content: 'Order #A1042 left our warehouse on Monday and should arrive Thursday.' });

// 3. Open a scope: every span started inside it, by any library, joins this session and user.
const sessionId = `chat-${randomUUID().slice(0, 8)}`;
const userId = 'user-7f3a'; // pseudonymous: never an e-mail address
const { answer } = await propagateAttributes({ sessionId, userId, tags: ['example'] }, () =>
  runOpenAITurn({
    question: 'Hi, where is my order #A1042?',
    baseURL: mock?.baseURL ?? process.env.OPENAI_BASE_URL,
    apiKey: process.env.OPENAI_API_KEY ?? 'loopback',
  }),
);

// 4. Flush before exit, then show what a backend got.
await threadline.shutdown();
console.log(`assistant: ${answer}`);
if (receiver) {
  const spans = receiver.spans();
  const [trace] = resolveLangfuse(spans).traces;
  for (const o of trace?.observations ?? []) {
    const details = [o.model, o.usage.total && `${o.usage.total} tokens`].filter(Boolean);
    console.log(`  ${o.type} ${o.name}${details.map((d) => ` · ${d}`).join('')}`);
  }
  const carried = spans.filter(
    (s) => s.attributes['session.id'] === sessionId && s.attributes['user.id'] === userId,
  );
  console.log(
    `${carried.length} of ${spans.length} spans carried session ${sessionId} and ${userId}`,
  );
} else {
  console.log(
    `spans exported to ${process.env.OTEL_EXPORTER_OTLP_ENDPOINT} (session ${sessionId})`,
  );
}
await mock?.close();
await receiver?.close();
