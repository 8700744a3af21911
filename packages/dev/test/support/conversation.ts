import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { OTLPTraceExporter as JsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as ProtoExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, type SpanExporter } from '@opentelemetry/sdk-trace-base';
import { propagateAttributes } from '@threadline/core';
import { createSpanCapture } from '@threadline/testing';

/** One exchange of a support conversation. */
export interface Turn {
  user: string;
  /** A tool the assistant calls before answering, with its result. */
  tool?: { name: string; args: Record<string, unknown>; result: unknown; fails?: boolean };
  assistant: string;
}

/** Three turns of a support chat: an order lookup, a failed tool call, a plain answer. */
export const SUPPORT_TURNS: readonly Turn[] = [
  {
    user: 'Where is my order #4512?',
    tool: {
      name: 'lookup_order',
      args: { orderId: '4512' },
      result: { status: 'shipped', eta: '2 days' },
    },
    assistant: 'Order #4512 has shipped and should arrive in 2 days.',
  },
  {
    user: 'Can I change the delivery address?',
    tool: {
      name: 'update_address',
      args: { orderId: '4512' },
      result: 'carrier refused',
      fails: true,
    },
    assistant:
      'The carrier no longer accepts changes, but you can redirect it from the tracking page.',
  },
  {
    user: 'Thanks, that is all.',
    assistant: 'Glad I could help. Have a nice day!',
  },
];

/** Options of {@link exportConversation}. */
export interface ConversationOptions {
  tracesUrl: string;
  encoding?: 'json' | 'protobuf';
  sessionId: string;
  userId: string;
  turns?: readonly Turn[];
  tags?: string[];
  /** Start of the first turn, ms since the epoch. Default: a minute ago. */
  startAt?: number;
  model?: string;
  /** Headers the exporter sends, e.g. the receiver's token. */
  headers?: Record<string, string>;
}

function exporterFor(
  url: string,
  encoding: 'json' | 'protobuf',
  headers: Record<string, string>,
): SpanExporter {
  return encoding === 'json'
    ? new JsonExporter({ url, headers })
    : new ProtoExporter({ url, headers });
}

/**
 * Runs a realistic multi-turn conversation through a real tracer with `ThreadlineSpanProcessor`
 * inside `propagateAttributes({ sessionId, userId })`, and sends its spans through the real
 * OTLP exporter: per turn a request span with model calls (gen_ai.* and langfuse.observation.*
 * keys, chat messages as content) and, where the turn has one, a tool call between them.
 * Resolves once every span was exported; returns how many.
 */
export async function exportConversation({
  tracesUrl,
  encoding = 'protobuf',
  sessionId,
  userId,
  turns = SUPPORT_TURNS,
  tags = ['support'],
  startAt = Date.now() - 60_000,
  model = 'gpt-4o-mini',
  headers = {},
}: ConversationOptions): Promise<number> {
  const capture = createSpanCapture({
    processors: [new BatchSpanProcessor(exporterFor(tracesUrl, encoding, headers))],
    resource: resourceFromAttributes({ 'service.name': 'support-bot', 'service.version': '1.4.0' }),
  });
  capture.install();
  const tracer = trace.getTracer('support-bot', '1.4.0');
  const history: Array<{ role: string; content: string | null }> = [
    { role: 'system', content: 'You are a helpful support agent.' },
  ];
  let spans = 0;
  try {
    for (const [n, turn] of turns.entries()) {
      // Turns 20 s apart, each with a realistic timeline inside.
      const t0 = startAt + n * 20_000;
      await propagateAttributes({ sessionId, userId, tags }, async () => {
        const root = tracer.startSpan('support-turn', { kind: SpanKind.SERVER, startTime: t0 });
        const inRoot = trace.setSpan(context.active(), root);
        history.push({ role: 'user', content: turn.user });
        let at = t0 + 5;
        const generation = (output: unknown, inputTokens: number, outputTokens: number) => {
          const span = tracer.startSpan(
            `chat ${model}`,
            {
              kind: SpanKind.CLIENT,
              startTime: at,
              attributes: {
                'gen_ai.operation.name': 'chat',
                'gen_ai.provider.name': 'openai',
                'gen_ai.request.model': model,
                'gen_ai.response.model': `${model}-2024-07-18`,
                'gen_ai.usage.input_tokens': inputTokens,
                'gen_ai.usage.output_tokens': outputTokens,
                'gen_ai.conversation.id': sessionId,
                'langfuse.observation.type': 'generation',
                'langfuse.observation.model.name': model,
                'langfuse.observation.input': JSON.stringify(history),
                'langfuse.observation.output': JSON.stringify(output),
              },
            },
            inRoot,
          );
          at += 400 + 37 * n;
          span.end(at);
          spans += 1;
          at += 10;
        };
        if (turn.tool) {
          generation(
            {
              role: 'assistant',
              content: null,
              tool_calls: [
                {
                  id: `call_${n}`,
                  type: 'function',
                  function: { name: turn.tool.name, arguments: JSON.stringify(turn.tool.args) },
                },
              ],
            },
            60 + 40 * n,
            18,
          );
          const tool = tracer.startSpan(
            `execute_tool ${turn.tool.name}`,
            {
              kind: SpanKind.INTERNAL,
              startTime: at,
              attributes: {
                'gen_ai.operation.name': 'execute_tool',
                'gen_ai.tool.name': turn.tool.name,
                'gen_ai.tool.call.id': `call_${n}`,
                'langfuse.observation.type': 'tool',
                'langfuse.observation.input': JSON.stringify(turn.tool.args),
                'langfuse.observation.output': JSON.stringify(turn.tool.result),
              },
            },
            inRoot,
          );
          if (turn.tool.fails) {
            tool.recordException(new Error(String(turn.tool.result)));
            tool.setStatus({ code: SpanStatusCode.ERROR, message: String(turn.tool.result) });
          }
          at += 180;
          tool.end(at);
          spans += 1;
          at += 10;
          history.push({ role: 'tool', content: JSON.stringify(turn.tool.result) });
        }
        generation({ role: 'assistant', content: turn.assistant }, 80 + 40 * n, 24);
        history.push({ role: 'assistant', content: turn.assistant });
        root.end(at + 5);
        spans += 1;
      });
    }
    await capture.provider.forceFlush();
  } finally {
    await capture.uninstall();
  }
  return spans;
}
