import { diag } from '@opentelemetry/api';

/**
 * Reports a failed telemetry step as `safely` from `@threadline/core/adapter` does, for the per-call
 * path, where `safely`'s closure would be made on every call. Never throws.
 */
export function warnFailed(what: string, error: unknown): void {
  try {
    diag.warn(`threadline: ${what} failed`, error);
  } catch {}
}
