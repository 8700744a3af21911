import { ROOT_CONTEXT } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { type EvictionReason, type RunRecord, RunRegistry, touch } from './run-registry';

function record(startedAt: number, name = 'r'): RunRecord {
  return {
    runId: name,
    span: undefined,
    childContext: undefined,
    startContext: ROOT_CONTEXT,
    explicit: undefined,
    type: 'chain',
    name,
    tags: undefined,
    startedAt,
    lastActivity: startedAt,
    parent: undefined,
  };
}

describe('RunRegistry', () => {
  it('evicts by age from the oldest, only when a run is added', () => {
    let now = 0;
    const evicted: Array<[string, EvictionReason]> = [];
    const runs = new RunRegistry({
      maxOpenRuns: 100,
      maxRunAgeMs: 1000,
      onEvict: (r, reason) => evicted.push([r.name, reason]),
      now: () => now,
    });
    runs.add('a', record(0, 'a'));
    now = 600;
    runs.add('b', record(now, 'b'));
    now = 1500;
    expect(evicted).toEqual([]);
    runs.add('c', record(now, 'c'));
    expect(evicted).toEqual([['a', 'evicted_max_age']]);
    expect(runs.size).toBe(2);
    expect(runs.take('b')?.name).toBe('b');
    expect(runs.take('b')).toBeUndefined();
  });

  it('keeps at most maxOpenRuns, evicting the oldest', () => {
    const evicted: Array<[string, EvictionReason]> = [];
    const runs = new RunRegistry({
      maxOpenRuns: 2,
      maxRunAgeMs: Number.POSITIVE_INFINITY,
      onEvict: (r, reason) => evicted.push([r.name, reason]),
      now: () => 0,
    });
    for (const name of ['a', 'b', 'c', 'd']) runs.add(name, record(0, name));
    expect(evicted).toEqual([
      ['a', 'evicted_max_open'],
      ['b', 'evicted_max_open'],
    ]);
    expect(runs.size).toBe(2);
  });

  it('a reused run id ends the earlier run instead of losing it', () => {
    const evicted: string[] = [];
    const runs = new RunRegistry({
      maxOpenRuns: 10,
      maxRunAgeMs: Number.POSITIVE_INFINITY,
      onEvict: (r) => evicted.push(r.name),
    });
    runs.add('x', record(0, 'first'));
    runs.add('x', record(0, 'second'));
    expect(evicted).toEqual(['first']);
    expect(runs.get('x')?.name).toBe('second');
  });
});

describe('touch', () => {
  it('moves the last activity of a run and its ancestors forward, never back', () => {
    const root = record(0, 'root');
    const child = { ...record(1, 'child'), parent: root };
    const grandchild = { ...record(2, 'grandchild'), parent: child };
    touch(grandchild, 5);
    expect([root.lastActivity, child.lastActivity, grandchild.lastActivity]).toEqual([5, 5, 5]);
    touch(child, 3);
    expect([root.lastActivity, child.lastActivity]).toEqual([5, 5]);
  });
});
