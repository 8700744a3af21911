import { StringOutputParser } from '@langchain/core/output_parsers';
import { ChatPromptTemplate } from '@langchain/core/prompts';
import { ChatOpenAI } from '@langchain/openai';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { propagateAttributes } from '@threadline/core';
import {
  createSpanCapture,
  type MockOpenAI,
  type OtlpReceiver,
  resolveLangfuse,
  type SpanCapture,
  startMockOpenAI,
  startOtlpReceiver,
} from '@threadline/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ThreadlineCallbackHandler } from '../src/index';
import { langfusePromptClient } from './support/langfuse-prompt';

let server: MockOpenAI;
let receiver: OtlpReceiver;
let capture: SpanCapture;

beforeAll(async () => {
  server = await startMockOpenAI();
  receiver = await startOtlpReceiver();
  capture = createSpanCapture({
    processors: [new SimpleSpanProcessor(new OTLPTraceExporter({ url: receiver.tracesUrl }))],
  });
  capture.install();
});
afterAll(async () => {
  await capture.uninstall();
  await receiver.close();
  await server.close();
});

function supportChain(metadata?: Record<string, unknown>) {
  const template = ChatPromptTemplate.fromMessages([
    ['system', 'You answer questions about {topic}.'],
    ['human', '{question}'],
  ]);
  return (metadata ? template.withConfig({ metadata }) : template)
    .pipe(
      new ChatOpenAI({
        model: 'gpt-4o-mini',
        apiKey: 'test',
        configuration: { baseURL: server.baseURL },
        maxRetries: 0,
      }),
    )
    .pipe(new StringOutputParser());
}

describe('prompt links through ChatOpenAI over HTTP and the real OTLP exporter', () => {
  it('resolveLangfuse links each generation to its prompt, with an integer version; no other observation', async () => {
    const handler = new ThreadlineCallbackHandler();
    const question = { topic: 'orders', question: 'Where is my order?' };
    await supportChain({
      langfusePrompt: langfusePromptClient({ name: 'support-chat', version: 3 }),
    }).invoke(question, { callbacks: [handler], metadata: { session_id: 'conv-template' } });
    await propagateAttributes(
      { sessionId: 'conv-scope', prompt: langfusePromptClient({ name: 'from-scope', version: 8 }) },
      () => supportChain().invoke(question, { callbacks: [handler] }),
    );
    await supportChain({
      langfusePrompt: langfusePromptClient({ name: 'support-chat', version: 4, isFallback: true }),
    }).invoke(question, { callbacks: [handler], metadata: { session_id: 'conv-fallback' } });
    expect(server.requests).toHaveLength(3);
    await capture.provider.forceFlush();
    // 3 invokes × (sequence, template, model, parser)
    const view = resolveLangfuse(await receiver.waitForSpans(12));

    const linked = Object.fromEntries(
      view.traces.map((trace) => {
        const generation = trace.observations.find((o) => o.type === 'generation')!;
        for (const other of trace.observations.filter((o) => o !== generation)) {
          expect(other.prompt, other.name).toBeUndefined();
        }
        return [trace.sessionId, generation.prompt];
      }),
    );
    expect(linked).toEqual({
      'conv-template': { name: 'support-chat', version: 3 },
      'conv-scope': { name: 'from-scope', version: 8 },
      'conv-fallback': undefined,
    });
    expect(Number.isInteger(linked['conv-template']?.version)).toBe(true);
    expect(handler.openRuns).toBe(0);
  });
});
