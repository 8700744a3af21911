/**
 * `@threadline/core/adapter`: what Threadline's adapters (and anyone writing another) build on.
 * Applications need none of it: their API is `@threadline/core`. These names may change in a
 * minor release, as `ai/internal` may.
 */

export {
  AI_SDK_METADATA_ATTRIBUTES,
  GEN_AI_ATTRIBUTES,
  GEN_AI_OPERATIONS,
  LANGFUSE_OBSERVATION_ATTRIBUTES,
  type ObservationType,
} from '../keys/genai-keys';
export {
  END_REASONS,
  type EndReason,
  THREADLINE_SPAN_ATTRIBUTES,
  USAGE_DETAIL_KEYS,
} from '../keys/threadline-keys';
export { type BoundedJsonOptions, toBoundedJson } from './bounded-json';
export {
  isContentCaptureEnabled,
  MAX_CONTENT_CHARS,
  maskContent,
  toContentAttribute,
} from './content-capture';
export {
  contextWithExplicitAttributes,
  getSpanAttributes,
  validateExplicitAttributes,
} from './explicit-attributes';
export { isMaskConfigured } from './mask-configured';
export { setPromptLink } from './prompt-link';
export { recordSpanError, safely } from './span-errors';
