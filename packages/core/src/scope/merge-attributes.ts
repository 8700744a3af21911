import {
  type AttributeField,
  EMPTY_ATTRIBUTES,
  isEmptyAttributes,
  newValidated,
  type ResolvedAttributes,
  SCALAR_FIELDS,
} from '../attributes';

const MAX_TAGS = 50;
const MAX_METADATA_KEYS = 50;

function unionTags(
  base: readonly string[] | undefined,
  over: readonly string[] | undefined,
): readonly string[] | undefined {
  if (!base || base.length === 0) return over;
  if (!over || over.length === 0 || base === over) return base;
  const seen = new Set(base);
  const out = base.slice();
  for (const tag of over) {
    if (out.length === MAX_TAGS) break;
    if (!seen.has(tag)) {
      seen.add(tag);
      out.push(tag);
    }
  }
  return out.length === base.length ? base : Object.freeze(out);
}

function mergeMetadata(
  base: Readonly<Record<string, string>> | undefined,
  over: Readonly<Record<string, string>> | undefined,
): Readonly<Record<string, string>> | undefined {
  if (!base || base === over) return over ?? base;
  if (!over) return base;
  const out: Record<string, string> = Object.create(null);
  let count = 0;
  for (const key in over) {
    out[key] = over[key]!;
    count++;
  }
  for (const key in base) {
    if (count === MAX_METADATA_KEYS) break;
    if (!(key in out)) {
      out[key] = base[key]!;
      count++;
    }
  }
  return Object.freeze(out);
}

function samePrompt(
  base: ResolvedAttributes['prompt'],
  over: ResolvedAttributes['prompt'],
): boolean {
  return (
    over === undefined ||
    over === base ||
    (base !== undefined && over.name === base.name && over.version === base.version)
  );
}

/**
 * Whether `over` sets nothing that `base` does not already hold with the same value: the usual
 * case of a span's explicit values that repeat its scope's (the AI SDK's telemetry metadata
 * under a scope of the same session and user). Each field read by name (see validateFields).
 */
function addsNothing(base: ResolvedAttributes, over: ResolvedAttributes): boolean {
  if (over.sessionId !== undefined && over.sessionId !== base.sessionId) return false;
  if (over.userId !== undefined && over.userId !== base.userId) return false;
  if (over.traceName !== undefined && over.traceName !== base.traceName) return false;
  if (over.version !== undefined && over.version !== base.version) return false;
  if (over.release !== undefined && over.release !== base.release) return false;
  if (over.environment !== undefined && over.environment !== base.environment) return false;
  // Metadata only when it is the same object: a merge puts the inner keys first, an order
  // the emitted keys and the openinference metadata JSON keep.
  if (over.metadata !== undefined && over.metadata !== base.metadata) return false;
  if (!samePrompt(base.prompt, over.prompt)) return false;
  const tags = over.tags;
  if (tags !== undefined && tags !== base.tags) {
    const known = base.tags;
    if (known === undefined) return false;
    for (let i = 0; i < tags.length; i++) if (!known.includes(tags[i]!)) return false;
  }
  return true;
}

/**
 * Merges two levels (docs/contract.md#scopes, #precedence): scalars of `over` win, tags are the union with `base` first,
 * metadata merges key by key with `over` winning. Fields in `cleared` are taken from `over`
 * alone. Returns one of its inputs when the result equals it, so identity can be used for caching.
 */
export function mergeAttributes(
  base: ResolvedAttributes,
  over: ResolvedAttributes,
  cleared?: ReadonlySet<AttributeField>,
): ResolvedAttributes {
  if (!cleared || cleared.size === 0) {
    if (isEmptyAttributes(base) || base === over) return over;
    if (isEmptyAttributes(over) || addsNothing(base, over)) return base;
  }
  const out = newValidated();
  let any = false;
  for (const field of SCALAR_FIELDS) {
    const value = over[field] ?? (cleared?.has(field) ? undefined : base[field]);
    if (value !== undefined) {
      out[field] = value;
      any = true;
    }
  }
  // A prompt is one value, like a scalar: the inner one replaces the outer one whole.
  const prompt = over.prompt ?? (cleared?.has('prompt') ? undefined : base.prompt);
  if (prompt !== undefined) {
    out.prompt = prompt;
    any = true;
  }
  const tags = cleared?.has('tags') ? over.tags : unionTags(base.tags, over.tags);
  if (tags) {
    out.tags = tags;
    any = true;
  }
  const metadata = cleared?.has('metadata')
    ? over.metadata
    : mergeMetadata(base.metadata, over.metadata);
  if (metadata) {
    out.metadata = metadata;
    any = true;
  }
  // Not frozen here (a merge may run per span): what reaches applications is frozen on the way out.
  return any ? (out as ResolvedAttributes) : EMPTY_ATTRIBUTES;
}

/** `attributes` without the fields in `cleared`. */
export function withoutFields(
  attributes: ResolvedAttributes,
  cleared: ReadonlySet<AttributeField> | undefined,
): ResolvedAttributes {
  if (!cleared || cleared.size === 0 || isEmptyAttributes(attributes)) return attributes;
  return mergeAttributes(attributes, EMPTY_ATTRIBUTES, cleared);
}
