import { type DiagLogger, DiagLogLevel, diag } from '@opentelemetry/api';
import type { ReadableSpan, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { createSpanCapture, type SpanCapture } from '@threadline/testing';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { SpanTracker } from './span-tracker';

/** The span capture of one test file, installed globally as an application would. */
export interface Harness {
  capture: SpanCapture;
  tracker: SpanTracker;
  /** Warnings and errors reported through `diag` since the test began. */
  diagnostics: string[];
  /** Waits until every started span has ended and returns the finished spans. */
  settle(): Promise<ReadableSpan[]>;
}

/**
 * Installs a span capture (ThreadlineSpanProcessor first, then `processors`, then the in-memory
 * exporter) for the test file, with a diag logger that records warnings and errors.
 */
export function useHarness({ processors = [] }: { processors?: SpanProcessor[] } = {}): Harness {
  const tracker = new SpanTracker();
  const capture = createSpanCapture({ processors: [tracker, ...processors] });
  const diagnostics: string[] = [];
  const record = (message: string, ...args: unknown[]) => {
    diagnostics.push([message, ...args.map(String)].join(' '));
  };
  const logger: DiagLogger = {
    error: record,
    warn: record,
    info: () => {},
    debug: () => {},
    verbose: () => {},
  };
  beforeAll(() => {
    capture.install();
    diag.setLogger(logger, { logLevel: DiagLogLevel.WARN, suppressOverrideMessage: true });
  });
  afterAll(async () => {
    diag.disable();
    await capture.uninstall();
  });
  beforeEach(() => {
    capture.reset();
    tracker.reset();
    diagnostics.length = 0;
  });
  return {
    capture,
    tracker,
    diagnostics,
    async settle() {
      await tracker.settled();
      await capture.provider.forceFlush();
      return capture.spans();
    },
  };
}
