/**
 * `pnpm --filter @threadline-examples/langchain-agent start`
 *
 * A LangChain tool-calling agent inside a Threadline scope. With no configuration it needs
 * nothing from outside: a loopback OpenAI-compatible server plays the model (a tool call, then
 * an answer) and a loopback OTLP receiver takes the spans. Set OPENAI_API_KEY (and optionally
 * OPENAI_BASE_URL) for the real API, OTEL_EXPORTER_OTLP_ENDPOINT or LANGFUSE_* to export there.
 */
import { randomUUID } from 'node:crypto';
import { propagateAttributes } from '@threadline/core';
import { registerThreadline } from '@threadline/core/node';
import { resolveLangfuse, startMockOpenAI, startOtlpReceiver } from '@threadline/testing';
import { runLangChainTurn } from './run-langchain-turn';

// 1. Set up once. With no collector configured, receive the spans ourselves on loopback.
const receiver = process.env.OTEL_EXPORTER_OTLP_ENDPOINT ? undefined : await startOtlpReceiver();
if (receiver) process.env.OTEL_EXPORTER_OTLP_ENDPOINT = receiver.url;
const threadline = registerThreadline({ serviceName: 'langchain-agent' });

// 2. The model: the real API when a key is set, else a scripted stand-in: a tool call, an answer.
const mock = process.env.OPENAI_API_KEY ? undefined : await startMockOpenAI();
mock?.enqueue(
  {
    toolCalls: [
      { name: 'escalateToHuman', arguments: { orderId: 'A1042', reason: 'late delivery' } },
    ],
  },
  { content: 'I have passed this to our delivery team: ticket ESC-2291, reply within 2 hours.' },
);

// 3. Open a scope: every LangChain run inside, model calls and tool included, joins it.
const sessionId = `chat-${randomUUID().slice(0, 8)}`;
const userId = 'user-7f3a';
const { answer, toolCalls } = await propagateAttributes({ sessionId, userId }, () =>
  runLangChainTurn({
    question: 'This is the third time I ask. I want to talk to a person about order #A1042.',
    baseURL: mock?.baseURL ?? process.env.OPENAI_BASE_URL,
    apiKey: process.env.OPENAI_API_KEY ?? 'loopback',
  }),
);

// 4. Flush before exit, then show what a backend got.
await threadline.shutdown();
console.log(`assistant: ${answer}`);
console.log(`tools called: ${toolCalls.join(', ') || 'none'}`);
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
