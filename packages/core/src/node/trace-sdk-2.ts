import type { Attributes } from '@opentelemetry/api';
import type { SdkSpanProcessor } from '../processor/sdk-span-processor';
import { registerGlobals } from './register-globals';
import type { SpanExporter, ThreadlineTracerProvider } from './sdk-types';
import type { TraceSdk } from './trace-sdk';

type ProviderClass = new (config: {
  resource: unknown;
  spanProcessors: SdkSpanProcessor[];
}) => ThreadlineTracerProvider;

type SelfRegistering = ThreadlineTracerProvider & { register(): void };

/** The parts of `@opentelemetry/sdk-trace-base` 2.x (re-exported by `-node`) used here. */
interface SdkTrace2 {
  NodeTracerProvider?: ProviderClass;
  BasicTracerProvider: ProviderClass;
  SimpleSpanProcessor: new (exporter: SpanExporter) => SdkSpanProcessor;
  BatchSpanProcessor: new (exporter: SpanExporter) => SdkSpanProcessor;
}

interface Resources {
  resourceFromAttributes(attributes: Attributes): unknown;
}

/**
 * SDK 2 through `@opentelemetry/sdk-trace-node` (`NodeTracerProvider`, which registers itself)
 * or `@opentelemetry/sdk-trace-base` (`BasicTracerProvider`, registered here). Both read the
 * `OTEL_*` variables for sampler, limits and batch sizes. `base` is where sdk-trace-base is
 * installed: the resource comes from the `@opentelemetry/resources` it depends on.
 */
export function traceSdk2(
  load: NodeJS.Require,
  packageName: '@opentelemetry/sdk-trace-node' | '@opentelemetry/sdk-trace-base',
  base: NodeJS.Require,
  version: string,
): TraceSdk {
  const sdk = load(packageName) as SdkTrace2;
  const resources = base('@opentelemetry/resources') as Resources;
  const Provider = sdk.NodeTracerProvider ?? sdk.BasicTracerProvider;
  return {
    info: { packageName, version },
    createProvider: ({ attributes, spanProcessors, sampler }) =>
      new Provider({
        resource: resources.resourceFromAttributes(attributes),
        spanProcessors,
        ...(sampler ? { sampler } : {}),
      }),
    exportEach: (exporter) => new sdk.SimpleSpanProcessor(exporter),
    exportInBatches: (exporter) => new sdk.BatchSpanProcessor(exporter),
    globalRegistration: () => {
      if (!sdk.NodeTracerProvider) return registerGlobals(load, base);
      // NodeTracerProvider registers itself, its context manager and propagators with it.
      return (provider) => (provider as SelfRegistering).register();
    },
  };
}
