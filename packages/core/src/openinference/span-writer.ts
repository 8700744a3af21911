import type { Attributes, AttributeValue } from '@opentelemetry/api';

/** What the derivation needs of an SDK span while it ends (SDK 2.3+ and 3 alike). */
export interface EndingSpan {
  readonly name: string;
  readonly attributes: Attributes;
  setAttribute(key: string, value: AttributeValue): unknown;
  spanContext(): { traceId: string };
  /** SDK 2 and 3. */
  readonly parentSpanContext?: { isRemote?: boolean } | undefined;
  /** SDK 1. */
  readonly parentSpanId?: string | undefined;
  /** The SDK's own bookkeeping of span limits; read, never written. */
  readonly _spanLimits?: { attributeCountLimit?: number } | undefined;
  readonly _attributesCount?: number | undefined;
}

/** The SDK's default attribute count limit, for spans that do not say theirs. */
const DEFAULT_ATTRIBUTE_COUNT_LIMIT = 128;

/**
 * Sets derived attributes on an ending span: never a key the span already carries, and never
 * past the span's attribute count limit (the SDK would drop the key and warn), so what is set
 * first (kind, model, tokens, input and output) is what survives a crowded span.
 */
export class SpanWriter {
  private room: number;

  constructor(private readonly span: EndingSpan) {
    const limit = span._spanLimits?.attributeCountLimit;
    const count = span._attributesCount;
    this.room =
      typeof count === 'number'
        ? (typeof limit === 'number' ? limit : DEFAULT_ATTRIBUTE_COUNT_LIMIT) - count
        : Number.POSITIVE_INFINITY;
  }

  /** Whether `n` more keys fit. */
  fits(n: number): boolean {
    return this.room >= n;
  }

  /** Whether the span already carries `key`. */
  has(key: string): boolean {
    return this.span.attributes[key] !== undefined;
  }

  /** Sets `key` unless it is there already or `value` is undefined; false when it did not fit. */
  set(key: string, value: AttributeValue | undefined): boolean {
    if (value === undefined || this.has(key)) return true;
    if (this.room <= 0) return false;
    this.span.setAttribute(key, value);
    this.room -= 1;
    return true;
  }
}
