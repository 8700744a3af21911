import { context, defaultTextMapSetter, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import {
  isContentCaptureEnabled,
  LANGFUSE_OBSERVATION_ATTRIBUTES,
  toContentAttribute,
} from '@threadline/core/adapter';
import { w3cTraceOnly } from '@threadline-examples/cross-service';

/** Options of {@link askGateway}. */
export interface AskGatewayOptions {
  gatewayUrl: string;
  sessionId: string;
  userId: string;
  question: string;
}

/**
 * The support web app's call to the gateway: a CLIENT span that starts the trace, with
 * `traceparent` so the gateway's spans join it. The question and answer go on the span as the
 * observation's input and output, which is what Langfuse shows as the trace's input and output.
 */
export function askGateway({ gatewayUrl, sessionId, userId, question }: AskGatewayOptions) {
  const tracer = trace.getTracer('support-web');
  return tracer.startActiveSpan('POST gateway/chat', { kind: SpanKind.CLIENT }, async (span) => {
    const capture = isContentCaptureEnabled();
    try {
      if (capture)
        span.setAttribute(LANGFUSE_OBSERVATION_ATTRIBUTES.INPUT, toContentAttribute(question)!);
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      w3cTraceOnly.inject(context.active(), headers, defaultTextMapSetter);
      const response = await fetch(`${gatewayUrl}/chat`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ sessionId, userId, question }),
      });
      if (!response.ok) throw new Error(`the gateway answered ${response.status}`);
      const { answer } = (await response.json()) as { answer: string };
      if (capture)
        span.setAttribute(LANGFUSE_OBSERVATION_ATTRIBUTES.OUTPUT, toContentAttribute(answer)!);
      return answer;
    } catch (error) {
      span.recordException(error instanceof Error ? error : String(error));
      span.setStatus({ code: SpanStatusCode.ERROR });
      throw error;
    } finally {
      span.end();
    }
  });
}
