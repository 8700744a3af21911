/**
 * The fields every setup propagates, the same values for all: each peer carries them its own
 * way (Threadline's and Langfuse's `propagateAttributes`, OpenInference's context setters,
 * baggage entries for OpenTelemetry's BaggageSpanProcessor).
 */
export interface BenchFields {
  sessionId: string;
  userId: string;
  traceName?: string;
  version?: string;
  release?: string;
  environment?: string;
  tags?: string[];
  metadata?: Record<string, string>;
}

/** Session and user: what most applications propagate. */
export const TWO_FIELDS: BenchFields = Object.freeze({
  sessionId: 'conv-1234',
  userId: 'user-5678',
});

/** All eight fields of docs/contract.md#fields, metadata with two keys. */
export const EIGHT_FIELDS: BenchFields = Object.freeze({
  sessionId: 'conv-1234',
  userId: 'user-5678',
  traceName: 'support-chat',
  version: '1.4.2',
  release: '2026.11.21',
  environment: 'production',
  tags: ['support', 'beta'],
  metadata: { tier: 'gold', region: 'eu' },
});

/** The field sets of workloads (a) and (b), by label. */
export const FIELD_SETS: ReadonlyArray<readonly [string, BenchFields]> = [
  ['2 fields', TWO_FIELDS],
  ['8 fields', EIGHT_FIELDS],
];
