// Loaded with `node --import ./telemetry.mjs app.mjs`, as the README says: the loader hook
// first, so that `openai` is hooked when the application imports it, then tracing.
import { register } from 'node:module';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { ThreadlineOpenAIInstrumentation } from '@threadline/openai/instrumentation';
import { createSpanCapture } from '@threadline/testing';

register('@opentelemetry/instrumentation/hook.mjs', import.meta.url);

export const capture = createSpanCapture({
  processors: [
    new SimpleSpanProcessor(new OTLPTraceExporter({ url: process.env.OTLP_TRACES_URL })),
  ],
});
capture.install();

registerInstrumentations({ instrumentations: [new ThreadlineOpenAIInstrumentation()] });
