import type { Attributes } from '@opentelemetry/api';
import type { SdkSpanProcessor } from '../processor/sdk-span-processor';
import { registerGlobals } from './register-globals';
import type { SpanExporter, ThreadlineTracerProvider } from './sdk-types';
import type { TraceSdk } from './trace-sdk';

/** The parts of `@opentelemetry/sdk-trace` 3.x used here. */
interface SdkTrace3 {
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
 * SDK 3: `TracerProvider` (SDK 2's `BasicTracerProvider`), processors that take `{ exporter }`,
 * no `register()`. It reads no `OTEL_*` variables itself (sampler, limits, batch sizes). The
 * resource comes from the `@opentelemetry/resources` the SDK depends on.
 */
export function traceSdk3(
  load: NodeJS.Require,
  fromSdk: NodeJS.Require,
  version: string,
): TraceSdk {
  const sdk = load('@opentelemetry/sdk-trace') as SdkTrace3;
  const resources = fromSdk('@opentelemetry/resources') as Resources;
  return {
    info: { packageName: '@opentelemetry/sdk-trace', version },
    createProvider: ({ attributes, spanProcessors }) =>
      new sdk.TracerProvider({
        resource: resources.resourceFromAttributes(attributes),
        spanProcessors,
      }),
    exportEach: (exporter) => new sdk.SimpleSpanProcessor({ exporter }),
    exportInBatches: (exporter) => new sdk.BatchSpanProcessor({ exporter }),
    globalRegistration: () => registerGlobals(load, fromSdk),
  };
}
