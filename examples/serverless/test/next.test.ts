import {
  context,
  ProxyTracerProvider,
  propagation,
  SpanKind,
  type TracerProvider,
  trace,
} from '@opentelemetry/api';
import { OTLP_STATUS_CODE, startMockOpenAI, startOtlpReceiver } from '@threadline/testing';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { useLoopbackEnv } from './test-env';

const receiver = await startOtlpReceiver();
const mock = await startMockOpenAI();
useLoopbackEnv({ otlp: receiver.url, openai: mock.baseURL });
const { register } = await import('../src/next/instrumentation');
const { POST } = await import('../src/next/app/api/chat/route');

/** Shuts down the provider register() installed, and restores the no-op globals. */
async function unregister(): Promise<void> {
  const global = trace.getTracerProvider();
  const provider: TracerProvider & { shutdown?: () => Promise<void> } =
    global instanceof ProxyTracerProvider ? global.getDelegate() : global;
  await provider.shutdown?.();
  trace.disable();
  context.disable();
  propagation.disable();
}

function chatRequest(body: object): Request {
  return new Request('http://localhost:3000/api/chat', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-user-id': 'user-7f3a' },
    body: JSON.stringify(body),
  });
}

afterEach(async () => {
  await unregister();
  delete process.env.NEXT_RUNTIME;
  receiver.reset();
  mock.reset();
});
afterAll(async () => {
  await mock.close();
  await receiver.close();
});

describe('Next.js: instrumentation.ts register()', () => {
  it('registers nothing in the edge runtime', async () => {
    process.env.NEXT_RUNTIME = 'edge';
    await register();
    expect(trace.getTracer('check').startSpan('probe').isRecording()).toBe(false);
  });

  it('registers Threadline in the Node.js runtime', async () => {
    process.env.NEXT_RUNTIME = 'nodejs';
    await register();
    const span = trace.getTracer('check').startSpan('probe');
    expect(span.isRecording()).toBe(true);
    span.end();
  });
});

describe('Next.js: a route handler that streams the answer', () => {
  it('has every span at the collector, with session and user, once the response body ends', async () => {
    process.env.NEXT_RUNTIME = 'nodejs';
    await register();
    mock.enqueue({ content: 'Your parcel left the Leeds depot this morning.' });

    // Next.js runs a route inside a span of its own when its tracing is on; this stands in.
    const response = await trace
      .getTracer('next.js')
      .startActiveSpan('POST /api/chat', { kind: SpanKind.SERVER }, async (span) => {
        try {
          return await POST(chatRequest({ sessionId: 'chat-5e55a0', question: 'Where is it?' }));
        } finally {
          span.end();
        }
      });

    expect(response.status).toBe(200);
    expect(await response.text()).toBe('Your parcel left the Leeds depot this morning.');
    expect(mock.requests[0]?.body.stream).toBe(true);
    // No waiting: the body ended only once the spans were exported.
    const spans = receiver.spans();
    expect(spans.map((s) => s.name).sort()).toEqual(['POST /api/chat', 'support-chat']);
    for (const span of spans) {
      expect(span.resource['service.name']).toBe('support-chat');
      expect(span.attributes).toMatchObject({
        'session.id': 'chat-5e55a0',
        'user.id': 'user-7f3a',
      });
    }
    const generation = spans.find((s) => s.name === 'support-chat');
    expect(generation?.attributes).toMatchObject({
      'gen_ai.operation.name': 'chat',
      'langfuse.observation.type': 'generation',
      'langfuse.observation.output': expect.stringContaining('Leeds depot'),
    });
  });

  it('exports the model call, ended early, when the client stops reading', async () => {
    process.env.NEXT_RUNTIME = 'nodejs';
    await register();
    const long = 'Your parcel left the Leeds depot this morning and reaches you on Thursday. ';
    mock.enqueue({ content: long.repeat(8) });

    const response = await POST(chatRequest({ sessionId: 'chat-5e55a0', question: 'Where?' }));
    const reader = response.body!.getReader();
    expect((await reader.read()).done).toBe(false);
    await reader.cancel();

    const spans = receiver.spans();
    expect(spans).toHaveLength(1);
    expect(spans[0]?.attributes).toMatchObject({
      'session.id': 'chat-5e55a0',
      'user.id': 'user-7f3a',
      'threadline.end_reason': 'consumer_stopped',
    });
  });

  it('exports the failed model call before it answers 502', async () => {
    process.env.NEXT_RUNTIME = 'nodejs';
    await register();
    // 400: the OpenAI SDK retries no such error, so there is one call.
    mock.enqueue({ error: { status: 400, message: 'unknown model' } });

    const response = await POST(chatRequest({ sessionId: 'chat-5e55a0', question: 'Where?' }));

    expect(response.status).toBe(502);
    const spans = receiver.spans();
    expect(spans).toHaveLength(1);
    expect(spans[0]?.attributes['session.id']).toBe('chat-5e55a0');
    expect(spans[0]?.status.code).toBe(OTLP_STATUS_CODE.ERROR);
  });
});
