import {
  InMemorySpanExporter,
  NoopSpanProcessor,
  SimpleSpanProcessor,
  type SpanProcessor,
  TracerProvider,
} from '@opentelemetry/sdk-trace';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerThreadline } from '../../../src/node/register-threadline';
import { ThreadlineSpanProcessor } from '../../../src/processor/threadline-span-processor';
import { propagateAttributes } from '../../../src/scope/propagate-attributes';
import { installGlobals } from '../../../test/harness';

let uninstall: () => void;
beforeAll(() => {
  uninstall = installGlobals();
});
afterAll(() => uninstall());

// Core's types name only the API; these calls, typed with SDK 3's own classes, must compile
// (`pnpm --filter @threadline/core typecheck` covers this folder) and work.
describe('SDK 3 objects in Threadline calls', () => {
  it('registerThreadline takes an SDK 3 exporter and processors', async () => {
    const exporter = new InMemorySpanExporter();
    const extra: SpanProcessor[] = [new NoopSpanProcessor()];
    const registration = registerThreadline({
      register: false,
      batch: false,
      exporter,
      spanProcessors: extra,
    });
    propagateAttributes({ sessionId: 's3' }, () => {
      registration.provider.getTracer('t').startSpan('x').end();
    });
    expect(exporter.getFinishedSpans().map((s) => s.attributes['session.id'])).toEqual(['s3']);
    await registration.shutdown();
  });

  it('ThreadlineSpanProcessor is an SDK 3 SpanProcessor', () => {
    const exporter = new InMemorySpanExporter();
    const processor: SpanProcessor = new ThreadlineSpanProcessor();
    const provider = new TracerProvider({
      spanProcessors: [processor, new SimpleSpanProcessor({ exporter })],
    });
    propagateAttributes({ userId: 'u3' }, () => provider.getTracer('t').startSpan('y').end());
    expect(exporter.getFinishedSpans()[0]?.attributes['user.id']).toBe('u3');
  });
});
