import { type Context, ROOT_CONTEXT } from '@opentelemetry/api';
import {
  getContextAttributes,
  type ResolvedAttributes,
  type ThreadlineAttributes,
} from '@threadline/core';
import {
  contextWithExplicitAttributes,
  validateExplicitAttributes,
} from '@threadline/core/adapter';
import { isInternalTag } from './langchain-tags';

/** Run metadata keys that name the session, first present wins (docs/contract.md#framework-values). */
export const SESSION_METADATA_KEYS = [
  'session_id',
  'thread_id',
  'conversation_id',
  'langfuseSessionId',
  'langfuse_session_id',
] as const;

/** Run metadata keys that name the user, first present wins (docs/contract.md#framework-values). */
export const USER_METADATA_KEYS = ['user_id', 'langfuseUserId', 'langfuse_user_id'] as const;

/** Run metadata keys that carry trace tags (docs/contract.md#framework-values). */
export const TAGS_METADATA_KEYS = ['langfuse_tags', 'langfuseTags'] as const;

// Distinct (session, user, tags) combinations remembered; past it the cache starts over.
const MAX_CACHED = 512;

type Metadata = Record<string, unknown> | undefined;

function idValue(
  metadata: Metadata,
  keys: readonly string[],
  field: 'sessionId' | 'userId',
): string | undefined {
  if (!metadata) return undefined;
  for (const key of keys) {
    const value = metadata[key];
    if (value === undefined || value === null || value === '') continue;
    if (typeof value === 'string') return value;
    // LangGraph thread ids are often numbers.
    if (typeof value === 'number' && Number.isFinite(value)) return String(value);
    // Anything else (a Symbol, an object) cannot be an id: validation reports it as such, and
    // the run keeps its spans without that value.
    validateExplicitAttributes({ [field]: value } as ThreadlineAttributes);
    return undefined;
  }
  return undefined;
}

/** `out` with `tag` added; the list is made on the first tag (most runs have none). */
function withTag(out: string[] | undefined, tag: string): string[] {
  if (out === undefined) return [tag];
  out.push(tag);
  return out;
}

function pushTags(out: string[] | undefined, value: unknown): string[] | undefined {
  let tags = out;
  if (typeof value === 'string') {
    for (const tag of value.split(',')) if (tag.trim()) tags = withTag(tags, tag.trim());
  } else if (Array.isArray(value)) {
    for (const tag of value) if (typeof tag === 'string') tags = withTag(tags, tag);
  }
  return tags;
}

/**
 * Turns a run's metadata and tags into the explicit attributes of its span
 * (docs/contract.md#precedence level 1, docs/contract.md#framework-values), merged over the
 * handler's own options (the run's values win). The result for one
 * combination of values is validated once and is then the same frozen object every time, so
 * sibling spans share the processor's cached resolution.
 */
export class RunExplicitAttributes {
  private readonly handlerContext: Context;
  private readonly base: ResolvedAttributes;
  private readonly cache = new Map<string, ResolvedAttributes>();
  /**
   * The last result without tags and its session and user: a chain's runs repeat one
   * combination, which is then found without building the cache key.
   */
  private lastSessionId: string | undefined = undefined;
  private lastUserId: string | undefined = undefined;
  private lastResolved: ResolvedAttributes | undefined = undefined;

  constructor(handlerAttributes: ThreadlineAttributes) {
    this.handlerContext = contextWithExplicitAttributes(
      ROOT_CONTEXT,
      validateExplicitAttributes(handlerAttributes),
    );
    this.base = getContextAttributes(this.handlerContext);
  }

  /**
   * Explicit attributes for a run. `rootTags` are the run's own tags when it is a root run
   * (child runs only inherit their root's tags through the parent span).
   */
  forRun(metadata: Metadata, rootTags: readonly string[] | undefined): ResolvedAttributes {
    const sessionId = idValue(metadata, SESSION_METADATA_KEYS, 'sessionId');
    const userId = idValue(metadata, USER_METADATA_KEYS, 'userId');
    let collected: string[] | undefined;
    if (metadata) {
      for (const key of TAGS_METADATA_KEYS) {
        if (metadata[key] !== undefined) collected = pushTags(collected, metadata[key]);
      }
    }
    if (rootTags) {
      for (const tag of rootTags) if (!isInternalTag(tag)) collected = withTag(collected, tag);
    }
    const tags = collected !== undefined && collected.length > 0 ? collected : undefined;
    if (tags === undefined) {
      if (sessionId === undefined && userId === undefined) return this.base;
      if (
        this.lastResolved !== undefined &&
        sessionId === this.lastSessionId &&
        userId === this.lastUserId
      ) {
        return this.lastResolved;
      }
    }
    const key = `${sessionId ?? ''}\u0000${userId ?? ''}\u0000${tags?.join('\u0001') ?? ''}`;
    let resolved = this.cache.get(key);
    if (resolved === undefined) {
      const run: ThreadlineAttributes = {};
      if (sessionId !== undefined) run.sessionId = sessionId;
      if (userId !== undefined) run.userId = userId;
      if (tags !== undefined) run.tags = tags;
      // Merging through contexts reuses core's merge rules: the run's scalars win, tags union.
      resolved = getContextAttributes(
        contextWithExplicitAttributes(this.handlerContext, validateExplicitAttributes(run)),
      );
      if (this.cache.size >= MAX_CACHED) this.cache.clear();
      this.cache.set(key, resolved);
    }
    if (tags === undefined) {
      this.lastSessionId = sessionId;
      this.lastUserId = userId;
      this.lastResolved = resolved;
    }
    return resolved;
  }
}
