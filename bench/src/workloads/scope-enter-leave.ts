import { context, ROOT_CONTEXT, type Span, trace } from '@opentelemetry/api';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import type { BenchFields } from '../fields';
import { compareSync, type MeasureOptions } from '../measure';
import type { CaseResult, WorkloadResult } from '../result';
import { CountingExportProcessor } from '../setups/export-processor';
import { ENTER, type PeerProcessors, processorsOf, SETUP_NAMES } from '../setups/peers';

const nothing = () => undefined;

/**
 * Workload (b): entering a propagation scope of `fields` and leaving it, with nothing inside,
 * while a request span (as an HTTP framework opens one) is active: Threadline and Langfuse also
 * put the scope's fields on that span, as their scopes do.
 */
export async function scopeEnterLeave(
  label: string,
  fields: BenchFields,
  peers: PeerProcessors,
  options: MeasureOptions,
): Promise<WorkloadResult> {
  const requests: Span[] = [];
  const cases: Record<string, () => void> = {};
  for (const name of SETUP_NAMES) {
    const tracer = new BasicTracerProvider({
      spanProcessors: [...processorsOf(name, peers), new CountingExportProcessor()],
    }).getTracer('bench');
    const request = tracer.startSpan('request');
    requests.push(request);
    const ctx = trace.setSpan(ROOT_CONTEXT, request);
    const enter = ENTER[name];
    const scope = () => enter(fields, nothing);
    cases[name] = () => context.with(ctx, scope);
  }
  const measured = await compareSync(cases, options);
  const out: Record<string, CaseResult> = {};
  for (const [i, name] of SETUP_NAMES.entries()) {
    const request = requests[i] as unknown as { attributes?: object };
    out[name] = { ...measured[name]!, attributes: Object.keys(request.attributes ?? {}).length };
  }
  for (const request of requests) request.end();
  return {
    id: `b-${label.split(' ')[0]}`,
    title: `(b) enter+leave a scope of ${label}`,
    per: 'scope',
    baseline: 'bare',
    threadline: 'threadline',
    cases: out,
    settings: options,
    note: 'bare = the fields put on the context with context.with, nothing else',
  };
}
