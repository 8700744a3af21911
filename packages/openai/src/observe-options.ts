import type { TracerProvider } from '@opentelemetry/api';
import type { ResolvedAttributes, ThreadlineAttributes } from '@threadline/core';
import { validateExplicitAttributes } from '@threadline/core/adapter';

/** Options of `observeOpenAI`. */
export interface ObserveOpenAIOptions extends ThreadlineAttributes {
  /**
   * Name of every span (and Langfuse generation) this client makes. Default: the GenAI
   * convention `{operation} {model}`, e.g. `chat gpt-4o-mini`.
   */
  generationName?: string;
  /**
   * Record prompts and completions (`langfuse.observation.input` / `.output`). Default: on,
   * unless `THREADLINE_CAPTURE_CONTENT=false` when the client is observed.
   */
  captureContent?: boolean;
  /** Provider of this client's spans. Default: the global one at the time of each call. */
  tracerProvider?: TracerProvider;
}

const ATTRIBUTE_FIELDS = [
  'sessionId',
  'userId',
  'traceName',
  'version',
  'release',
  'environment',
  'tags',
  'metadata',
  'prompt',
] as const satisfies ReadonlyArray<keyof ThreadlineAttributes>;

/** Whether `options` sets anything at all. */
export function isEmptyOptions(options: ObserveOpenAIOptions): boolean {
  for (const key in options) {
    if ((options as Record<string, unknown>)[key] !== undefined) return false;
  }
  return true;
}

/**
 * Options of a client observed again: what `over` sets wins, tags are the union (base first)
 * and metadata merges key by key, as for nested scopes (docs/contract.md#scopes); `null`
 * clears.
 */
export function combineOptions(
  base: ObserveOpenAIOptions,
  over: ObserveOpenAIOptions,
): ObserveOpenAIOptions {
  const out: Record<string, unknown> = { ...base };
  for (const key of Object.keys(over)) {
    const value = (over as Record<string, unknown>)[key];
    if (value === undefined) continue;
    if (key === 'tags' && Array.isArray(value) && Array.isArray(base.tags)) {
      out.tags = [...base.tags, ...value];
    } else if (
      key === 'metadata' &&
      typeof value === 'object' &&
      value !== null &&
      typeof base.metadata === 'object' &&
      base.metadata !== null
    ) {
      out.metadata = { ...base.metadata, ...value };
    } else {
      out[key] = value;
    }
  }
  return out as ObserveOpenAIOptions;
}

/**
 * The Threadline attributes of `options`, validated once (docs/contract.md#fields), or undefined
 * if none.
 */
export function explicitAttributesOf(
  options: ObserveOpenAIOptions,
): ResolvedAttributes | undefined {
  const attributes: Record<string, unknown> = {};
  let any = false;
  for (const field of ATTRIBUTE_FIELDS) {
    const value = options[field];
    if (value !== undefined && value !== null) {
      attributes[field] = value;
      any = true;
    }
  }
  if (!any) return undefined;
  const resolved = validateExplicitAttributes(attributes as ThreadlineAttributes);
  for (const _ in resolved) return resolved;
  return undefined;
}

/**
 * Whether `options` name a fallback prompt (a Langfuse prompt client holding a local copy). The
 * calls then used no prompt that Langfuse holds, so none is linked, not even a scope's
 * (docs/contract.md#fields): per-call values win over the scope (docs/contract.md#precedence).
 */
export function namesFallbackPrompt(options: ObserveOpenAIOptions): boolean {
  try {
    const prompt = options.prompt;
    return typeof prompt === 'object' && prompt !== null && prompt.isFallback === true;
  } catch {
    // A prompt object whose getter throws is no fallback; validation reports it.
    return false;
  }
}
