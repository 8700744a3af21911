import { trace } from '@opentelemetry/api';
import { telemetry } from '@threadline/ai-sdk';
import { streamText } from 'ai';
import { TWO_FIELDS } from '../fields';
import { CONTENT_RECORDING, ContentRecordingTracer } from '../fixtures/ai-content-recording-tracer';
import { createToolLoopModel, lookupOrder, TWO_STEPS } from '../fixtures/ai-tool-model';
import type { MeasureOptions } from '../measure';
import { measureWithSpanCounts } from '../measure-with-spans';
import type { WorkloadResult } from '../result';
import { type GlobalProvider, withProcessors } from '../setups/global-provider';
import { enterBare, enterLangfuse, enterThreadline, type PeerProcessors } from '../setups/peers';

/**
 * Workload (e): `streamText` with one tool on a mock model (a tool-call step, then an answer
 * step), read to the end: telemetry off; on with bare OpenTelemetry; on through Threadline's
 * `telemetry()`; on with Langfuse's processor and scope.
 */
export async function aiStreamText(
  global: GlobalProvider,
  peers: PeerProcessors,
  options: MeasureOptions,
): Promise<WorkloadResult> {
  const model = createToolLoopModel();
  const tracer = () => trace.getTracer('ai');
  const run = async (
    telemetrySettings: Parameters<typeof streamText>[0]['experimental_telemetry'],
  ) => {
    const result = streamText({
      model,
      prompt: 'order-1234',
      tools: { lookupOrder },
      stopWhen: TWO_STEPS,
      ...(telemetrySettings ? { experimental_telemetry: telemetrySettings } : {}),
    });
    let text = '';
    for await (const delta of result.textStream) text += delta;
    if (!text.includes('shipped')) throw new Error(`unexpected answer: ${text}`);
  };
  const contentTracer = new ContentRecordingTracer(tracer());
  const metadata = { sessionId: TWO_FIELDS.sessionId, userId: TWO_FIELDS.userId };
  const cases: Record<string, () => Promise<unknown>> = {
    'telemetry off': withProcessors(global, [], () => enterBare(TWO_FIELDS, () => run(undefined))),
    otel: withProcessors(global, [], () =>
      enterBare(TWO_FIELDS, () => run({ isEnabled: true, tracer: tracer() })),
    ),
    'otel + threadline processor': withProcessors(global, [peers.threadline], () =>
      enterThreadline(TWO_FIELDS, () => run({ isEnabled: true, tracer: tracer() })),
    ),
    // What telemetry() hands the SDK, made by hand: the same metadata, no call tracer.
    'otel + metadata + threadline processor': withProcessors(global, [peers.threadline], () =>
      enterThreadline(TWO_FIELDS, () => run({ isEnabled: true, tracer: tracer(), metadata })),
    ),
    // The floor plus the content keys telemetry() adds, written plainly: what recording it costs.
    [CONTENT_RECORDING]: withProcessors(global, [peers.threadline], () =>
      enterThreadline(TWO_FIELDS, () => run({ isEnabled: true, tracer: contentTracer, metadata })),
    ),
    threadline: withProcessors(global, [peers.threadline], () =>
      enterThreadline(TWO_FIELDS, () => run(telemetry())),
    ),
    langfuse: withProcessors(global, [peers.langfuse], () =>
      enterLangfuse(TWO_FIELDS, () => run({ isEnabled: true, tracer: tracer(), metadata })),
    ),
  };
  const out = await measureWithSpanCounts(cases, global, options);
  return {
    id: 'e',
    title: '(e) AI SDK streamText with a tool (2 steps), mock model',
    per: 'call',
    baseline: 'telemetry off',
    threadline: 'threadline',
    peers: ['langfuse'],
    floor: 'otel + metadata + threadline processor',
    mustPay: CONTENT_RECORDING,
    cases: out,
    settings: options,
    note: `otel = experimental_telemetry on, plain tracer; + threadline processor = the same with ThreadlineSpanProcessor and a scope; + metadata = also sessionId and userId in the telemetry metadata, as telemetry() puts them (the floor: the settings telemetry() makes, made by hand); ${CONTENT_RECORDING} = the floor whose model calls also get the GenAI content keys telemetry() adds (input and output messages, tool definitions), converted plainly: what recording the same content pays; threadline = telemetry() (processor too)`,
  };
}
