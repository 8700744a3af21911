import { ProxyTracerProvider, type TracerProvider, trace } from '@opentelemetry/api';

interface Flushable {
  forceFlush?: () => Promise<unknown>;
}

/**
 * Waits until every span that has ended is exported, through the tracer provider that
 * `register()` installed. Next.js builds instrumentation.ts and each route as separate bundles,
 * so a route cannot rely on a variable set in `register()`; the global provider is shared.
 * Never rejects: a failed export is logged and the response goes on.
 */
export async function flushSpans(): Promise<void> {
  const global = trace.getTracerProvider();
  const provider: TracerProvider & Flushable =
    global instanceof ProxyTracerProvider ? global.getDelegate() : global;
  try {
    await provider.forceFlush?.();
  } catch (error) {
    console.warn('support-chat: spans not exported', error);
  }
}
