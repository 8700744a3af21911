import {
  context,
  defaultTextMapGetter,
  defaultTextMapSetter,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  type TracerProvider,
  trace,
} from '@opentelemetry/api';
import { propagateAttributes } from '@threadline/core';
import { listen, readJson, type Service, sendJson } from './http-service';
import { w3cTraceAndBaggage, w3cTraceOnly } from './w3c-propagator';

const text = (value: unknown) => (typeof value === 'string' ? value : undefined);

/** Options of {@link startGateway}. */
export interface GatewayOptions {
  /** Base URL of the agent service, e.g. `http://127.0.0.1:4100`. */
  agentUrl: string;
  /** The gateway's tracer provider; default: the global one. */
  tracerProvider?: TracerProvider;
}

/**
 * The public gateway: `POST /chat` with `{ sessionId, userId, question }` answers `{ answer }`.
 * It is where the session and user are decided, so it opens the Threadline scope, with
 * `asBaggage: true` so they travel to the agent service in the W3C `baggage` header.
 */
export function startGateway({
  agentUrl,
  tracerProvider = trace.getTracerProvider(),
}: GatewayOptions): Promise<Service> {
  const tracer = tracerProvider.getTracer('gateway');

  /** Calls the agent service with `traceparent` and `baggage` injected from the active context. */
  const askAgent = (question: string) =>
    tracer.startActiveSpan('POST agent-service/answer', { kind: SpanKind.CLIENT }, async (span) => {
      try {
        const headers: Record<string, string> = { 'content-type': 'application/json' };
        w3cTraceAndBaggage.inject(context.active(), headers, defaultTextMapSetter);
        const reply = await fetch(`${agentUrl}/answer`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ question }),
        });
        span.setAttribute('http.response.status_code', reply.status);
        if (!reply.ok) throw new Error(`agent service answered ${reply.status}`);
        return ((await reply.json()) as { answer: string }).answer;
      } finally {
        span.end();
      }
    });

  return listen((request, response) => {
    // A public edge continues the caller's trace but never trusts the caller's baggage: a client
    // could otherwise choose its own session and user.
    const parent = w3cTraceOnly.extract(ROOT_CONTEXT, request.headers, defaultTextMapGetter);
    tracer.startActiveSpan('POST /chat', { kind: SpanKind.SERVER }, parent, async (span) => {
      try {
        // A real gateway takes the user from its authentication; the body stands in for it here.
        const { sessionId, userId, question } = await readJson(request);
        const answer = await propagateAttributes(
          { sessionId: text(sessionId), userId: text(userId), asBaggage: true },
          () => askAgent(text(question) ?? ''),
        );
        sendJson(response, 200, { answer });
      } catch (error) {
        span.recordException(error instanceof Error ? error : String(error));
        span.setStatus({ code: SpanStatusCode.ERROR });
        sendJson(response, 502, { error: 'the agent service failed' });
      } finally {
        span.end();
      }
    });
  });
}
