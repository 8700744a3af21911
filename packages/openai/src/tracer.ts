import { type Tracer, type TracerProvider, trace } from '@opentelemetry/api';
import { PACKAGE_NAME, PACKAGE_VERSION } from './version';

const tracers = new WeakMap<TracerProvider, Tracer>();

/**
 * This package's tracer from `provider`, or from the global provider as it is now: looked up
 * per call so that a provider registered after `observeOpenAI` (or replaced in tests) is used.
 */
export function openAITracer(provider: TracerProvider = trace.getTracerProvider()): Tracer {
  let tracer = tracers.get(provider);
  if (!tracer) {
    tracer = provider.getTracer(PACKAGE_NAME, PACKAGE_VERSION);
    tracers.set(provider, tracer);
  }
  return tracer;
}
