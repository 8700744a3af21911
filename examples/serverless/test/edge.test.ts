import { context, ROOT_CONTEXT, SpanKind } from '@opentelemetry/api';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { contextWithAttributes, getActiveAttributes, getContextAttributes } from '@threadline/core';
import { resolveLangfuse, startMockOpenAI } from '@threadline/testing';
import { afterAll, afterEach, expect, it } from 'vitest';
import { createEdgeTracing } from '../src/edge/edge-tracing';
import { handleEdgeChat } from '../src/edge/handle-edge-chat';

const mock = await startMockOpenAI();
const exporter = new InMemorySpanExporter();
const tracing = createEdgeTracing({ exporter });

afterEach(() => {
  exporter.reset();
  mock.reset();
});
afterAll(async () => {
  await tracing.provider.shutdown();
  await mock.close();
});

it('runs with no context manager: context.with() does not carry a scope, the context does', () => {
  const ctx = contextWithAttributes(ROOT_CONTEXT, { sessionId: 'chat-1', userId: 'user-1' });
  expect(context.with(ctx, () => getActiveAttributes())).toEqual({});
  expect(getContextAttributes(ctx)).toEqual({ sessionId: 'chat-1', userId: 'user-1' });
});

it('puts session and user on every span: the request, its child and the model call', async () => {
  mock.enqueue({ content: 'It left the Leeds depot this morning.' });
  const request = new Request('https://support.example/api/edge-chat', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-user-id': 'user-7f3a' },
    body: JSON.stringify({ sessionId: 'chat-5e55a0', question: 'Where is A1042?' }),
  });

  const response = await handleEdgeChat(request, {
    tracing,
    baseURL: mock.baseURL,
    apiKey: 'test',
  });

  expect(await response.json()).toEqual({ answer: 'It left the Leeds depot this morning.' });
  const spans = exporter.getFinishedSpans();
  expect(spans.map((s) => s.name).sort()).toEqual([
    'POST /api/edge-chat',
    'chat gpt-4o-mini',
    'look-up-order',
  ]);
  for (const span of spans) {
    expect(span.attributes).toMatchObject({ 'session.id': 'chat-5e55a0', 'user.id': 'user-7f3a' });
  }
  const server = spans.find((s) => s.name === 'POST /api/edge-chat')!;
  const child = spans.find((s) => s.name === 'look-up-order')!;
  expect(server.kind).toBe(SpanKind.SERVER);
  expect(child.parentSpanContext?.spanId).toBe(server.spanContext().spanId);
  // The adapter's span starts on the active context, which is the root one here.
  const generation = spans.find((s) => s.name === 'chat gpt-4o-mini')!;
  expect(generation.attributes['langfuse.observation.type']).toBe('generation');
  expect(generation.parentSpanContext).toBeUndefined();
  // Langfuse still shows both traces in the session, under the user.
  const [session, ...others] = resolveLangfuse(spans).sessions;
  expect(others).toEqual([]);
  expect(session?.id).toBe('chat-5e55a0');
  expect(session?.userIds).toEqual(['user-7f3a']);
  expect(session?.traces).toHaveLength(2);
});

it('answers 502 when the model call fails, with the failed call in the session', async () => {
  mock.enqueue({ error: { status: 400, message: 'unknown model' } });
  const request = new Request('https://support.example/api/edge-chat', {
    method: 'POST',
    headers: { 'x-user-id': 'user-7f3a' },
    body: JSON.stringify({ sessionId: 'chat-5e55a0', question: 'Where?' }),
  });

  const response = await handleEdgeChat(request, {
    tracing,
    baseURL: mock.baseURL,
    apiKey: 'test',
  });

  expect(response.status).toBe(502);
  const spans = exporter.getFinishedSpans();
  expect(spans).toHaveLength(3);
  for (const span of spans) expect(span.attributes['session.id']).toBe('chat-5e55a0');
});
