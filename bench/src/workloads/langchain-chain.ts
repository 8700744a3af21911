import { BaseCallbackHandler } from '@langchain/core/callbacks/base';
import { CallbackHandler } from '@langfuse/langchain';
import { trace } from '@opentelemetry/api';
import { ThreadlineCallbackHandler } from '@threadline/langchain';
import { TWO_FIELDS } from '../fields';
import { createThreeStepChain } from '../fixtures/langchain-chain';
import { SpanRecordingHandler } from '../fixtures/span-recording-handler';
import type { MeasureOptions } from '../measure';
import { measureWithSpanCounts } from '../measure-with-spans';
import type { WorkloadResult } from '../result';
import { type GlobalProvider, withProcessors } from '../setups/global-provider';
import type { PeerProcessors } from '../setups/peers';

/** A handler that does nothing: what LangChain's own callback machinery costs per run. */
class NoopHandler extends BaseCallbackHandler {
  name = 'noop';
  constructor() {
    super({ _awaitHandler: true });
  }
}

/**
 * Workload (d): a three-step LangChain chain on a fake model, with no handler, with
 * Threadline's handler, and with Langfuse's. Handlers are awaited inline
 * (LANGCHAIN_CALLBACKS_BACKGROUND=false), so their whole cost falls inside the timed loop.
 */
export async function langChainChain(
  global: GlobalProvider,
  peers: PeerProcessors,
  options: MeasureOptions,
): Promise<WorkloadResult> {
  process.env.LANGCHAIN_CALLBACKS_BACKGROUND = 'false';
  const chain = createThreeStepChain();
  const input = { question: 'Where is my order 1234?' };
  const metadata = { session_id: TWO_FIELDS.sessionId, user_id: TWO_FIELDS.userId };
  const noop = new NoopHandler();
  const recording = new SpanRecordingHandler(() => trace.getTracer('span-recording'));
  const threadline = new ThreadlineCallbackHandler();
  const langfuse = new CallbackHandler({
    sessionId: TWO_FIELDS.sessionId,
    userId: TWO_FIELDS.userId,
  });
  const cases: Record<string, () => Promise<unknown>> = {
    'no handler': withProcessors(global, [], () => chain.invoke(input, { metadata })),
    'noop handler': withProcessors(global, [], () =>
      chain.invoke(input, { metadata, callbacks: [noop] }),
    ),
    'span-recording handler': withProcessors(global, [], () =>
      chain.invoke(input, { metadata, callbacks: [recording] }),
    ),
    threadline: withProcessors(global, [peers.threadline], () =>
      chain.invoke(input, { metadata, callbacks: [threadline] }),
    ),
    langfuse: withProcessors(global, [peers.langfuse], () =>
      chain.invoke(input, { metadata, callbacks: [langfuse] }),
    ),
  };
  const out = await measureWithSpanCounts(cases, global, options);
  return {
    id: 'd',
    title: '(d) LangChain: prompt → fake chat model → parser',
    per: 'chain run',
    baseline: 'no handler',
    threadline: 'threadline',
    peers: ['langfuse'],
    floor: 'noop handler',
    mustPay: 'span-recording handler',
    cases: out,
    settings: options,
    note: "noop handler = a callback handler that does nothing: LangChain's own callback cost (the floor); span-recording handler = one span per run with session, user and JSON input/output, nothing else: what any handler recording the same pays",
  };
}
