import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeSpan } from '../../test/support/spans';
import { openDevStore } from './dev-store';
import { InvalidScoreError } from './score';

let dir: string;
let path: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'threadline-dev-store-'));
  path = join(dir, 'nested', 'dev.db');
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('openDevStore', () => {
  it('keeps spans, scores and bookmarks across a restart', () => {
    const first = openDevStore({ path });
    const spans = [makeSpan({ trace: 1, span: 1 }), makeSpan({ trace: 1, span: 2, parent: 1 })];
    expect(first.insertSpans(spans)).toEqual({ traceIds: [spans[0]!.traceId], prunedTraceIds: [] });
    const score = first.addScore({
      targetType: 'session',
      targetId: 's-1',
      name: 'helpful',
      value: 0.5,
    });
    first.addScore({
      targetType: 'trace',
      targetId: spans[0]!.traceId,
      name: 'tone',
      value: 'warm',
      comment: 'nice',
    });
    first.setBookmark('s-1', true);
    first.close();

    const again = openDevStore({ path });
    expect(again.spanCount()).toBe(2);
    expect(again.spansOfTrace(spans[0]!.traceId)).toEqual(spans);
    expect(again.scores()).toEqual([
      score,
      expect.objectContaining({
        targetType: 'trace',
        name: 'tone',
        value: 'warm',
        comment: 'nice',
      }),
    ]);
    expect(again.bookmarks()).toEqual(new Set(['s-1']));
    again.setBookmark('s-1', false);
    expect(again.deleteScore(score.id)).toBe(true);
    expect(again.deleteScore(score.id)).toBe(false);
    expect(again.bookmarks().size).toBe(0);
    again.close();
  });

  it('replaces a span received twice, as Langfuse upserts', () => {
    const store = openDevStore({ path });
    store.insertSpans([makeSpan({ trace: 1, span: 1, name: 'first copy' })]);
    store.insertSpans([makeSpan({ trace: 1, span: 1, name: 'second copy' })]);
    expect(store.spanCount()).toBe(1);
    expect(store.spansOfTrace(makeSpan({ trace: 1, span: 1 }).traceId)[0]!.name).toBe(
      'second copy',
    );
    store.close();
  });

  it('prunes whole traces, least recently received first, to stay within maxSpans', () => {
    const id = (trace: number) => makeSpan({ trace, span: 1 }).traceId;
    const store = openDevStore({ path, maxSpans: 6 });
    store.insertSpans([1, 2, 3].map((span) => makeSpan({ trace: 1, span })));
    store.insertSpans([1, 2].map((span) => makeSpan({ trace: 2, span })));
    store.addScore({ targetType: 'trace', targetId: id(1), name: 'x', value: 1 });
    // Trace 1 gains a span, so trace 2 is now the least recently received.
    expect(store.insertSpans([makeSpan({ trace: 1, span: 4 })]).prunedTraceIds).toEqual([]);
    expect(store.insertSpans([makeSpan({ trace: 3, span: 1 })]).prunedTraceIds).toEqual([id(2)]);
    expect(store.spanCount()).toBe(5);
    expect(store.insertSpans([makeSpan({ trace: 4, span: 1 })]).prunedTraceIds).toEqual([]);
    const result = store.insertSpans([1, 2].map((span) => makeSpan({ trace: 5, span })));
    expect(result.prunedTraceIds).toEqual([id(1)]);
    expect(store.traceIds()).toEqual([id(3), id(4), id(5)]);
    expect(store.spanCount()).toBe(4);
    // The pruned trace's score went with it.
    expect(store.scores()).toEqual([]);
    store.close();
    // The count and the bound hold after a restart too.
    const again = openDevStore({ path, maxSpans: 6 });
    expect(again.spanCount()).toBe(4);
    again.close();
  });

  it('prunes traces idle longer than maxAgeMs', () => {
    let now = 1_000_000;
    const store = openDevStore({ path, maxAgeMs: 60_000, now: () => now });
    store.insertSpans([makeSpan({ trace: 1, span: 1 })]);
    now += 30_000;
    store.insertSpans([makeSpan({ trace: 2, span: 1 })]);
    now += 45_000;
    expect(store.prune()).toEqual([makeSpan({ trace: 1, span: 1 }).traceId]);
    expect(store.traceIds()).toEqual([makeSpan({ trace: 2, span: 1 }).traceId]);
    store.close();
  });

  it('refuses invalid scores with the reason', () => {
    const store = openDevStore({ path });
    const bad = [
      [{ targetType: 'user', targetId: 'a', name: 'n', value: 1 }, 'targetType'],
      [{ targetType: 'session', targetId: '', name: 'n', value: 1 }, 'targetId'],
      [{ targetType: 'session', targetId: 'a', name: ' ', value: 1 }, 'name'],
      [{ targetType: 'session', targetId: 'a', name: 'n', value: Number.NaN }, 'finite'],
      [{ targetType: 'session', targetId: 'a', name: 'n', value: '' }, 'categorical'],
      [{ targetType: 'session', targetId: 'a', name: 'n', value: true }, 'number or a string'],
      [
        { targetType: 'session', targetId: 'a', name: 'n', value: 1, comment: 'x'.repeat(2001) },
        'comment',
      ],
    ] as const;
    for (const [input, reason] of bad) {
      expect(() => store.addScore(input as never)).toThrow(InvalidScoreError);
      expect(() => store.addScore(input as never)).toThrow(reason);
    }
    expect(store.scores()).toEqual([]);
    store.close();
  });

  it('refuses a store written by a newer version instead of damaging it', () => {
    const db = new Database(path.replace('nested/', ''));
    db.pragma('user_version = 99');
    db.close();
    expect(() => openDevStore({ path: path.replace('nested/', '') })).toThrow(
      /newer @threadline\/dev/,
    );
  });
});
