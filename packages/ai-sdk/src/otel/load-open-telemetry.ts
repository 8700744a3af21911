import type { OpenTelemetryOptions } from '@ai-sdk/otel';
import { diag } from '@opentelemetry/api';
import type { TelemetryIntegration } from './telemetry-integration';

type OtelModule = typeof import('@ai-sdk/otel');

let loading: Promise<OtelModule | undefined> | undefined;

/**
 * `@ai-sdk/otel`'s `OpenTelemetry` integration, made with `options`, or undefined (reported
 * through `diag`) when `@ai-sdk/otel` cannot be loaded.
 *
 * Why a dynamic import: `@ai-sdk/otel` is an optional peer (ai 5 and 6 users do not have it),
 * so nothing of this package may fail to load without it. The module is loaded once.
 */
export function loadOpenTelemetry(
  options: OpenTelemetryOptions,
): Promise<TelemetryIntegration | undefined> {
  loading ??= import('@ai-sdk/otel').catch((error: unknown) => {
    diag.warn(
      'threadline: @ai-sdk/otel could not be loaded, so ai 7 calls get no spans; install it next to ai 7',
      error,
    );
    return undefined;
  });
  return loading.then((otel) => {
    if (!otel) return undefined;
    try {
      return new otel.OpenTelemetry(options) as TelemetryIntegration;
    } catch (error) {
      diag.warn('threadline: could not create the @ai-sdk/otel integration', error);
      return undefined;
    }
  });
}
