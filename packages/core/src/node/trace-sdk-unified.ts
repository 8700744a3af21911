import type { Attributes } from '@opentelemetry/api';
import type { SdkSpanProcessor } from '../processor/sdk-span-processor';
import { registerGlobals } from './register-globals';
import type { SpanExporter, ThreadlineTracerProvider } from './sdk-types';
import type { TraceSdk } from './trace-sdk';

/** The parts of `@opentelemetry/sdk-trace` (3.x, and 2.9+) used here. */
interface SdkTrace {
  TracerProvider: new (options: {
    resource: unknown;
    spanProcessors: SdkSpanProcessor[];
  }) => ThreadlineTracerProvider;
  SimpleSpanProcessor: new (options: { exporter: SpanExporter }) => SdkSpanProcessor;
  BatchSpanProcessor: new (options: { exporter: SpanExporter }) => SdkSpanProcessor;
}

interface Resources {
  resourceFromAttributes(attributes: Attributes): unknown;
}

/**
 * The `@opentelemetry/sdk-trace` package: all of SDK 3's tracing, and published since SDK 2.9
 * too, under SDK 2's `sdk-trace-base`. `TracerProvider` (SDK 2's `BasicTracerProvider`),
 * processors that take `{ exporter }`, no `register()`; it reads no `OTEL_*` variables itself
 * (sampler, limits, batch sizes). The resource comes from the `@opentelemetry/resources` the
 * SDK depends on.
 */
export function traceSdkUnified(
  load: NodeJS.Require,
  fromSdk: NodeJS.Require,
  version: string,
): TraceSdk {
  const sdk = load('@opentelemetry/sdk-trace') as SdkTrace;
  const resources = fromSdk('@opentelemetry/resources') as Resources;
  return {
    info: { packageName: '@opentelemetry/sdk-trace', version },
    createProvider: ({ attributes, spanProcessors, sampler }) =>
      new sdk.TracerProvider({
        resource: resources.resourceFromAttributes(attributes),
        spanProcessors,
        ...(sampler ? { sampler } : {}),
      }),
    exportEach: (exporter) => new sdk.SimpleSpanProcessor({ exporter }),
    exportInBatches: (exporter) => new sdk.BatchSpanProcessor({ exporter }),
    globalRegistration: () => registerGlobals(load, fromSdk),
  };
}
