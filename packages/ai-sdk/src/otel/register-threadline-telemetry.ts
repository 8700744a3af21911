import { diag } from '@opentelemetry/api';
import * as ai from 'ai';
import {
  createThreadlineTelemetry,
  type ThreadlineTelemetryOptions,
} from './create-threadline-telemetry';
import { unregisterIntegrations } from './registered-integrations';
import type { TelemetryIntegration } from './telemetry-integration';
import { isThreadlineTelemetry, type ThreadlineTelemetry } from './threadline-telemetry';

type RegisterTelemetry = (...integrations: TelemetryIntegration[]) => void;

/**
 * Registers Threadline's ai 7 telemetry integration with ai's `registerTelemetry`, once at
 * start-up (after the tracer provider): from then on every AI SDK call makes spans, through
 * `@ai-sdk/otel`'s `OpenTelemetry` integration, on which `ThreadlineSpanProcessor` puts the
 * session, user, tags and metadata of the active `propagateAttributes` scope. Threadline also
 * ends the spans ai 7 leaves open and applies its content capture setting (see
 * {@link ThreadlineTelemetry}).
 *
 * Calling it again replaces Threadline's earlier registration (no doubled spans after a hot
 * reload). Returns the integration, which a call may also name in its own `integrations`.
 * Never throws: without ai 7 or `@ai-sdk/otel` it reports through `diag` and makes no spans.
 *
 * @example
 * registerThreadline({ serviceName: 'support-bot' });
 * registerThreadlineTelemetry();
 */
export function registerThreadlineTelemetry(
  options: ThreadlineTelemetryOptions = {},
): ThreadlineTelemetry {
  const integration = createThreadlineTelemetry(options);
  try {
    const register = (ai as { registerTelemetry?: RegisterTelemetry }).registerTelemetry;
    if (typeof register !== 'function') {
      diag.warn(
        "threadline: registerThreadlineTelemetry() needs ai 7 (ai has no registerTelemetry); with ai 5 or 6 use telemetry() from '@threadline/ai-sdk'",
      );
      return integration;
    }
    unregisterIntegrations(isThreadlineTelemetry);
    register(integration);
  } catch (error) {
    diag.warn('threadline: could not register the AI SDK telemetry integration', error);
  }
  return integration;
}
