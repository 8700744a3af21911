import { context, ROOT_CONTEXT } from '@opentelemetry/api';
import type { BenchFields } from '../fields';
import { compareSync, type MeasureOptions } from '../measure';
import type { CaseResult, WorkloadResult } from '../result';
import { ENTER, PEER_NAMES, type PeerProcessors, SETUP_NAMES } from '../setups/peers';

const nothing = () => undefined;

/**
 * Workload (b): entering a propagation scope of `fields` and leaving it, with nothing inside and
 * no span active. (With an active span, Threadline and Langfuse also write the fields onto it;
 * measured on one reused span that would time a repeat, not the first write, so it is left
 * out here: it is part of what (a) and (c)–(e) measure.)
 */
export async function scopeEnterLeave(
  label: string,
  fields: BenchFields,
  _peers: PeerProcessors,
  options: MeasureOptions,
): Promise<WorkloadResult> {
  const cases: Record<string, () => void> = {};
  for (const name of SETUP_NAMES) {
    const enter = ENTER[name];
    const scope = () => enter(fields, nothing);
    cases[name] = () => context.with(ROOT_CONTEXT, scope);
  }
  const measured = await compareSync(cases, options);
  const out: Record<string, CaseResult> = {};
  for (const name of SETUP_NAMES) out[name] = measured[name]!;
  return {
    id: `b-${label.split(' ')[0]}`,
    title: `(b) enter+leave a scope of ${label}`,
    per: 'scope',
    baseline: 'bare',
    threadline: 'threadline',
    peers: [...PEER_NAMES],
    cases: out,
    settings: options,
    note: 'no span active; bare = the fields put on the context with context.with, nothing else',
  };
}
