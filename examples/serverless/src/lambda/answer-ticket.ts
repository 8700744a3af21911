import { SpanStatusCode, trace } from '@opentelemetry/api';
import { observeOpenAI } from '@threadline/openai';
import OpenAI from 'openai';

/** The event the function is invoked with. */
export interface TicketEvent {
  sessionId: string;
  userId: string;
  question: string;
}

/** What the function returns. */
export interface TicketReply {
  answer: string;
}

// Outside the handler: made once per cold start and reused while the instance is warm.
// Reads OPENAI_API_KEY (and OPENAI_BASE_URL, if set).
const openai = observeOpenAI(new OpenAI(), { generationName: 'draft-reply' });
const tracer = trace.getTracer('support-lambda');

const SYSTEM_PROMPT =
  'You are the support assistant of Acme Parcels. Answer in one or two short sentences.';

/**
 * The function's work: one span of its own around a model call. Neither names the session or
 * user; they come from the scope the handler opened.
 */
export function answerTicket({ question }: TicketEvent): Promise<TicketReply> {
  return tracer.startActiveSpan('answer-ticket', async (span) => {
    try {
      const completion = await openai.chat.completions.create({
        model: 'gpt-4o-mini',
        messages: [
          { role: 'system', content: SYSTEM_PROMPT },
          { role: 'user', content: question },
        ],
      });
      return { answer: completion.choices[0]?.message.content ?? '' };
    } catch (error) {
      span.recordException(error instanceof Error ? error : String(error));
      span.setStatus({ code: SpanStatusCode.ERROR });
      throw error;
    } finally {
      span.end();
    }
  });
}
