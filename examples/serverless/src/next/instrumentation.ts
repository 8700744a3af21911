/**
 * `instrumentation.ts` at the root of a Next.js app (or in `src/`). Next.js calls `register()`
 * once per server instance, before it handles a request, in each runtime the app uses.
 */
export async function register(): Promise<void> {
  // registerThreadline needs Node (AsyncLocalStorage, the OTLP exporter); an edge route
  // carries its context by hand. Imported inside the check, so the edge runtime never loads it.
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { registerThreadline } = await import('@threadline/core/node');
  registerThreadline({
    serviceName: 'support-chat',
    // Each span leaves as it ends, so a response has nothing waiting in a batch when it ends;
    // the route still waits for those exports to finish (flushSpans) before closing its stream.
    exportMode: 'immediate',
  });
}
