import { context, propagation, ROOT_CONTEXT, trace } from '@opentelemetry/api';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createHarness, installGlobals } from '../../test/harness';
import {
  contextWithExplicitAttributes,
  validateExplicitAttributes,
} from '../adapter/explicit-attributes';
import { contextWithAttributes, getContextAttributes } from '../scope/context-attributes';
import { propagateAttributes } from '../scope/propagate-attributes';
import { getSpanRecord } from './span-record';

let uninstall: () => void;
const h = createHarness();
const tracer = h.tracer('app');

beforeAll(() => {
  uninstall = installGlobals();
});
afterAll(() => uninstall());
beforeEach(() => h.reset());

const tick = () => new Promise<void>((resolve) => setTimeout(resolve, Math.random() * 3));

describe('ThreadlineSpanProcessor', () => {
  it('1,000 concurrent flows (awaits, timers, racing promises) each keep their own session and user', async () => {
    await Promise.all(
      Array.from({ length: 1000 }, (_, i) =>
        propagateAttributes({ sessionId: `s-${i}`, userId: `u-${i}` }, async () => {
          await tick();
          await tracer.startActiveSpan(`flow-${i}`, async (root) => {
            await Promise.race([tick(), tick()]);
            await new Promise<void>((resolve) =>
              setTimeout(() => {
                tracer.startSpan(`timer-${i}`).end();
                resolve();
              }, Math.random() * 3),
            );
            await Promise.all([tick().then(() => tracer.startSpan(`child-${i}`).end()), tick()]);
            root.end();
          });
        }),
      ),
    );
    const spans = h.spans();
    expect(spans).toHaveLength(3000);
    for (const span of spans) {
      const i = span.name.split('-')[1];
      expect(span.attributes['session.id']).toBe(`s-${i}`);
      expect(span.attributes['user.id']).toBe(`u-${i}`);
    }
  });

  it('writes the scope onto a span of a third-party tracer', () => {
    propagateAttributes(
      {
        sessionId: 's',
        userId: 'u',
        tags: ['t'],
        traceName: 'n',
        metadata: { tier: 'gold' },
        version: 'v1',
        release: 'r1',
        environment: 'staging',
      },
      () => {
        h.tracer('some-http-library').startSpan('GET /db').end();
      },
    );
    expect(h.span('GET /db').attributes).toEqual({
      'session.id': 's',
      'user.id': 'u',
      'langfuse.trace.name': 'n',
      'langfuse.trace.tags': ['t'],
      'langfuse.trace.metadata.tier': 'gold',
      'langfuse.version': 'v1',
      'langfuse.release': 'r1',
      'langfuse.environment': 'staging',
    });
  });

  it('never writes a gen_ai.* key', () => {
    propagateAttributes({ sessionId: 's', userId: 'u' }, () => tracer.startSpan('x').end());
    expect(Object.keys(h.span('x').attributes).some((k) => k.startsWith('gen_ai.'))).toBe(false);
  });

  it('keeps a session.id the span already carries, and its children inherit it as explicit', () => {
    propagateAttributes({ sessionId: 'scope', userId: 'u' }, () => {
      const own = tracer.startSpan('own', { attributes: { 'session.id': 'mine' } });
      const ctx = trace.setSpan(context.active(), own);
      tracer.startSpan('own-child', {}, ctx).end();
      own.end();
    });
    expect(h.span('own').attributes['session.id']).toBe('mine');
    expect(h.span('own').attributes['user.id']).toBe('u');
    expect(h.span('own-child').attributes['session.id']).toBe('mine');
  });

  it('a child started outside the scope with an explicit parent inherits the parent explicit attributes', () => {
    const parent = tracer.startSpan(
      'parent',
      {},
      contextWithExplicitAttributes(
        ROOT_CONTEXT,
        validateExplicitAttributes({ sessionId: 'explicit', userId: 'eu' }),
      ),
    );
    // Later, in a queue worker running under a different scope:
    propagateAttributes({ sessionId: 'other', userId: 'other-user' }, () => {
      tracer.startSpan('queued', {}, trace.setSpan(context.active(), parent)).end();
    });
    parent.end();
    expect(h.span('queued').attributes['session.id']).toBe('explicit');
    expect(h.span('queued').attributes['user.id']).toBe('eu');
  });

  it('a child started after the scope closed with an explicit parent keeps the parent session (level 4)', () => {
    const parent = propagateAttributes({ sessionId: 'p', tags: ['a'] }, () =>
      tracer.startSpan('p'),
    );
    propagateAttributes({ userId: 'later', tags: ['b'] }, () => {
      tracer.startSpan('late', {}, trace.setSpan(context.active(), parent)).end();
    });
    parent.end();
    expect(h.span('late').attributes).toMatchObject({
      'session.id': 'p',
      'user.id': 'later',
      'langfuse.trace.tags': ['a', 'b'],
    });
  });

  it('a scope (level 3) beats what the parent resolved from an outer scope (level 4)', () => {
    const parent = propagateAttributes({ sessionId: 'outer' }, () => tracer.startSpan('p'));
    propagateAttributes({ sessionId: 'inner' }, () => {
      tracer.startSpan('c', {}, trace.setSpan(context.active(), parent)).end();
    });
    parent.end();
    expect(h.span('c').attributes['session.id']).toBe('inner');
  });

  it('null in a scope clears an inherited value, also against the parent span', () => {
    propagateAttributes({ sessionId: 's', userId: 'u' }, () =>
      tracer.startActiveSpan('p', (p) => {
        propagateAttributes({ userId: null }, () => tracer.startSpan('c').end());
        p.end();
      }),
    );
    expect(h.span('c').attributes['session.id']).toBe('s');
    expect(h.span('c').attributes['user.id']).toBeUndefined();
  });

  it('stamps the span active when a scope is entered, without overwriting its keys', () => {
    const request = tracer.startSpan('request', { attributes: { 'user.id': 'from-http' } });
    context.with(trace.setSpan(context.active(), request), () => {
      propagateAttributes({ sessionId: 'late-session', userId: 'app-user' }, () => {
        tracer.startSpan('work').end();
      });
      // A child started after the scope (e.g. a response hook) still joins the session.
      tracer.startSpan('after').end();
    });
    request.end();
    expect(h.span('request').attributes).toMatchObject({
      'session.id': 'late-session',
      'user.id': 'from-http',
    });
    expect(h.span('work').attributes['session.id']).toBe('late-session');
    expect(h.span('after').attributes['session.id']).toBe('late-session');
    // The span carried user.id when it started: that is explicit (level 1), so its children
    // inherit it (level 2) over any scope (level 3).
    expect(h.span('work').attributes['user.id']).toBe('from-http');
    expect(h.span('after').attributes['user.id']).toBe('from-http');
  });

  it('reads the AI SDK telemetry metadata as explicit', () => {
    propagateAttributes({ sessionId: 'scope', userId: 'u' }, () => {
      const root = tracer.startSpan('ai.streamText', {
        attributes: {
          'ai.telemetry.metadata.sessionId': 'from-metadata',
          'ai.telemetry.metadata.tags': ['x'],
        },
      });
      tracer.startSpan('ai.toolCall', {}, trace.setSpan(ROOT_CONTEXT, root)).end();
      root.end();
    });
    expect(h.span('ai.streamText').attributes['session.id']).toBe('from-metadata');
    expect(h.span('ai.toolCall').attributes).toMatchObject({
      'session.id': 'from-metadata',
      'langfuse.trace.tags': ['x'],
    });
  });

  it('explicit context attributes (level 1) beat the scope, tags union over levels', () => {
    propagateAttributes({ sessionId: 'scope', userId: 'u', tags: ['scope'] }, () => {
      const ctx = contextWithExplicitAttributes(
        context.active(),
        validateExplicitAttributes({ sessionId: 'call', tags: ['call'] }),
      );
      tracer.startSpan('call', {}, ctx).end();
    });
    expect(h.span('call').attributes).toMatchObject({
      'session.id': 'call',
      'user.id': 'u',
      'langfuse.trace.tags': ['scope', 'call'],
    });
  });

  it('forgets a span at onEnd', () => {
    const span = propagateAttributes({ sessionId: 's' }, () => tracer.startSpan('x'));
    expect(getSpanRecord(span)?.resolved).toEqual({ sessionId: 's' });
    span.end();
    expect(getSpanRecord(span)).toBeUndefined();
  });

  it('spans started on one context object see their parent as it is now (stamped, then ended)', () => {
    const parent = tracer.startSpan('parent');
    const onParent = trace.setSpan(ROOT_CONTEXT, parent);
    tracer.startSpan('before-stamp', {}, onParent).end();
    context.with(onParent, () => propagateAttributes({ sessionId: 'stamped' }, () => {}));
    tracer.startSpan('after-stamp', {}, onParent).end();
    parent.end();
    tracer.startSpan('after-end', {}, onParent).end();
    expect(h.span('before-stamp').attributes['session.id']).toBeUndefined();
    expect(h.span('after-stamp').attributes['session.id']).toBe('stamped');
    // Only a live parent passes values on (docs/contract.md#precedence levels 2 and 4).
    expect(h.span('after-end').attributes['session.id']).toBeUndefined();
  });

  it('a child that resolved like its parent, once stamped, leaves its parent and siblings as they were', () => {
    propagateAttributes({ sessionId: 's' }, () => {
      tracer.startActiveSpan('request', (request) => {
        tracer.startActiveSpan('child', (child) => {
          propagateAttributes({ userId: 'u' }, () => {});
          tracer.startSpan('grandchild').end();
          child.end();
        });
        tracer.startSpan('sibling').end();
        request.end();
      });
    });
    for (const name of ['child', 'grandchild']) {
      expect(h.span(name).attributes).toMatchObject({ 'session.id': 's', 'user.id': 'u' });
    }
    for (const name of ['request', 'sibling']) {
      expect(h.span(name).attributes['session.id']).toBe('s');
      expect(h.span(name).attributes['user.id']).toBeUndefined();
    }
  });

  it('spans under one parent in one scope see the parent stamped later, and resolve alike once it ended', () => {
    propagateAttributes({ sessionId: 's' }, () => {
      const request = tracer.startSpan('request');
      const onRequest = trace.setSpan(context.active(), request);
      tracer.startSpan('first', {}, onRequest).end();
      tracer.startSpan('second', {}, onRequest).end();
      context.with(onRequest, () => propagateAttributes({ userId: 'u' }, () => {}));
      tracer.startSpan('after-stamp', {}, onRequest).end();
      request.end();
      tracer.startSpan('after-end', {}, onRequest).end();
    });
    for (const name of ['first', 'second', 'after-end']) {
      expect(h.span(name).attributes['session.id']).toBe('s');
      expect(h.span(name).attributes['user.id']).toBeUndefined();
    }
    expect(h.span('after-stamp').attributes).toMatchObject({ 'session.id': 's', 'user.id': 'u' });
  });

  it('spans under different parents in one scope each inherit their own parent', () => {
    propagateAttributes({ sessionId: 's' }, () => {
      const active = context.active();
      const plain = tracer.startSpan('plain');
      const named = tracer.startSpan('named', { attributes: { 'user.id': 'x' } });
      for (const round of [1, 2]) {
        tracer.startSpan(`under-plain-${round}`, {}, trace.setSpan(active, plain)).end();
        tracer.startSpan(`under-named-${round}`, {}, trace.setSpan(active, named)).end();
      }
      plain.end();
      named.end();
    });
    for (const round of [1, 2]) {
      expect(h.span(`under-plain-${round}`).attributes['user.id']).toBeUndefined();
      expect(h.span(`under-named-${round}`).attributes).toMatchObject({
        'session.id': 's',
        'user.id': 'x',
      });
    }
  });

  it('scopes entered again and again with the same values, and with others between, each give their own', () => {
    const metadataOf = (sessionId: string) => ({
      'ai.telemetry.metadata.sessionId': sessionId,
      'ai.telemetry.metadata.userId': 'u',
    });
    const turns = [
      { sessionId: 's1', userId: 'u' },
      { sessionId: 's1', userId: 'u' },
      { sessionId: 's2', userId: null },
      { sessionId: 's1', userId: 'u' },
    ];
    propagateAttributes({ userId: 'outer' }, () => {
      turns.forEach((turn, i) => {
        propagateAttributes(turn, () => {
          const root = tracer.startSpan(`root-${i}`, { attributes: metadataOf(turn.sessionId) });
          tracer.startSpan(`child-${i}`, {}, trace.setSpan(context.active(), root)).end();
          root.end();
        });
      });
    });
    turns.forEach((turn, i) => {
      for (const name of [`root-${i}`, `child-${i}`]) {
        expect(h.span(name).attributes['session.id']).toBe(turn.sessionId);
        // The explicit metadata user wins over a scope that cleared it (level 1 over 3).
        expect(h.span(name).attributes['user.id']).toBe('u');
      }
    });
  });

  it('does nothing for spans outside any scope', () => {
    tracer.startSpan('bare').end();
    expect(h.span('bare').attributes).toEqual({});
  });

  it('the functional form works without the context manager', () => {
    const ctx = contextWithAttributes(ROOT_CONTEXT, { sessionId: 'edge', userId: 'u' });
    expect(getContextAttributes(ctx)).toEqual({ sessionId: 'edge', userId: 'u' });
    tracer.startSpan('edge', {}, ctx).end();
    expect(h.span('edge').attributes['session.id']).toBe('edge');
  });

  it('propagateAttributes keeps a returned promise and passes errors through unchanged', async () => {
    const error = new Error('user error');
    await expect(
      propagateAttributes({ sessionId: 's' }, async () => {
        throw error;
      }),
    ).rejects.toBe(error);
    expect(() =>
      propagateAttributes({ sessionId: 's' }, () => {
        throw error;
      }),
    ).toThrow(error);
    const hostile = new Proxy(
      {},
      {
        get() {
          throw new Error('hostile');
        },
      },
    );
    expect(propagateAttributes(hostile as never, () => 7)).toBe(7);
  });
});

describe('dialects', () => {
  it('openinference writes tag.tags and a metadata JSON string; otel alone writes only ids', () => {
    const oi = createHarness({ dialects: ['openinference'] });
    const otel = createHarness({ dialects: ['otel'] });
    propagateAttributes(
      { sessionId: 's', userId: 'u', tags: ['a'], metadata: { k: 'v' }, traceName: 'n' },
      () => {
        oi.tracer().startSpan('oi').end();
        otel.tracer().startSpan('otel').end();
      },
    );
    expect(oi.span('oi').attributes).toEqual({
      'session.id': 's',
      'user.id': 'u',
      'tag.tags': ['a'],
      metadata: '{"k":"v"}',
    });
    expect(otel.span('otel').attributes).toEqual({ 'session.id': 's', 'user.id': 'u' });
  });
});

describe('baggage on the processor', () => {
  it('is read only with readBaggage', () => {
    const reading = createHarness({ readBaggage: true });
    const ignoring = createHarness();
    const inbound = propagation.setBaggage(
      ROOT_CONTEXT,
      propagation.createBaggage({
        langfuse_session_id: { value: 'from-upstream' },
        langfuse_user_id: { value: 'bad\u0001user' },
      }),
    );
    reading.tracer().startSpan('r', {}, inbound).end();
    ignoring.tracer().startSpan('i', {}, inbound).end();
    expect(reading.span('r').attributes).toEqual({ 'session.id': 'from-upstream' });
    expect(ignoring.span('i').attributes).toEqual({});
  });
});
