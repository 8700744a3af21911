/**
 * Benchmark (not a test): how `threadline dev` holds up with a big store, against the page
 * budgets (300 ms and 200 KB a list page, 1 s a big trace in Chromium). 50 000 spans in 500 sessions (12 500 traces) and one trace of 10 001 spans, in a
 * file store, read by a restarted server:
 *
 * - start (with the warm-up) and the first page view after it;
 * - the sessions page: server time (request to last byte, loopback) and bytes, first page, a
 *   later page by cursor, a filtered page; budget 300 ms and 200 KB;
 * - the traces and users pages;
 * - the 10k-span trace page in headless Chromium (navigation start to load event); budget 1 s.
 *
 *   npx tsx --conditions=@threadline/source bench/size.bench.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startDevServer } from '../src/index';
import { openDevStore } from '../src/store/dev-store';
import { launchChromium } from '../test/support/chromium';
import { bigTrace, manySessions } from '../test/support/large-data';

const RUNS = 15;
const BIG_TRACE = 20_001;
const SESSIONS_BUDGET_MS = 300;
const PAGE_BUDGET_BYTES = 200 * 1024;
const TRACE_BUDGET_MS = 1_000;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function timed(url: string): Promise<{ ms: number; bytes: number; response: Response }> {
  const started = performance.now();
  const response = await fetch(url);
  const body = await response.text();
  if (response.status !== 200) throw new Error(`${url}: ${response.status} ${body.slice(0, 200)}`);
  return { ms: performance.now() - started, bytes: Buffer.byteLength(body), response };
}

function verdict(ok: boolean): string {
  return ok ? 'within budget' : 'OVER BUDGET';
}

async function measure(label: string, url: string, budgetMs?: number): Promise<void> {
  const times: number[] = [];
  let bytes = 0;
  for (let n = 0; n < RUNS; n++) {
    const result = await timed(url);
    times.push(result.ms);
    bytes = result.bytes;
  }
  const ms = median(times);
  const budget =
    budgetMs === undefined
      ? ''
      : ` — budget ${budgetMs} ms / ${PAGE_BUDGET_BYTES / 1024} KiB: ${verdict(ms <= budgetMs && bytes <= PAGE_BUDGET_BYTES)}`;
  console.log(
    `${label}: median ${ms.toFixed(1)} ms (min ${Math.min(...times).toFixed(1)}, max ${Math.max(...times).toFixed(1)}), ${(bytes / 1024).toFixed(1)} KiB${budget}`,
  );
}

/** Navigation start to the end of the load event, run in the page (no DOM types here). */
function navigationMs(): number {
  const timing = globalThis.performance as unknown as {
    getEntriesByType(type: 'navigation'): Array<{ startTime: number; loadEventEnd: number }>;
  };
  const [entry] = timing.getEntriesByType('navigation');
  return entry!.loadEventEnd - entry!.startTime;
}

console.log(
  `Node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), load average ${loadavg()[0]!.toFixed(1)}`,
);
const dir = mkdtempSync(join(tmpdir(), 'threadline-size-bench-'));
const db = join(dir, 'dev.db');
try {
  let started = performance.now();
  const store = openDevStore({ path: db, maxSpans: 0 });
  store.insertSpans(manySessions());
  store.insertSpans(bigTrace({ trace: BIG_TRACE }));
  const spans = store.spanCount();
  store.close();
  console.log(
    `store: ${spans} spans written in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );

  started = performance.now();
  const dev = await startDevServer({ port: 0, uiPort: 0, db, maxSpans: 0 });
  const startMs = performance.now() - started;
  const first = await timed(dev.uiUrl);
  console.log(
    `restart: ready in ${startMs.toFixed(0)} ms (the warm-up reads all 12 501 traces), then the first sessions page in ${first.ms.toFixed(1)} ms`,
  );

  await measure('sessions page 1', dev.uiUrl, SESSIONS_BUDGET_MS);
  const next = /href="(\/\?after=[^"]+)"/.exec(await (await fetch(dev.uiUrl)).text())?.[1];
  if (!next) throw new Error('the sessions page has no next link');
  await measure(
    'sessions page 2 (by cursor)',
    `${dev.uiUrl}${next.replace(/&amp;/g, '&')}`,
    SESSIONS_BUDGET_MS,
  );
  await measure(
    'sessions, filtered (?user=user-7)',
    `${dev.uiUrl}/?user=user-7`,
    SESSIONS_BUDGET_MS,
  );
  await measure('traces page 1 (of 12 501)', `${dev.uiUrl}/traces`, SESSIONS_BUDGET_MS);
  await measure('users page 1', `${dev.uiUrl}/users`, SESSIONS_BUDGET_MS);
  const traceUrl = `${dev.uiUrl}/traces/${BIG_TRACE.toString(16).padStart(32, '0')}`;
  await measure('10k-span trace page, server', traceUrl);

  const browser = await launchChromium();
  try {
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    const loads: number[] = [];
    let nodes = 0;
    let rows = 0;
    for (let n = 0; n < RUNS; n++) {
      await page.goto('about:blank');
      await page.goto(traceUrl, { waitUntil: 'load' });
      loads.push(await page.evaluate(navigationMs));
      nodes = await page.locator('*').count();
      rows = await page.locator('.wf-row').count();
    }
    const ms = median(loads);
    console.log(
      `10k-span trace page in Chromium (navigation start to load end): median ${ms.toFixed(0)} ms (min ${Math.min(...loads).toFixed(0)}, max ${Math.max(...loads).toFixed(0)}), ${rows} rows, ${nodes} elements — budget ${TRACE_BUDGET_MS} ms: ${verdict(ms <= TRACE_BUDGET_MS)}`,
    );
  } finally {
    await browser.close();
  }
  await dev.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
