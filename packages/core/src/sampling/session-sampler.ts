import {
  type Attributes,
  type Context,
  isSpanContextValid,
  type Link,
  type SpanKind,
  TraceFlags,
  trace,
} from '@opentelemetry/api';
import { OTEL_ATTRIBUTES } from '../keys/dialect-keys';
import { AI_SDK_METADATA_ATTRIBUTES } from '../keys/genai-keys';
import { getContextAttributes } from '../scope/context-attributes';
import { sessionHashFraction, traceIdFraction } from './session-hash';

/** The SDK's `SamplingDecision` values (an enum of the SDK; numbers are its contract). */
const NOT_RECORD = 0;
const RECORD_AND_SAMPLED = 2;

/** Options of {@link SessionSampler}. */
export interface SessionSamplerOptions {
  /** Share of sessions kept, from 0 to 1. Default 1 (keep everything). */
  sampleRate?: number;
}

/** Keys a span may be started with that name its session (other libraries, the AI SDK). */
const SESSION_KEYS = [
  'langfuse.session.id',
  OTEL_ATTRIBUTES.SESSION_ID,
  AI_SDK_METADATA_ATTRIBUTES.SESSION_ID,
];

function sessionOf(ctx: Context, attributes: Attributes): string | undefined {
  for (const key of SESSION_KEYS) {
    const value = attributes[key];
    if (typeof value === 'string' && value !== '') return value;
  }
  return getContextAttributes(ctx).sessionId;
}

/**
 * An OpenTelemetry `Sampler` that keeps or drops **whole sessions**: a root span's decision is
 * a hash of its session id, so every trace of a session (in every service that uses the same
 * rate) is kept or dropped together, and a conversation is never shown with turns missing. A
 * span with a parent follows the parent's decision (as `ParentBased` does), and a root span
 * without a session falls back to a trace-id ratio at the same rate.
 *
 * Give it to the tracer provider (`sampler: new SessionSampler({ sampleRate: 0.1 })`), or pass
 * `sampleRate` to `registerThreadline`.
 */
export class SessionSampler {
  private readonly rate: number;

  constructor({ sampleRate = 1 }: SessionSamplerOptions = {}) {
    this.rate =
      typeof sampleRate === 'number' && Number.isFinite(sampleRate)
        ? Math.min(1, Math.max(0, sampleRate))
        : 1;
  }

  shouldSample(
    ctx: Context,
    traceId: string,
    _spanName: string,
    _spanKind: SpanKind,
    attributes: Attributes,
    _links: Link[],
  ): { decision: number } {
    const parent = trace.getSpanContext(ctx);
    if (parent && isSpanContextValid(parent)) {
      const sampled = (parent.traceFlags & TraceFlags.SAMPLED) === TraceFlags.SAMPLED;
      return { decision: sampled ? RECORD_AND_SAMPLED : NOT_RECORD };
    }
    if (this.rate >= 1) return { decision: RECORD_AND_SAMPLED };
    if (this.rate <= 0) return { decision: NOT_RECORD };
    let fraction: number;
    try {
      const sessionId = sessionOf(ctx, attributes ?? {});
      fraction =
        sessionId === undefined ? traceIdFraction(traceId) : sessionHashFraction(sessionId);
    } catch {
      fraction = traceIdFraction(traceId);
    }
    return { decision: fraction < this.rate ? RECORD_AND_SAMPLED : NOT_RECORD };
  }

  toString(): string {
    return `SessionSampler{sampleRate=${this.rate}}`;
  }
}
