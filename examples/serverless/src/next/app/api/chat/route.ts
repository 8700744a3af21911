import { propagateAttributes } from '@threadline/core';
import { observeOpenAI } from '@threadline/openai';
import OpenAI from 'openai';
import type { ChatCompletionChunk } from 'openai/resources/chat/completions';
import { flushSpans } from '../../../flush-spans';
import { textStream } from '../../../text-stream';

// propagateAttributes carries the scope with AsyncLocalStorage, which the Node.js runtime has.
export const runtime = 'nodejs';

// Once per server instance. Reads OPENAI_API_KEY (and OPENAI_BASE_URL, if set).
const openai = observeOpenAI(new OpenAI(), { generationName: 'support-chat' });

const SYSTEM_PROMPT =
  'You are the support assistant of Acme Parcels. Answer in one or two short sentences.';

const text = (value: unknown) => (typeof value === 'string' ? value : undefined);

/** `POST /api/chat` with `{ sessionId, question }`: streams the answer as plain text. */
export async function POST(request: Request): Promise<Response> {
  const body = (await request.json().catch(() => ({}))) as Record<string, unknown>;
  const question = text(body.question);
  if (!question) return Response.json({ error: 'question is required' }, { status: 400 });
  // A real app takes the user from its authentication; a header stands in for it here.
  const userId = request.headers.get('x-user-id') ?? undefined;
  return propagateAttributes({ sessionId: text(body.sessionId), userId }, async () => {
    let stream: AsyncIterable<ChatCompletionChunk>;
    try {
      stream = await openai.chat.completions.create({
        model: 'gpt-4o-mini',
        messages: [
          { role: 'system', content: SYSTEM_PROMPT },
          { role: 'user', content: question },
        ],
        stream: true,
        stream_options: { include_usage: true },
      });
    } catch {
      // The failed call's span has ended (status ERROR): export it before answering too.
      await flushSpans();
      return Response.json({ error: 'the model call failed' }, { status: 502 });
    }
    // The model call's span ends with its stream, after this function has returned: the
    // response ends once that span is exported.
    return new Response(textStream(stream, { onEnd: flushSpans }), {
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    });
  });
}
