import type { OnInvalid } from './validation/report';
import type { SensitivePolicy } from './validation/sensitive';

/** How values are validated: by scopes (see configureThreadline) or by one processor. */
export interface ThreadlineSettings {
  /** What to do with a value that looks sensitive. Default `'warn'`. */
  sensitive: SensitivePolicy;
  /** Distinct values per metadata key before it is reported as unbounded. Default 1000. */
  maxMetadataCardinality: number;
  /** Called for every invalid or flagged value. */
  onInvalid?: OnInvalid;
  /** Rewrites captured content (prompts, completions, tool arguments) before it is recorded. */
  mask?: MaskFunction;
}

/**
 * Rewrites a captured input or output before it becomes a span attribute (Langfuse's `mask`):
 * return what may be recorded. A mask that throws drops that content, never the span.
 */
export type MaskFunction = (params: { data: unknown }) => unknown;

/** The options from which settings are made; anything out of range falls back to the default. */
export interface SettingsOptions {
  /** What to do with values that look like personal data or secrets. Default `'warn'`. */
  sensitive?: SensitivePolicy;
  /** Called for every invalid or flagged value (never with the value itself). */
  onInvalid?: OnInvalid;
  /** Distinct values per metadata key before it is reported as unbounded. Default 1000. */
  maxMetadataCardinality?: number;
  /** Rewrites captured content before it is recorded (see {@link MaskFunction}). */
  mask?: MaskFunction;
}

/** The settings when nothing was configured. */
export const DEFAULT_SETTINGS: ThreadlineSettings = Object.freeze({
  sensitive: 'warn',
  maxMetadataCardinality: 1000,
  onInvalid: undefined,
  mask: undefined,
});

const SENSITIVE_POLICIES = new Set<unknown>(['warn', 'drop', 'allow']);

/**
 * Settings from user options. Options come from JavaScript callers too, so every field is
 * checked: a wrong one falls back to its default rather than throwing.
 */
export function toSettings(options: SettingsOptions | undefined): ThreadlineSettings {
  const {
    sensitive = 'warn',
    onInvalid,
    maxMetadataCardinality = 1000,
    mask,
  } = typeof options === 'object' && options !== null ? options : {};
  return {
    sensitive: SENSITIVE_POLICIES.has(sensitive) ? sensitive : 'warn',
    onInvalid: typeof onInvalid === 'function' ? onInvalid : undefined,
    maxMetadataCardinality:
      Number.isFinite(maxMetadataCardinality) && maxMetadataCardinality > 0
        ? Math.floor(maxMetadataCardinality)
        : 1000,
    mask: typeof mask === 'function' ? mask : undefined,
  };
}
