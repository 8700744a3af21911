export type {
  AttributeField,
  MetadataValue,
  PromptReference,
  ResolvedAttributes,
  ThreadlineAttributes,
} from './attributes';
export {
  type ConfigureThreadlineOptions,
  configureThreadline,
  resetThreadlineConfiguration,
} from './configuration/configure-threadline';
export { BAGGAGE_KEYS } from './keys/baggage-keys';
export {
  type Dialect,
  LANGFUSE_ATTRIBUTES,
  OPENINFERENCE_ATTRIBUTES,
  OTEL_ATTRIBUTES,
} from './keys/dialect-keys';
export {
  ThreadlineSpanProcessor,
  type ThreadlineSpanProcessorOptions,
} from './processor/threadline-span-processor';
export { SessionSampler, type SessionSamplerOptions } from './sampling/session-sampler';
export {
  contextWithAttributes,
  getContextAttributes,
  type ReadAttributesOptions,
} from './scope/context-attributes';
export { getActiveAttributes, propagateAttributes } from './scope/propagate-attributes';
export type { PropagateAttributesParams, ScopeOptions } from './scope/scope-options';
export type { MaskFunction } from './settings';
export type { InvalidReason, InvalidValueReport, OnInvalid } from './validation/report';
export { detectSensitive, type SensitivePolicy } from './validation/sensitive';
export { type ValidationResult, validateAttributes } from './validation/validate-attributes';
export { PACKAGE_VERSION as VERSION } from './version';
