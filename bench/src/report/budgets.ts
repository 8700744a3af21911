import { differenceSpread, overheadOf, ratioOf, type WorkloadResult } from '../result';

/** One budget of the adapter and core issues, read off one run. */
export interface BudgetCheck {
  budget: string;
  measured: string;
  met: boolean;
}

const PEERS = ['langfuse', 'openinference', 'baggage'];

function byId(results: readonly WorkloadResult[], id: string): WorkloadResult | undefined {
  return results.find((r) => r.id === id);
}

const us = (ns: number) => `${(ns / 1000).toFixed(1)} µs`;
const pct = (x: number) => `${(x * 100).toFixed(2)}%`;

/** The budgets of each workload, checked against the medians of one run. */
export function checkBudgets(results: readonly WorkloadResult[]): BudgetCheck[] {
  const checks: BudgetCheck[] = [];
  for (const id of ['a-2', 'a-8']) {
    const r = byId(results, id);
    if (!r) continue;
    const overhead = (name: string) => overheadOf(r, name);
    const tl = overhead('threadline');
    const peers = PEERS.map((p) => [p, overhead(p)] as const);
    const lowest = Math.min(...peers.map(([, o]) => o));
    checks.push({
      budget: `(${id}) Threadline's per-span overhead below every peer's`,
      measured: `threadline ${Math.round(tl)} ns; ${peers.map(([p, o]) => `${p} ${Math.round(o)} ns`).join(', ')}`,
      met: tl < lowest,
    });
  }
  for (const id of ['c-plain', 'c-stream']) {
    const r = byId(results, id);
    if (!r) continue;
    const bare = r.cases.bare!;
    const tl = r.cases.threadline!;
    const share = ratioOf(r, 'threadline') - 1;
    checks.push({
      budget: `(${id}) observeOpenAI < 3% of a bare call (CPU)`,
      measured: `+${us(overheadOf(r, 'threadline'))} on ${us(bare.median)} = ${pct(share)} (langfuse's wrapper: ${pct(ratioOf(r, 'langfuse') - 1)})`,
      met: share < 0.03,
    });
    if (bare.latency !== undefined && tl.latency !== undefined) {
      const extra = tl.latency - bare.latency;
      checks.push({
        budget: `(${id}) observeOpenAI adds < 0.1 ms to the first chunk`,
        measured: `${tl.latency.toFixed(3)} ms vs ${bare.latency.toFixed(3)} ms bare: ${extra >= 0 ? '+' : ''}${extra.toFixed(3)} ms`,
        met: extra < 0.1,
      });
    }
  }
  const d = byId(results, 'd');
  if (d) {
    const none = d.cases['no handler']!.median;
    const tl = d.cases.threadline!.median;
    const share = ratioOf(d, 'threadline') - 1;
    const overNoop = d.cases['noop handler']
      ? `; a no-op handler alone +${pct(ratioOf(d, 'noop handler') - 1)}, Threadline's handler +${us(overheadOf(d, 'threadline') - overheadOf(d, 'noop handler'))} over it`
      : '';
    const lf = d.cases.langfuse ? `; langfuse +${pct(ratioOf(d, 'langfuse') - 1)}` : '';
    checks.push({
      budget: '(d) ThreadlineCallbackHandler < 15% over no handler',
      measured: `${us(tl)} vs ${us(none)} = +${pct(share)}${overNoop}${lf}`,
      met: share < 0.15,
    });
  }
  const e = byId(results, 'e');
  const a2 = byId(results, 'a-2');
  if (e && a2) {
    const perSpan = overheadOf(a2, 'threadline');
    const otel = e.cases.otel!;
    const tl = e.cases.threadline!;
    const spans = tl.spansPerIteration ?? 0;
    const expected = spans * perSpan;
    const overOtel = overheadOf(e, 'threadline') - overheadOf(e, 'otel');
    const excess = overOtel - expected;
    const processorOnly = e.cases['otel + threadline processor'];
    const split = processorOnly
      ? `; processor + scope alone +${us(overheadOf(e, 'otel + threadline processor') - overheadOf(e, 'otel'))}, telemetry() on top +${us(overheadOf(e, 'threadline') - overheadOf(e, 'otel + threadline processor'))}`
      : '';
    // "Measurable": beyond 2% of the call, or beyond the round-to-round noise of the paired
    // difference (its interquartile range), whichever is larger.
    const noise = Math.max(0.02 * otel.median, differenceSpread(e, 'threadline', 'otel'));
    checks.push({
      budget: '(e) telemetry() costs no more than its spans’ per-span cost',
      measured: `+${us(overOtel)} over telemetry on; ${spans} spans × ${Math.round(perSpan)} ns = ${us(expected)}; excess ${us(excess)} (${pct(excess / otel.median)} of the call; noise ${us(noise)})${split}`,
      met: excess < noise,
    });
  }
  return checks;
}
