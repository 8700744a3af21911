import { resolveLangfuse } from '@threadline/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_SESSION_ID, DEMO_SESSION_SPANS } from '../../test/support/demo-session';
import { makeSpan } from '../../test/support/spans';
import { createPricing } from '../prices/pricing';
import { type DevStore, openDevStore } from '../store/dev-store';
import { createDevView } from './dev-view';

let store: DevStore;

function generation(trace: number, span: number, attributes: Record<string, string | number>) {
  return makeSpan({
    trace,
    span,
    parent: 1,
    startMs: trace * 1000 + span,
    attributes: {
      'gen_ai.operation.name': 'chat',
      'gen_ai.request.model': 'gpt-4o-mini',
      'gen_ai.usage.input_tokens': 1000,
      'gen_ai.usage.output_tokens': 100,
      ...attributes,
    },
  });
}

/** Three sessions, two users, one trace with no session, a span that carries no user. */
const SPANS = [
  makeSpan({
    trace: 1,
    span: 1,
    startMs: 1000,
    attributes: { 'session.id': 's-a', 'user.id': 'u-1', 'langfuse.trace.tags': ['beta'] },
  }),
  generation(1, 2, {
    'session.id': 's-a',
    'user.id': 'u-1',
    'langfuse.observation.input': '"where is my order"',
  }),
  makeSpan({
    trace: 2,
    span: 1,
    startMs: 2000,
    attributes: { 'session.id': 's-a', 'user.id': 'u-2', 'langfuse.environment': 'staging' },
  }),
  // Carries no user: counts for the session, not for any user (docs/contract.md#backends, last bullet).
  generation(2, 2, { 'session.id': 's-a' }),
  makeSpan({
    trace: 3,
    span: 1,
    startMs: 3000,
    error: 'boom',
    attributes: { 'session.id': 's-b', 'user.id': 'u-2' },
  }),
  generation(3, 2, {
    'session.id': 's-b',
    'user.id': 'u-2',
    'gen_ai.request.model': 'my-private-model',
  }),
  makeSpan({ trace: 4, span: 1, startMs: 4000 }),
];

beforeEach(() => {
  store = openDevStore({ path: ':memory:' });
  store.insertSpans(SPANS);
});

afterEach(() => store.close());

describe('createDevView', () => {
  it('groups sessions and counts users exactly as resolveLangfuse does over all spans', () => {
    const view = createDevView({ store, prices: createPricing() });
    const expected = resolveLangfuse(SPANS);
    const sessions = view.sessions();
    expect(sessions.map((s) => s.id).sort()).toEqual(expected.sessions.map((s) => s.id).sort());
    for (const session of expected.sessions) {
      const mine = sessions.find((s) => s.id === session.id)!;
      expect(mine.userIds).toEqual(session.userIds);
      expect(mine.traces).toBe(session.traces.length);
      expect(mine.durationMs).toBe(mine.end - mine.start);
      const observations = session.traces.flatMap((t) => t.observations);
      expect(mine.tokens.total).toBe(observations.reduce((n, o) => n + (o.usage.total ?? 0), 0));
      expect(mine.errors).toBe(observations.filter((o) => o.level === 'ERROR').length);
    }
    const users = view.users();
    expect(users.map((u) => u.id).sort()).toEqual(expected.users.map((u) => u.id).sort());
    for (const user of expected.users) {
      expect(users.find((u) => u.id === user.id)).toMatchObject({
        traces: user.traces,
        observations: user.observations,
        tokens: { input: user.inputTokens, output: user.outputTokens, total: user.totalTokens },
        errors: user.errors,
      });
    }
    expect(view.traces()).toHaveLength(4);
  });

  it('totals tokens and cost over model calls only, as Langfuse does (the demo: 454, not 600)', () => {
    const demo = openDevStore({ path: ':memory:' });
    try {
      demo.insertSpans(DEMO_SESSION_SPANS);
      const view = createDevView({ store: demo, prices: createPricing() });
      const observations = resolveLangfuse(DEMO_SESSION_SPANS).traces.flatMap(
        (t) => t.observations,
      );
      const generations = observations.filter((o) => o.type === 'generation');
      const sum = (list: typeof observations) => list.reduce((n, o) => n + (o.usage.total ?? 0), 0);
      // The data as it is: the AI SDK's ai.generateText span repeats its two calls' usage.
      expect(sum(generations)).toBe(454);
      expect(sum(observations)).toBe(600);

      const [session] = view.sessions();
      expect(session).toMatchObject({ id: DEMO_SESSION_ID, traces: 4 });
      expect(session!.tokens.total).toBe(454);
      const aiSdk = view.traces().find((t) => t.name === 'shipment-delay')!;
      expect(aiSdk.tokens).toEqual({ input: 119, output: 27, total: 146 });
      expect(view.users()).toEqual([
        expect.objectContaining({
          id: 'user-7f3a',
          tokens: expect.objectContaining({ total: 454 }),
        }),
      ]);
      // Six gpt-4o-mini calls: 369 input tokens at $0.15/M, 85 output tokens at $0.60/M.
      const cost = (369 * 0.15 + 85 * 0.6) / 1_000_000;
      expect(session!.cost).toEqual({
        usd: expect.closeTo(cost, 12),
        priced: true,
        unpricedModels: [],
      });
      expect(view.users()[0]!.cost.usd).toBeCloseTo(cost, 12);
      expect(aiSdk.cost.usd).toBeCloseTo((119 * 0.15 + 27 * 0.6) / 1_000_000, 12);
    } finally {
      demo.close();
    }
  });

  it('prices tokens from the price data and names the models it cannot price', () => {
    const view = createDevView({ store, prices: createPricing() });
    const u1 = view.users().find((u) => u.id === 'u-1')!;
    // 1000 in × $0.15/M + 100 out × $0.60/M
    expect(u1.cost.usd).toBeCloseTo(0.00021, 10);
    const u2 = view.users().find((u) => u.id === 'u-2')!;
    // Trace 2's generation carries no user; trace 3's model has no price.
    expect(u2.cost).toEqual({ usd: 0, priced: false, unpricedModels: ['my-private-model'] });
    const sA = view.sessions().find((s) => s.id === 's-a')!;
    expect(sA.cost.usd).toBeCloseTo(0.00042, 10);
    const custom = createDevView({
      store,
      prices: createPricing({ table: { 'my-private-model': { input: 1, output: 1 } } }),
    });
    expect(custom.users().find((u) => u.id === 'u-2')!.cost.usd).toBeCloseTo(0.0011, 10);
  });

  it('filters by user, tag, environment, text and bookmark; bookmarked first', () => {
    const view = createDevView({ store, prices: createPricing() });
    const ids = (filter = {}) => view.sessions(filter).map((s) => s.id);
    expect(ids({ user: 'u-1' })).toEqual(['s-a']);
    expect(ids({ user: 'u-2' }).sort()).toEqual(['s-a', 's-b']);
    expect(ids({ tag: 'beta' })).toEqual(['s-a']);
    expect(ids({ environment: 'staging' })).toEqual(['s-a']);
    expect(ids({ q: 'WHERE IS' })).toEqual(['s-a']);
    expect(ids({ q: 'nothing like this' })).toEqual([]);
    expect(ids()).toEqual(['s-b', 's-a']);
    store.setBookmark('s-a', true);
    expect(ids()).toEqual(['s-a', 's-b']);
    expect(ids({ bookmarkedOnly: true })).toEqual(['s-a']);
    expect(view.facets()).toEqual({
      users: ['u-1', 'u-2'],
      tags: ['beta'],
      environments: ['default', 'staging'],
    });
  });

  it('reads changed traces again, and only when told', () => {
    const view = createDevView({ store, prices: createPricing() });
    expect(view.sessions().map((s) => s.id)).not.toContain('s-c');
    const late = makeSpan({ trace: 4, span: 2, parent: 1, attributes: { 'session.id': 's-c' } });
    const { traceIds } = store.insertSpans([late]);
    // Summaries are cached: the new span shows once its trace is marked as changed.
    expect(view.sessions().map((s) => s.id)).not.toContain('s-c');
    view.markChanged(traceIds);
    expect(view.sessionIdsOf(traceIds)).toEqual(['s-c']);
    expect(view.sessions().map((s) => s.id)).toContain('s-c');
    expect(view.session('s-c')!.traces.map((t) => t.id)).toEqual(traceIds);
    expect(view.session('nope')).toBeUndefined();
    expect(view.trace(SPANS[0]!.traceId)!.trace.observations).toHaveLength(2);
  });
});
