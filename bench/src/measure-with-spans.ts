import { compareAsync, type MeasureOptions } from './measure';
import type { CaseResult } from './result';
import type { GlobalProvider } from './setups/global-provider';

/**
 * Runs each case once to count the spans it ends (shown beside the cost, so a setup that makes
 * more spans is visible as such), then measures all cases together.
 */
export async function measureWithSpanCounts(
  cases: Record<string, () => Promise<unknown>>,
  global: GlobalProvider,
  options: MeasureOptions,
): Promise<Record<string, CaseResult>> {
  const spans: Record<string, number> = {};
  for (const [name, run] of Object.entries(cases)) {
    const before = global.exporter.ended;
    await run();
    spans[name] = global.exporter.ended - before;
  }
  const measured = await compareAsync(cases, options);
  const out: Record<string, CaseResult> = {};
  for (const name of Object.keys(cases)) {
    out[name] = { ...measured[name]!, spansPerIteration: spans[name] };
  }
  return out;
}
