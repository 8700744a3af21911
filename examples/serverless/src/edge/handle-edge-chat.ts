import {
  type Context,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  type Tracer,
  trace,
} from '@opentelemetry/api';
import { contextWithAttributes, getContextAttributes } from '@threadline/core';
import { observeOpenAI } from '@threadline/openai';
import OpenAI from 'openai';
import type { EdgeTracing } from './edge-tracing';

/** Options of {@link handleEdgeChat}. */
export interface EdgeChatOptions {
  tracing: EdgeTracing;
  apiKey: string;
  /** OpenAI-compatible base URL; default: the OpenAI API. */
  baseURL?: string;
  model?: string;
}

const text = (value: unknown) => (typeof value === 'string' ? value : undefined);

/** A stand-in for an order service call: a child span of the request, started on `ctx`. */
function lookUpOrder(tracer: Tracer, ctx: Context): string {
  const span = tracer.startSpan('look-up-order', {}, ctx);
  span.end();
  return 'Order A1042 left the Leeds depot this morning.';
}

/**
 * An edge handler (`Request` in, `Response` out) where no context manager can be registered:
 * `context.with()` would run its function with the root context, so the session travels in a
 * `Context` value that the handler passes to every span it starts.
 */
export async function handleEdgeChat(
  request: Request,
  { tracing, apiKey, baseURL, model = 'gpt-4o-mini' }: EdgeChatOptions,
): Promise<Response> {
  const body = (await request.json().catch(() => ({}))) as Record<string, unknown>;
  // A real app takes the user from its authentication; a header stands in for it here.
  const userId = request.headers.get('x-user-id') ?? undefined;
  const ctx = contextWithAttributes(ROOT_CONTEXT, { sessionId: text(body.sessionId), userId });
  const span = tracing.tracer.startSpan('POST /api/edge-chat', { kind: SpanKind.SERVER }, ctx);
  const inRequest = trace.setSpan(ctx, span);
  try {
    const order = lookUpOrder(tracing.tracer, inRequest);
    // An adapter starts its span on the active context, the root one here: hand it the
    // attributes itself. Its span joins the session and user, as a trace of its own.
    const openai = observeOpenAI(new OpenAI({ apiKey, baseURL }), {
      ...getContextAttributes(inRequest),
      tracerProvider: tracing.provider,
    });
    const completion = await openai.chat.completions.create({
      model,
      messages: [
        { role: 'system', content: `You are the support assistant of Acme Parcels. ${order}` },
        { role: 'user', content: text(body.question) ?? '' },
      ],
    });
    return Response.json({ answer: completion.choices[0]?.message.content ?? '' });
  } catch (error) {
    span.recordException(error instanceof Error ? error : String(error));
    span.setStatus({ code: SpanStatusCode.ERROR });
    return Response.json({ error: 'the model call failed' }, { status: 502 });
  } finally {
    span.end();
    // An edge function may stop once the response is returned: export first.
    await tracing.provider
      .forceFlush()
      .catch((error: unknown) => console.warn('support-edge: spans not exported', error));
  }
}
