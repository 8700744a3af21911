import { context, type Span, trace } from '@opentelemetry/api';
import type { BenchFields } from '../fields';
import { compareSync, type MeasureOptions } from '../measure';
import type { CaseResult, WorkloadResult } from '../result';
import { SET_ATTRIBUTES_FLOOR } from '../setups/floor-processor';
import { PEER_NAMES, type PeerProcessors } from '../setups/peers';
import { floorOf, spanSetups } from '../setups/span-setups';

/**
 * Workload (a): one span started and ended, a child of a live request span, inside a scope of
 * `fields` entered each setup's way. Every setup has its own provider: its propagating
 * processor, then the same counting export processor. The floor reads Threadline's attributes,
 * precomputed for its scope, from the context and sets them, and nothing else.
 */
export async function spanStartEnd(
  label: string,
  fields: BenchFields,
  peers: PeerProcessors,
  options: MeasureOptions,
): Promise<WorkloadResult> {
  const setups = spanSetups(peers, floorOf(peers, fields));
  const parents: Span[] = [];
  const cases: Record<string, () => void> = {};
  for (const [name, { tracer, enter }] of Object.entries(setups)) {
    const ctx = enter(fields, () => {
      const parent = tracer.startSpan('request');
      parents.push(parent);
      return trace.setSpan(context.active(), parent);
    });
    cases[name] = () => tracer.startSpan('work', undefined, ctx).end();
  }
  const measured = await compareSync(cases, options);
  const out: Record<string, CaseResult> = {};
  for (const [name, { exporter }] of Object.entries(setups)) {
    const last = exporter.last;
    out[name] = { ...measured[name]!, attributes: Object.keys(last?.attributes ?? {}).length };
  }
  for (const parent of parents) parent.end();
  return {
    id: `a-${label.split(' ')[0]}`,
    title: `(a) span start+end, ${label} propagated`,
    per: 'span',
    baseline: 'bare',
    threadline: 'threadline',
    peers: [...PEER_NAMES],
    floor: SET_ATTRIBUTES_FLOOR,
    cases: out,
    settings: options,
    note: `${SET_ATTRIBUTES_FLOOR} = a processor that reads the attributes Threadline writes, precomputed for the scope, from the context (one lookup) and sets them`,
  };
}
