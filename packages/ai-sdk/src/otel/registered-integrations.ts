import type { TelemetryIntegration } from './telemetry-integration';

type Registry = { AI_SDK_TELEMETRY_INTEGRATIONS?: TelemetryIntegration[] | undefined };

/**
 * The integrations registered with ai's `registerTelemetry`, which ai keeps on
 * `globalThis.AI_SDK_TELEMETRY_INTEGRATIONS` (a global it declares, the same in every major).
 * A call's own `integrations` replace them: `telemetry()` reads them to keep them.
 */
export function registeredIntegrations(): readonly TelemetryIntegration[] {
  const registered = (globalThis as Registry).AI_SDK_TELEMETRY_INTEGRATIONS;
  return Array.isArray(registered) ? registered : [];
}

/** Takes the registered integrations that `match` out of ai's registry. */
export function unregisterIntegrations(match: (integration: unknown) => boolean): void {
  const registered = (globalThis as Registry).AI_SDK_TELEMETRY_INTEGRATIONS;
  if (!Array.isArray(registered)) return;
  for (let i = registered.length - 1; i >= 0; i--) {
    if (match(registered[i])) registered.splice(i, 1);
  }
}
