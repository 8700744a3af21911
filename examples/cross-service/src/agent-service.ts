import {
  defaultTextMapGetter,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  type TracerProvider,
} from '@opentelemetry/api';
import { observeOpenAI } from '@threadline/openai';
import OpenAI from 'openai';
import { listen, readJson, type Service, sendJson } from './http-service';
import { w3cTraceAndBaggage } from './w3c-propagator';

/** Options of {@link startAgentService}. */
export interface AgentServiceOptions {
  /**
   * The service's own tracer provider. Give it a `ThreadlineSpanProcessor` with
   * `readBaggage: true`: that is what lets the session and user from the gateway onto its spans.
   */
  tracerProvider: TracerProvider;
  /** OpenAI-compatible base URL; default: the OpenAI API. */
  baseURL?: string;
  apiKey: string;
  model?: string;
}

/**
 * The internal agent service: `POST /answer` with `{ question }` answers `{ answer }`. It names
 * no session or user itself; it continues the gateway's trace and, because it sits behind the
 * gateway, trusts the gateway's W3C baggage for them.
 */
export function startAgentService({
  tracerProvider,
  baseURL,
  apiKey,
  model = 'gpt-4o-mini',
}: AgentServiceOptions): Promise<Service> {
  const tracer = tracerProvider.getTracer('agent-service');
  const openai = observeOpenAI(new OpenAI({ baseURL, apiKey }), {
    tracerProvider,
    generationName: 'agent-answer',
  });

  return listen((request, response) => {
    // traceparent and baggage from the gateway; only readBaggage decides whether spans use it.
    const parent = w3cTraceAndBaggage.extract(ROOT_CONTEXT, request.headers, defaultTextMapGetter);
    tracer.startActiveSpan('POST /answer', { kind: SpanKind.SERVER }, parent, async (span) => {
      try {
        const { question } = await readJson(request);
        const completion = await openai.chat.completions.create({
          model,
          messages: [
            { role: 'system', content: 'You are the support agent of Acme Parcels. Be brief.' },
            { role: 'user', content: String(question) },
          ],
        });
        sendJson(response, 200, { answer: completion.choices[0]?.message.content ?? '' });
      } catch (error) {
        span.recordException(error instanceof Error ? error : String(error));
        span.setStatus({ code: SpanStatusCode.ERROR });
        sendJson(response, 502, { error: 'the model call failed' });
      } finally {
        span.end();
      }
    });
  });
}
