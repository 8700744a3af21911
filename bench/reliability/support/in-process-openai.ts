/**
 * An OpenAI-compatible `fetch` that answers in process: the SDK runs its whole request, parse
 * and SSE-stream path, without sockets. For the soak, where 20,000 calls over loopback HTTP
 * would spend the time budget on the network stack instead of on what is soaked.
 */
export function inProcessOpenAIFetch(): typeof fetch {
  let id = 0;
  return async (_input, init) => {
    const body = JSON.parse(String(init?.body ?? '{}')) as {
      model?: string;
      stream?: boolean;
      messages?: Array<{ content?: unknown }>;
    };
    const last = body.messages?.at(-1)?.content;
    const text = `Echo: ${typeof last === 'string' ? last : ''}`;
    const base = { id: `chatcmpl-${++id}`, created: 0, model: body.model ?? 'gpt-4o-mini' };
    const usage = { prompt_tokens: 5, completion_tokens: 3, total_tokens: 8 };
    if (!body.stream) {
      return Response.json({
        ...base,
        object: 'chat.completion',
        choices: [
          { index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' },
        ],
        usage,
      });
    }
    const chunk = (delta: object, finish: string | null, extra: object = {}) =>
      `data: ${JSON.stringify({
        ...base,
        object: 'chat.completion.chunk',
        choices: [{ index: 0, delta, finish_reason: finish }],
        ...extra,
      })}\n\n`;
    const sse = [
      chunk({ role: 'assistant', content: '' }, null),
      ...text.split(' ').map((word, i) => chunk({ content: i === 0 ? word : ` ${word}` }, null)),
      chunk({}, 'stop', { usage }),
      'data: [DONE]\n\n',
    ].join('');
    return new Response(sse, { headers: { 'content-type': 'text/event-stream' } });
  };
}
