/** A metadata value as callers may give it; it is stored as a string. */
export type MetadataValue = string | number | boolean;

/**
 * A managed prompt (Langfuse prompt management) that model calls used, so their generations link
 * to it. A Langfuse prompt client fits as it is: a fallback one (`isFallback: true`, not stored in
 * Langfuse) links nothing.
 */
export interface PromptReference {
  /** The prompt's name: 1–200 characters, no control characters. */
  readonly name: string;
  /** The prompt's version: a positive integer. */
  readonly version: number;
  /** Langfuse's prompt clients say so when they hold a local fallback; nothing is linked then. */
  readonly isFallback?: boolean;
}

/**
 * The Threadline fields (docs/contract.md#fields) as a caller gives them. In a scope, `null` clears an inherited
 * value and `undefined` inherits it.
 */
export interface ThreadlineAttributes {
  /** The conversation: 1–200 printable US-ASCII characters. */
  sessionId?: string | null;
  /** The end user: 1–200 printable US-ASCII characters. Prefer a pseudonymous id. */
  userId?: string | null;
  /** Name of the trace: 1–200 characters, no control characters. */
  traceName?: string | null;
  /** Application version. */
  version?: string | null;
  /** Application release. */
  release?: string | null;
  /** Deployment environment: `^(?!langfuse)[a-z0-9_-]{1,40}$`. */
  environment?: string | null;
  /** Tags; order kept, duplicates removed, at most 50. */
  tags?: readonly string[] | null;
  /** Bounded dimensions (workflow, region, tier); at most 50 keys. */
  metadata?: Readonly<Record<string, MetadataValue>> | null;
  /**
   * The managed prompt the model calls used. Written on the generation spans adapters make,
   * never on other spans and never into baggage (docs/contract.md#fields).
   */
  prompt?: PromptReference | null;
}

/** The scalar string fields. */
export const SCALAR_FIELDS = [
  'sessionId',
  'userId',
  'traceName',
  'version',
  'release',
  'environment',
] as const;

/** A scalar string field. */
export type ScalarField = (typeof SCALAR_FIELDS)[number];

/** Any field name. */
export type AttributeField = ScalarField | 'tags' | 'metadata' | 'prompt';

/**
 * Validated attributes: every value present is valid. Treated as immutable everywhere, so they
 * can be shared between scopes and spans; the ones handed to applications are frozen.
 */
export interface ResolvedAttributes {
  readonly sessionId?: string;
  readonly userId?: string;
  readonly traceName?: string;
  readonly version?: string;
  readonly release?: string;
  readonly environment?: string;
  readonly tags?: readonly string[];
  readonly metadata?: Readonly<Record<string, string>>;
  /** Name and version only; never a fallback. */
  readonly prompt?: Readonly<{ name: string; version: number }>;
}

// Objects that came out of validation (or merging validated objects) are created with this
// prototype, so adapters may hand any object to functions that expect validated ones and those
// can tell cheaply (a WeakSet costs more than the whole validation of a small scope). The
// prototype inherits from Object.prototype, so the objects behave as plain ones; it is shared
// through a registered symbol by every copy of this package loaded in the process.
const PROTO_KEY = Symbol.for('threadline.validated-attributes.v1');
const holder = globalThis as unknown as Record<symbol, object | undefined>;
if (!holder[PROTO_KEY]) holder[PROTO_KEY] = Object.freeze(Object.create(Object.prototype));
const VALIDATED_PROTO = holder[PROTO_KEY] as object;

/** A new, empty object that will count as validated; fill it, then never change it. */
export function newValidated(): Record<string, unknown> {
  return Object.create(VALIDATED_PROTO) as Record<string, unknown>;
}

/** Whether an object came out of validation. */
export function isValidated(attributes: unknown): attributes is ResolvedAttributes {
  return (
    typeof attributes === 'object' &&
    attributes !== null &&
    Object.getPrototypeOf(attributes) === VALIDATED_PROTO
  );
}

/** The resolved attributes with no field set. */
export const EMPTY_ATTRIBUTES: ResolvedAttributes = Object.freeze(newValidated());

/** Whether resolved attributes have no field. */
export function isEmptyAttributes(attributes: ResolvedAttributes): boolean {
  if (attributes === EMPTY_ATTRIBUTES) return true;
  for (const _ in attributes) return false;
  return true;
}
