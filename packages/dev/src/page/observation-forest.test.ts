import type { LangfuseObservation } from '@threadline/testing';
import { describe, expect, it } from 'vitest';
import { buildForest, flattenForest } from './observation-forest';

const o = (id: string, parent?: string): LangfuseObservation => ({
  id,
  traceId: 't',
  ...(parent ? { parentObservationId: parent } : {}),
  name: id,
  type: 'span',
  usage: {},
  level: 'DEFAULT',
  startTime: 0,
  endTime: 0,
  metadata: {},
});

describe('buildForest', () => {
  it('nests children under parents and roots orphans, keeping input order', () => {
    const rows = flattenForest(
      buildForest([o('a'), o('b', 'a'), o('c', 'b'), o('d', 'a'), o('e', 'missing')]),
    );
    expect(rows.map((r) => [r.observation.id, r.depth])).toEqual([
      ['a', 0],
      ['b', 1],
      ['c', 2],
      ['d', 1],
      ['e', 0],
    ]);
  });

  it('survives cycles and self-parents from broken input', () => {
    const rows = flattenForest(buildForest([o('x', 'y'), o('y', 'x'), o('z', 'z')]));
    expect(rows.map((r) => r.observation.id).sort()).toEqual(['x', 'y', 'z']);
  });
});
