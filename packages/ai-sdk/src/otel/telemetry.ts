import { diag } from '@opentelemetry/api';
import { callFields } from '../prompt/call-fields';
import { recordingOf } from '../recording';
import type { TelemetryOptions as BaseTelemetryOptions } from '../telemetry';
import { createThreadlineTelemetry } from './create-threadline-telemetry';
import { registeredIntegrations } from './registered-integrations';
import type { TelemetryIntegration } from './telemetry-integration';
import type { ThreadlineTelemetry } from './threadline-telemetry';
import { withCallContext } from './with-call-context';

/**
 * Options of {@link telemetry} on ai 7: the fields of the ai 5/6 `telemetry()`, less the tracer
 * (ai 7's spans come from the registered integrations' tracer).
 */
export type TelemetryOptions = Omit<BaseTelemetryOptions, 'tracer' | 'tracerProvider'>;

/**
 * ai 7's per-call telemetry settings (`TelemetryOptions` of `ai`) as `telemetry()` fills them:
 * pass them as `telemetry` (or its deprecated alias `experimental_telemetry`).
 */
export interface ThreadlineTelemetrySettings {
  /** Always true: the point is to have the spans. */
  isEnabled: true;
  /** As given. */
  functionId?: string;
  recordInputs: boolean;
  recordOutputs: boolean;
  /**
   * The integrations that make the call's spans, each running with the call's fields (absent
   * when the call names none and integrations are registered: ai then runs those). ai lets a
   * call's integrations replace the registered ones, so these are the registered ones, or
   * Threadline's own when none is registered. To add one of yours, append it.
   */
  integrations?: TelemetryIntegration[];
}

let fallback: ThreadlineTelemetry | undefined;

/** Threadline's integration for calls made while none is registered, made once. */
function fallbackIntegration(): ThreadlineTelemetry {
  fallback ??= createThreadlineTelemetry({});
  return fallback;
}

/**
 * Telemetry settings for one ai 7 call (`generateText`, `streamText`, `generateObject`,
 * `embed`, agents, …) that carry Threadline's context:
 *
 * - the options count as explicit for every span of the call (docs/contract.md#precedence, level 1): they win over
 *   the active scope field by field (tags and metadata merge) and reach the call's spans and
 *   their children, tool calls and the tools' own work included, even outside any scope;
 * - its model calls (`chat …`) link to the managed prompt of the options, or of the active scope
 *   (docs/contract.md#fields);
 * - the registered integrations keep running (ai would otherwise replace them with the call's
 *   own); with none registered, Threadline's integration makes the spans, so the call is traced
 *   without `registerThreadlineTelemetry()` too.
 *
 * Session, user and the rest reach the spans through `ThreadlineSpanProcessor`. Call it per AI
 * SDK call. It never throws; invalid values are dropped and reported through `diag`.
 *
 * @example
 * const result = streamText({
 *   model,
 *   prompt,
 *   telemetry: telemetry({ sessionId: chatId, userId: user.id }),
 * });
 */
export function telemetry(options: TelemetryOptions = {}): ThreadlineTelemetrySettings {
  const {
    sessionId,
    userId,
    tags,
    metadata,
    traceName,
    version,
    release,
    environment,
    prompt,
    functionId,
    recordInputs,
    recordOutputs,
    // Called from plain JavaScript with null, it must not throw either.
  }: TelemetryOptions = typeof options === 'object' && options !== null ? options : {};
  const recording = recordingOf(recordInputs, recordOutputs);
  const settings: ThreadlineTelemetrySettings = {
    isEnabled: true,
    recordInputs: recording.recordInputs,
    recordOutputs: recording.recordOutputs,
  };
  if (typeof functionId === 'string') settings.functionId = functionId;
  try {
    const call = callFields({
      sessionId,
      userId,
      tags,
      metadata,
      traceName,
      version,
      release,
      environment,
      prompt,
    });
    const named = call.explicit !== undefined || call.noPrompt;
    const registered = registeredIntegrations();
    if (registered.length === 0) {
      const own = fallbackIntegration();
      settings.integrations = [named ? withCallContext(own, call) : own];
    } else if (named) {
      settings.integrations = registered.map((integration) => withCallContext(integration, call));
    }
  } catch (error) {
    diag.warn('threadline: could not prepare AI SDK telemetry; using plain settings', error);
  }
  return settings;
}
