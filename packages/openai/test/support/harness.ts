import { diag } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import {
  createSpanCapture,
  type MockOpenAI,
  type SpanCapture,
  startMockOpenAI,
} from '@threadline/testing';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import { SpanLedger } from './span-ledger';

/** What a test file shares: the loopback OpenAI server, the span capture and the ledger. */
export interface Harness {
  mock: MockOpenAI;
  capture: SpanCapture;
  ledger: SpanLedger;
  /** Finished spans made by this package. */
  spans(): ReadableSpan[];
  /** The one finished span of this package; fails unless there is exactly one. */
  onlySpan(): ReadableSpan;
}

/**
 * Starts the mock server and installs a span capture (global provider, AsyncLocalStorage
 * context manager) for the test file; after every test, asserts that every span ended exactly
 * once and none is left open.
 */
export function useHarness(options: Parameters<typeof startMockOpenAI>[0] = {}): Harness {
  const ledger = new SpanLedger();
  const harness = {
    ledger,
    spans: () =>
      harness.capture.spans().filter((s) => s.instrumentationScope.name === '@threadline/openai'),
    onlySpan() {
      const spans = harness.spans();
      expect(spans).toHaveLength(1);
      return spans[0]!;
    },
  } as Harness;
  beforeAll(async () => {
    harness.mock = await startMockOpenAI(options);
    harness.capture = createSpanCapture({ processors: [ledger] });
    harness.capture.install();
    ledger.listen();
  });
  afterAll(async () => {
    diag.disable();
    await harness.capture.uninstall();
    await harness.mock.close();
  });
  beforeEach(() => {
    harness.mock.reset();
    harness.capture.reset();
    ledger.reset();
  });
  afterEach(({ task }) => {
    // A test that leaves a stream open on purpose says so by closing it before it returns.
    if (task.result?.state === 'fail') return;
    expect(ledger.open().map((s) => (s as unknown as ReadableSpan).name)).toEqual([]);
    expect(ledger.endedTwice()).toEqual([]);
  });
  return harness;
}
