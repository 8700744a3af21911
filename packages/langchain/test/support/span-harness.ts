import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { createSpanCapture, type SpanCapture } from '@threadline/testing';
import { afterAll, beforeAll, beforeEach } from 'vitest';

/**
 * An installed span capture for one test file: global tracer provider with the Threadline
 * processor, AsyncLocalStorage context manager; finished spans are forgotten before each test.
 */
export function useSpanCapture(): SpanCapture {
  const capture = createSpanCapture();
  beforeAll(() => capture.install());
  beforeEach(() => capture.reset());
  afterAll(() => capture.uninstall());
  return capture;
}

/** The one finished span with this name (fails the test when there is none or several). */
export function spanNamed(spans: readonly ReadableSpan[], name: string): ReadableSpan {
  const found = spans.filter((span) => span.name === name);
  if (found.length !== 1) {
    throw new Error(
      `expected one span named ${name}, found ${found.length}: ${spans.map((s) => s.name).join(', ')}`,
    );
  }
  return found[0]!;
}

/** The parent span id of a finished span (SDK 2.x keeps it in parentSpanContext). */
export function parentIdOf(span: ReadableSpan): string | undefined {
  return span.parentSpanContext?.spanId;
}
