import type { Attributes, TracerProvider } from '@opentelemetry/api';
import type { ResolvedAttributes } from '@threadline/core';
import { isContentCaptureEnabled } from '@threadline/core/adapter';
import { clientAttributes } from './client-info';
import {
  explicitAttributesOf,
  namesFallbackPrompt,
  type ObserveOpenAIOptions,
} from './observe-options';

/** What one `observeOpenAI` call decided, shared by every request made through its proxy. */
export interface ObservedState {
  /** The bare client. */
  readonly client: object;
  /** The options as given (combined when a client is observed again). */
  readonly options: ObserveOpenAIOptions;
  /** Validated Threadline attributes, or undefined when the options set none. */
  readonly explicit: ResolvedAttributes | undefined;
  /** False when the options name a fallback prompt: then no generation links a prompt. */
  readonly linksPrompt: boolean;
  readonly generationName: string | undefined;
  /** The option, else `THREADLINE_CAPTURE_CONTENT` as it was when the client was observed. */
  readonly captureContent: boolean;
  readonly tracerProvider: TracerProvider | undefined;
  /** Provider name and server address, the same for every call of this client. */
  readonly clientAttributes: Attributes;
}

/** Validates `options` once for all the calls of an observed client. */
export function createState(client: object, options: ObserveOpenAIOptions): ObservedState {
  const { generationName, captureContent, tracerProvider } = options;
  return {
    client,
    options,
    explicit: explicitAttributesOf(options),
    linksPrompt: !namesFallbackPrompt(options),
    generationName:
      typeof generationName === 'string' && generationName.length > 0 ? generationName : undefined,
    captureContent: isContentCaptureEnabled(
      typeof captureContent === 'boolean' ? captureContent : undefined,
    ),
    tracerProvider:
      tracerProvider && typeof tracerProvider.getTracer === 'function' ? tracerProvider : undefined,
    clientAttributes: clientAttributes(client),
  };
}
