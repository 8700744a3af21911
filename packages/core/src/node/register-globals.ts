import { context, propagation, type TextMapPropagator, trace } from '@opentelemetry/api';
import { requirePeer } from './require-peer';
import type { ThreadlineTracerProvider } from './sdk-types';

/** The parts of `@opentelemetry/context-async-hooks` used here (2.x and 3.x alike). */
interface ContextAsyncHooks {
  AsyncLocalStorageContextManager: new () => {
    enable(): Parameters<typeof context.setGlobalContextManager>[0];
  };
}

/** The parts of `@opentelemetry/core` used here (2.x and 3.x alike). */
interface OtelCore {
  CompositePropagator: new (config: { propagators: TextMapPropagator[] }) => TextMapPropagator;
  W3CTraceContextPropagator: new () => TextMapPropagator;
  W3CBaggagePropagator: new () => TextMapPropagator;
}

/**
 * Global registration for an SDK whose provider has no `register()` (SDK 3's `TracerProvider`,
 * SDK 2's `BasicTracerProvider`), doing what SDK 2's `NodeTracerProvider.register()` does.
 * `@opentelemetry/core` comes from beside the SDK (`fromSdk`), which depends on it: the
 * propagators are the SDK's own version, and the application need not install core itself.
 */
export function registerGlobals(
  load: NodeJS.Require,
  fromSdk: NodeJS.Require,
): (provider: ThreadlineTracerProvider) => void {
  const { AsyncLocalStorageContextManager } = requirePeer<ContextAsyncHooks>(
    load,
    '@opentelemetry/context-async-hooks',
    'registerThreadline (to register the AsyncLocalStorage context manager)',
  );
  const core = fromSdk('@opentelemetry/core') as OtelCore;
  return (provider) => {
    trace.setGlobalTracerProvider(provider);
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    propagation.setGlobalPropagator(
      new core.CompositePropagator({
        propagators: [new core.W3CTraceContextPropagator(), new core.W3CBaggagePropagator()],
      }),
    );
  };
}
