import { setLangfuseTracerProvider } from '@langfuse/tracing';
import { trace } from '@opentelemetry/api';
import { BasicTracerProvider, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { CountingExportProcessor, SwitchProcessor } from './export-processor';

/** The global tracer provider of workloads (c)–(e), whose propagating processors are swapped. */
export interface GlobalProvider {
  provider: BasicTracerProvider;
  exporter: CountingExportProcessor;
  /** Makes `processors` the propagating ones for what runs next. */
  use(processors: readonly SpanProcessor[]): void;
}

let installed: GlobalProvider | undefined;

/**
 * Registers one global provider for the libraries that use it (the adapters, the AI SDK,
 * Langfuse's wrappers): a switchable processor, then the counting export processor.
 */
export function installGlobalProvider(): GlobalProvider {
  if (installed) return installed;
  const switcher = new SwitchProcessor();
  const exporter = new CountingExportProcessor();
  const provider = new BasicTracerProvider({ spanProcessors: [switcher, exporter] });
  trace.setGlobalTracerProvider(provider);
  setLangfuseTracerProvider(provider);
  installed = {
    provider,
    exporter,
    use(processors) {
      switcher.current = processors;
    },
  };
  return installed;
}

/** Runs `fn` with `processors` in place; puts them in place again before every call. */
export function withProcessors<T extends unknown[], R>(
  global: GlobalProvider,
  processors: readonly SpanProcessor[],
  fn: (...args: T) => R,
): (...args: T) => R {
  return (...args: T) => {
    global.use(processors);
    return fn(...args);
  };
}
