import { diag } from '@opentelemetry/api';
import type { MetadataValue, ThreadlineAttributes } from '@threadline/core';
import { validateExplicitAttributes } from '@threadline/core/adapter';
import { namesAny } from '../names-any';
import { recordingOf } from '../recording';
import { createThreadlineTelemetry } from './create-threadline-telemetry';
import { registeredIntegrations } from './registered-integrations';
import type { TelemetryIntegration } from './telemetry-integration';
import type { ThreadlineTelemetry } from './threadline-telemetry';
import { withCallContext } from './with-call-context';

/** Options of {@link telemetry}. Every field is optional. */
export interface TelemetryOptions {
  /** The conversation (1–200 printable ASCII characters). Wins over the active scope's. */
  sessionId?: string;
  /** The end user (1–200 printable ASCII characters). Wins over the active scope's. */
  userId?: string;
  /** Tags of the call, added to the active scope's (order kept, duplicates removed). */
  tags?: readonly string[];
  /** Bounded dimensions (tier, region, workflow), merged over the active scope's, key by key. */
  metadata?: Readonly<Record<string, MetadataValue>>;
  /** Name of the trace, as Langfuse shows it. */
  traceName?: string;
  /** Application version. */
  version?: string;
  /** Application release. */
  release?: string;
  /** Deployment environment (`^(?!langfuse)[a-z0-9_-]{1,40}$`). */
  environment?: string;
  /** The AI SDK's `functionId`: groups the call's telemetry by function. Default none. */
  functionId?: string;
  /**
   * Record prompts and tool arguments on the spans. Default: Threadline's content capture
   * setting (on, unless `THREADLINE_CAPTURE_CONTENT=false`).
   */
  recordInputs?: boolean;
  /** Record completions and tool results on the spans. Default as for `recordInputs`. */
  recordOutputs?: boolean;
}

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
    const fields: ThreadlineAttributes = {
      sessionId,
      userId,
      tags,
      metadata,
      traceName,
      version,
      release,
      environment,
    };
    const explicit = namesAny(fields) ? validateExplicitAttributes(fields) : undefined;
    const named = explicit !== undefined && Object.keys(explicit).length > 0;
    const registered = registeredIntegrations();
    if (registered.length === 0) {
      const own = fallbackIntegration();
      settings.integrations = [named ? withCallContext(own, explicit) : own];
    } else if (named) {
      settings.integrations = registered.map((integration) =>
        withCallContext(integration, explicit),
      );
    }
  } catch (error) {
    diag.warn('threadline: could not prepare AI SDK telemetry; using plain settings', error);
  }
  return settings;
}
