import { context, type Span, trace } from '@opentelemetry/api';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import type { BenchFields } from '../fields';
import { compareSync, type MeasureOptions } from '../measure';
import type { CaseResult, WorkloadResult } from '../result';
import { CountingExportProcessor } from '../setups/export-processor';
import { ENTER, type PeerProcessors, processorsOf, SETUP_NAMES } from '../setups/peers';

/**
 * Workload (a): one span started and ended, a child of a live request span, inside a scope of
 * `fields` entered each setup's way. Every setup has its own provider: its propagating
 * processor, then the same counting export processor.
 */
export async function spanStartEnd(
  label: string,
  fields: BenchFields,
  peers: PeerProcessors,
  options: MeasureOptions,
): Promise<WorkloadResult> {
  const parents: Span[] = [];
  const exports: Record<string, CountingExportProcessor> = {};
  const cases: Record<string, () => void> = {};
  for (const name of SETUP_NAMES) {
    const exporter = new CountingExportProcessor();
    const tracer = new BasicTracerProvider({
      spanProcessors: [...processorsOf(name, peers), exporter],
    }).getTracer('bench');
    const ctx = ENTER[name](fields, () => {
      const parent = tracer.startSpan('request');
      parents.push(parent);
      return trace.setSpan(context.active(), parent);
    });
    exports[name] = exporter;
    cases[name] = () => tracer.startSpan('work', undefined, ctx).end();
  }
  const measured = await compareSync(cases, options);
  const out: Record<string, CaseResult> = {};
  for (const name of SETUP_NAMES) {
    const last = exports[name]!.last;
    out[name] = { ...measured[name]!, attributes: Object.keys(last?.attributes ?? {}).length };
  }
  for (const parent of parents) parent.end();
  return {
    id: `a-${label.split(' ')[0]}`,
    title: `(a) span start+end, ${label} propagated`,
    per: 'span',
    baseline: 'bare',
    threadline: 'threadline',
    cases: out,
    settings: options,
  };
}
