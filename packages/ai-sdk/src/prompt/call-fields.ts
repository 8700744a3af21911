import type { MetadataValue, ResolvedAttributes, ThreadlineAttributes } from '@threadline/core';
import { validateAttributes } from '@threadline/core';
import { namesAny } from '../names-any';
import { METADATA_PROMPT_KEY, promptInput } from './prompt-input';

/** What one AI SDK call's `telemetry()` options say, validated once for all its spans. */
export interface CallFields {
  /** The fields the call names, explicit on its spans; undefined when it names none. */
  readonly explicit: ResolvedAttributes | undefined;
  /**
   * The call says it used no managed prompt (`prompt: null`, or a fallback prompt that Langfuse
   * does not hold): its model calls link none, whatever the scope names.
   */
  readonly noPrompt: boolean;
}

const NONE: CallFields = Object.freeze({ explicit: undefined, noPrompt: false });

/**
 * Validates the Threadline fields of `telemetry()` options (docs/contract.md#fields). The call's
 * prompt is its `prompt` option, else its metadata's `langfusePrompt` (an object or the JSON of
 * `prompt.toJSON()`, docs/contract.md#framework-values); that key never stays among the
 * metadata, which holds bounded primitive values only.
 */
export function callFields(fields: ThreadlineAttributes): CallFields {
  // Most calls name no field of their own: nothing to validate then.
  if (!namesAny(fields)) return NONE;
  const { prompt, metadata } = fields;
  let input = fields;
  if (metadata != null && Object.hasOwn(metadata, METADATA_PROMPT_KEY)) {
    const { [METADATA_PROMPT_KEY]: fromMetadata, ...rest } = metadata as Record<string, unknown>;
    input = {
      ...fields,
      metadata: rest as Record<string, MetadataValue>,
      prompt: prompt !== undefined ? prompt : (promptInput(fromMetadata) as never),
    };
  }
  const { attributes, cleared } = validateAttributes(input);
  const explicit = Object.keys(attributes).length > 0 ? attributes : undefined;
  const noPrompt = cleared.includes('prompt');
  return explicit === undefined && !noPrompt ? NONE : { explicit, noPrompt };
}
