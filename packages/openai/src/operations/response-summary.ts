import type { Attributes } from '@opentelemetry/api';
import { GEN_AI_ATTRIBUTES, toContentAttribute } from '@threadline/core/adapter';
import { OPENAI_SPAN_ATTRIBUTES } from '../span-keys';
import { writeResponseIdentity } from './request-parameters';
import { writeUsage } from './usage';
import { stringOr } from './values';

/** What an answer says about itself, whichever API gave it and whether parsed or streamed. */
export interface ResponseSummary {
  id: unknown;
  model: unknown;
  /** `service_tier`, where the API reports one. */
  serviceTier?: unknown;
  /** `system_fingerprint`, where the API reports one. */
  fingerprint?: unknown;
  finishReasons: string[];
  usage: unknown;
}

/** Writes the response id and model, service tier, fingerprint, finish reasons and usage. */
export function writeResponseSummary(summary: ResponseSummary, out: Attributes): void {
  writeResponseIdentity(summary.id, summary.model, out);
  const serviceTier = stringOr(summary.serviceTier);
  if (serviceTier !== undefined) out[OPENAI_SPAN_ATTRIBUTES.RESPONSE_SERVICE_TIER] = serviceTier;
  const fingerprint = stringOr(summary.fingerprint);
  if (fingerprint !== undefined) {
    out[OPENAI_SPAN_ATTRIBUTES.RESPONSE_SYSTEM_FINGERPRINT] = fingerprint;
  }
  if (summary.finishReasons.length > 0) {
    out[GEN_AI_ATTRIBUTES.RESPONSE_FINISH_REASONS] = summary.finishReasons;
  }
  writeUsage(summary.usage, out);
}

/** Writes `value` as a content attribute (input or output), unless it cannot be serialised. */
export function writeContent(key: string, value: unknown, out: Attributes): void {
  const json = toContentAttribute(value);
  if (json !== undefined) out[key] = json;
}
