import {
  type AttributeValue,
  context,
  diag,
  type Tracer,
  type TracerProvider,
  trace,
} from '@opentelemetry/api';
import { getContextAttributes, type MetadataValue, type PromptReference } from '@threadline/core';
import { contextWithExplicitAttributes } from '@threadline/core/adapter';
import { isAi7Event, warnAi7Once } from './ai-7-event';
import { CallTracer } from './call-tracer';
import { namesAny } from './names-any';
import { type CallFields, callFields } from './prompt/call-fields';
import { recordingOf } from './recording';
import { toTelemetryMetadata } from './telemetry-metadata';

/**
 * The instrumentation scope the AI SDK's spans are made under. Kept when Threadline takes the
 * tracer from a provider: Langfuse's exporter keeps spans of the `ai` scope by default.
 */
const AI_SDK_TRACER_NAME = 'ai';

const NO_FIELDS: CallFields = callFields({});

/** Options of {@link telemetry}. Every field is optional. */
export interface TelemetryOptions {
  /** The conversation (1–200 printable ASCII characters). Wins over the active scope's. */
  sessionId?: string;
  /** The end user (1–200 printable ASCII characters). Wins over the active scope's. */
  userId?: string;
  /** Tags of the call, added to the active scope's (order kept, duplicates removed). */
  tags?: readonly string[];
  /**
   * Bounded dimensions (tier, region, workflow), merged over the active scope's, key by key.
   * `langfusePrompt` (the JSON of a Langfuse prompt's `toJSON()`, as Langfuse's AI SDK guide
   * passes it) is read as `prompt` instead, when that is not given.
   */
  metadata?: Readonly<Record<string, MetadataValue>>;
  /**
   * The managed prompt (Langfuse prompt management) the call's model calls used: `{ name,
   * version }` or a Langfuse prompt client as it is. Wins over the active scope's; a fallback
   * prompt (`isFallback: true`) or `null` links none. Only the model-call spans carry it.
   */
  prompt?: PromptReference | null;
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
  /** Tracer for the AI SDK's spans. Default: `tracerProvider`'s, else the global provider's. */
  tracer?: Tracer;
  /** Provider to take the tracer from when `tracer` is not given (scope name `ai`). */
  tracerProvider?: TracerProvider;
}

/**
 * The AI SDK's telemetry settings as `telemetry()` fills them. Structurally a
 * `TelemetrySettings` of `ai` 5 and 6: pass it as `experimental_telemetry`.
 */
export interface ThreadlineTelemetrySettings {
  /** Always true: the point is to have the spans. */
  isEnabled: true;
  /** As given. */
  functionId?: string;
  recordInputs: boolean;
  recordOutputs: boolean;
  /** `sessionId`, `userId`, `tags` and the metadata keys of the resolved Threadline fields. */
  metadata: Record<string, AttributeValue>;
  /** Threadline's tracer for the call (absent only if it could not be set up). */
  tracer?: Tracer;
  /**
   * For ai 6, which calls it when a `generateText` or `streamText` call starts: the call's
   * abort signal then ends the call's spans. ai 5 ignores it. To add integrations of your
   * own, pass an array: `integrations: [settings.integrations, mine]`.
   */
  integrations?: ThreadlineTelemetryIntegration;
}

/** The part of ai 6's `TelemetryIntegration` that Threadline implements. */
export interface ThreadlineTelemetryIntegration {
  onStart(event: { readonly abortSignal?: AbortSignal | undefined }): void;
}

/**
 * Telemetry settings for one AI SDK call (`generateText`, `streamText`, `generateObject`,
 * `streamObject`, `embed`, `embedMany`, agents), carrying Threadline's context:
 *
 * - `metadata` holds the session, user, tags and metadata of the active scope with the options
 *   over them, so they reach every span of the call as `ai.telemetry.metadata.*`;
 * - with `ThreadlineSpanProcessor` registered, every span of the call, tool calls and every
 *   step of a tool loop included, also gets the keys of the enabled dialects (`session.id`, `user.id`, …), and
 *   the options count as explicit for the call's spans and their children (docs/contract.md#precedence);
 * - spans that the AI SDK would leave open (an aborted stream, a model stream that fails) end
 *   with the call;
 * - its model calls (`….doGenerate`, `….doStream`) link to the managed prompt of the options, or
 *   of the active scope (docs/contract.md#fields).
 *
 * Call it per AI SDK call, inside the scope: it reads the scope when it is called. It never
 * throws; invalid values are dropped and reported through `diag`. For ai 5 and 6; ai 7 takes
 * the `telemetry()` of `@threadline/ai-sdk/otel`.
 *
 * @example
 * const result = streamText({
 *   model,
 *   prompt,
 *   experimental_telemetry: telemetry({ sessionId: chatId, userId: user.id }),
 * });
 */
export function telemetry(options: TelemetryOptions = {}): ThreadlineTelemetrySettings {
  // Called from plain JavaScript with null, it must not throw either.
  const given: TelemetryOptions = typeof options === 'object' && options !== null ? options : {};
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
    tracer,
    tracerProvider,
  } = given;
  const { recordInputs: inputs, recordOutputs: outputs } = recordingOf(recordInputs, recordOutputs);
  const settings: ThreadlineTelemetrySettings = {
    isEnabled: true,
    recordInputs: inputs,
    recordOutputs: outputs,
    metadata: {},
  };
  if (typeof functionId === 'string') settings.functionId = functionId;
  try {
    const base = tracer ?? tracerProvider?.getTracer(AI_SDK_TRACER_NAME);
    // Most calls name no field of their own: then there is nothing to gather and validate.
    const { explicit, noPrompt } = namesAny(given)
      ? callFields({
          sessionId,
          userId,
          tags,
          metadata,
          traceName,
          version,
          release,
          environment,
          prompt,
        })
      : NO_FIELDS;
    // Resolved as for a span of the call started now: docs/contract.md#precedence merging, the options on top.
    const ctx = explicit
      ? contextWithExplicitAttributes(context.active(), explicit)
      : context.active();
    // The prompt is no metadata: it reaches the model-call spans only, through the tracer.
    settings.metadata = toTelemetryMetadata(getContextAttributes(ctx));
    // Without a tracer of its own the AI SDK uses the global provider's `ai` tracer: so do we.
    const callTracer = new CallTracer(
      base ?? trace.getTracer(AI_SDK_TRACER_NAME),
      explicit,
      noPrompt,
    );
    settings.tracer = callTracer;
    // A method, not an arrow: under keepNames (tsx, and the bench) an arrow is renamed at each
    // call. ai calls it unbound, so it uses no `this`.
    settings.integrations = {
      onStart(event) {
        if (isAi7Event(event)) warnAi7Once();
        else callTracer.watchAbort(event);
      },
    };
  } catch (error) {
    diag.warn('threadline: could not prepare AI SDK telemetry; using plain settings', error);
    if (tracer) settings.tracer = tracer;
  }
  return settings;
}
