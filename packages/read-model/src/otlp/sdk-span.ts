/** `[seconds, nanoseconds]`, as OpenTelemetry's `HrTime`. */
export type HrTimeLike = readonly [number, number];

/**
 * The fields of an OpenTelemetry SDK `ReadableSpan` (SDK 1.x, 2.x and 3.x) that
 * {@link toReceivedSpans} reads. Structural, so this package needs no OpenTelemetry package at
 * run time or for its types.
 */
export interface SdkReadableSpan {
  spanContext(): { traceId: string; spanId: string };
  readonly name: string;
  readonly kind: number;
  readonly startTime: HrTimeLike;
  readonly endTime: HrTimeLike;
  readonly attributes: Readonly<Record<string, unknown>>;
  readonly status: { code: number; message?: string };
  readonly events: ReadonlyArray<{
    name: string;
    time: HrTimeLike;
    attributes?: Readonly<Record<string, unknown>>;
  }>;
  readonly resource?: { attributes?: Readonly<Record<string, unknown>> };
  readonly instrumentationScope?: { name: string; version?: string };
  readonly parentSpanContext?: { spanId: string };
}
