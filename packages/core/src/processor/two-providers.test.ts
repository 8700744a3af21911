import { context, trace } from '@opentelemetry/api';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, installGlobals } from '../../test/harness';
import { propagateAttributes } from '../scope/propagate-attributes';

const EMAIL = 'ann@example.com';

describe('two tracer providers in one process, each with its own processor', () => {
  let uninstall: () => void;
  beforeAll(() => {
    uninstall = installGlobals();
  });
  afterAll(() => uninstall());

  const harnesses: ReturnType<typeof createHarness>[] = [];
  function provider(options: Parameters<typeof createHarness>[0]) {
    const harness = createHarness(options);
    harnesses.push(harness);
    return harness;
  }
  afterEach(async () => {
    await Promise.all(harnesses.splice(0).map((h) => h.shutdown()));
  });

  function userOfSpanIn(harness: ReturnType<typeof createHarness>, name: string) {
    propagateAttributes({ sessionId: 'conv-1', userId: EMAIL }, () => {
      harness.tracer().startSpan(name).end();
    });
    return harness.span(name).attributes['user.id'];
  }

  it('each applies its own sensitive policy, whichever was built last', () => {
    const dropping = provider({ sensitive: 'drop' });
    const keeping = provider({ sensitive: 'warn' });
    expect(userOfSpanIn(dropping, 'a')).toBeUndefined();
    expect(userOfSpanIn(keeping, 'b')).toBe(EMAIL);
    expect(dropping.span('a').attributes['session.id']).toBe('conv-1');
  });

  it('shutting one down leaves the other policy in force, in either order', async () => {
    const keeping = provider({ sensitive: 'warn' });
    const dropping = provider({ sensitive: 'drop' });
    await dropping.shutdown();
    expect(userOfSpanIn(keeping, 'b')).toBe(EMAIL);

    const dropping2 = provider({ sensitive: 'drop' });
    const keeping2 = provider({ sensitive: 'warn' });
    await keeping2.shutdown();
    expect(userOfSpanIn(dropping2, 'c')).toBeUndefined();
  });

  it('a scope entered under a span stamps it through the processor that started it only', () => {
    const langfuse = provider({ dialects: ['langfuse'] });
    const openinference = provider({ dialects: ['openinference'] });
    for (const [harness, name] of [
      [langfuse, 'langfuse request'],
      [openinference, 'openinference request'],
    ] as const) {
      const request = harness.tracer().startSpan(name);
      context.with(trace.setSpan(context.active(), request), () =>
        propagateAttributes({ sessionId: 'conv-2', tags: ['vip'] }, () => {}),
      );
      request.end();
    }
    const stampedByLangfuse = langfuse.span('langfuse request').attributes;
    expect(stampedByLangfuse['session.id']).toBe('conv-2');
    expect(stampedByLangfuse['langfuse.trace.tags']).toEqual(['vip']);
    expect(stampedByLangfuse['tag.tags']).toBeUndefined();
    const stampedByOpenInference = openinference.span('openinference request').attributes;
    expect(stampedByOpenInference['tag.tags']).toEqual(['vip']);
    expect(stampedByOpenInference['langfuse.trace.tags']).toBeUndefined();
  });
});
