import { observeOpenAI as langfuseObserve } from '@langfuse/openai';
import type { Span } from '@opentelemetry/api';
import { observeOpenAI } from '@threadline/openai';
import OpenAI from 'openai';
import { TWO_FIELDS } from '../fields';
import {
  RECORDING_SPAN,
  recordedChat,
  recordedChatStream,
} from '../fixtures/openai-recording-span';
import {
  CHUNK_WATCH_FLOOR,
  inFloorSpan,
  SPAN_FLOOR,
  watchChunks,
} from '../fixtures/openai-span-floor';
import type { MeasureOptions } from '../measure';
import { measureWithSpanCounts } from '../measure-with-spans';
import type { WorkloadResult } from '../result';
import { type GlobalProvider, withProcessors } from '../setups/global-provider';
import { enterBare, enterLangfuse, enterThreadline, type PeerProcessors } from '../setups/peers';

const REQUEST = {
  model: 'gpt-4o-mini',
  messages: [{ role: 'user' as const, content: 'Where is my order 1234?' }],
};

/**
 * Workload (c): one chat completion against the loopback OpenAI-compatible server (in a child
 * process, so its CPU is not counted), plain or streamed, each call in a scope of session and
 * user: the bare client, Threadline's `observeOpenAI`, and `@langfuse/openai`'s.
 */
export async function openAICall(
  streamed: boolean,
  baseURL: string,
  global: GlobalProvider,
  peers: PeerProcessors,
  options: MeasureOptions,
): Promise<WorkloadResult> {
  const client = () => new OpenAI({ baseURL, apiKey: 'bench', maxRetries: 0 });
  const bare = client();
  const threadline = observeOpenAI(client());
  const langfuse = langfuseObserve(client());

  // `span`: the floor's, whose chunk watch sits between the stream and its reader.
  const call = async (openai: OpenAI, span?: Span): Promise<number | undefined> => {
    if (!streamed) {
      const reply = await openai.chat.completions.create(REQUEST);
      if (!reply.choices[0]?.message.content) throw new Error('empty reply');
      return undefined;
    }
    const start = performance.now();
    let first: number | undefined;
    const raw = await openai.chat.completions.create({ ...REQUEST, stream: true });
    const stream = span ? watchChunks(raw, span, start) : raw;
    for await (const _chunk of stream) first ??= performance.now() - start;
    return first;
  };

  // The least any wrapper recording the same keys pays, written plainly around the bare client.
  const recorded = async (): Promise<number | undefined> => {
    if (!streamed) {
      const reply = await recordedChat(bare, REQUEST, TWO_FIELDS.sessionId);
      if (!reply.choices[0]?.message.content) throw new Error('empty reply');
      return undefined;
    }
    const start = performance.now();
    let first: number | undefined;
    for await (const _chunk of recordedChatStream(bare, REQUEST, TWO_FIELDS.sessionId)) {
      first ??= performance.now() - start;
    }
    return first;
  };

  const floor = streamed ? CHUNK_WATCH_FLOOR : SPAN_FLOOR;
  const cases: Record<string, () => Promise<unknown>> = {
    bare: withProcessors(global, [], () => enterBare(TWO_FIELDS, () => call(bare))),
    threadline: withProcessors(global, [peers.threadline], () =>
      enterThreadline(TWO_FIELDS, () => call(threadline)),
    ),
    langfuse: withProcessors(global, [peers.langfuse], () =>
      enterLangfuse(TWO_FIELDS, () => call(langfuse)),
    ),
    [floor]: withProcessors(global, [peers.threadline], () =>
      enterThreadline(TWO_FIELDS, () => inFloorSpan((span) => call(bare, span))),
    ),
    [RECORDING_SPAN]: withProcessors(global, [peers.threadline], () =>
      enterThreadline(TWO_FIELDS, recorded),
    ),
  };
  const out = await measureWithSpanCounts(cases, global, options);
  return {
    id: streamed ? 'c-stream' : 'c-plain',
    title: `(c) OpenAI chat completion, ${streamed ? 'streamed' : 'plain'}, loopback server`,
    per: 'call',
    baseline: 'bare',
    threadline: 'threadline',
    peers: ['langfuse'],
    floor,
    mustPay: RECORDING_SPAN,
    cases: out,
    settings: options,
    note: `bare = the OpenAI client without instrumentation; ${floor} = Threadline's processor and scope, one hand-made span around the bare call${streamed ? ', each chunk looked at as it passes' : ''}; ${RECORDING_SPAN} = the same with the keys Threadline records (request, input and output in both forms, response, usage${streamed ? ', first-chunk time' : ''}), written plainly: what any wrapper recording the same pays; to 1st chunk = wall-clock median`,
  };
}
