import { type Baggage, type BaggageEntry, type Context, propagation } from '@opentelemetry/api';
import type { AttributeField, ResolvedAttributes, ScalarField } from '../attributes';
import { BAGGAGE_KEYS } from '../keys/baggage-keys';
import type { ThreadlineSettings } from '../settings';
import { reportInvalid } from '../validation/report';
import { detectSensitive } from '../validation/sensitive';
import { BaggageBudget } from './baggage-size';

const SCALAR_BAGGAGE_KEYS: ReadonlyArray<readonly [ScalarField, string]> = [
  ['sessionId', BAGGAGE_KEYS.SESSION_ID],
  ['userId', BAGGAGE_KEYS.USER_ID],
  ['traceName', BAGGAGE_KEYS.TRACE_NAME],
  ['version', BAGGAGE_KEYS.VERSION],
  ['release', BAGGAGE_KEYS.RELEASE],
  ['environment', BAGGAGE_KEYS.ENVIRONMENT],
];

function isOurKey(key: string): boolean {
  return key.startsWith('langfuse_');
}

/**
 * A context whose baggage carries the scope's attributes (docs/contract.md#baggage). Upstream members are kept;
 * ours are replaced, tags are the union with upstream's (upstream first), metadata merges key by
 * key, cleared fields are removed. Sensitive values, tags with commas and whatever does not fit
 * the W3C limits are left out, with a warning.
 */
export function writeBaggage(
  ctx: Context,
  attributes: ResolvedAttributes,
  cleared: ReadonlySet<AttributeField> | undefined,
  settings: ThreadlineSettings,
): Context {
  const upstream: Baggage | undefined = propagation.getBaggage(ctx);
  const entries = new Map<string, BaggageEntry>(upstream ? upstream.getAllEntries() : []);
  const wanted: Array<[string, string, AttributeField]> = [];

  const safe = (field: AttributeField, value: string, key?: string): boolean => {
    if (detectSensitive(value) === undefined) return true;
    reportInvalid(
      { field, reason: 'sensitive', length: value.length, key, dropped: true },
      settings.onInvalid,
    );
    return false;
  };

  for (const [field, key] of SCALAR_BAGGAGE_KEYS) {
    const value = attributes[field];
    if (value !== undefined) {
      entries.delete(key);
      if (safe(field, value)) wanted.push([key, value, field]);
    } else if (cleared?.has(field)) entries.delete(key);
  }

  if (attributes.tags || cleared?.has('tags')) {
    const upstreamTags = cleared?.has('tags')
      ? []
      : (entries
          .get(BAGGAGE_KEYS.TAGS)
          ?.value.split(',')
          .filter((tag) => tag.length > 0) ?? []);
    entries.delete(BAGGAGE_KEYS.TAGS);
    const tags = new Set(upstreamTags);
    for (const tag of attributes.tags ?? []) {
      if (tag.includes(',')) {
        reportInvalid(
          { field: 'tags', reason: 'baggage-comma', length: tag.length, dropped: true },
          settings.onInvalid,
        );
      } else if (safe('tags', tag)) tags.add(tag);
    }
    if (tags.size > 0) wanted.push([BAGGAGE_KEYS.TAGS, [...tags].join(','), 'tags']);
  }

  if (cleared?.has('metadata')) {
    for (const key of [...entries.keys()]) {
      if (key.startsWith(BAGGAGE_KEYS.METADATA_PREFIX)) entries.delete(key);
    }
  }
  for (const key in attributes.metadata ?? {}) {
    const value = attributes.metadata![key]!;
    const member = BAGGAGE_KEYS.METADATA_PREFIX + key;
    entries.delete(member);
    if (safe('metadata', value, key)) wanted.push([member, value, 'metadata']);
  }

  // Upstream members that are not ours go first: they were there before us.
  const budget = new BaggageBudget();
  const ordered = [...entries].sort(([a], [b]) => Number(isOurKey(a)) - Number(isOurKey(b)));
  const kept = new Map<string, BaggageEntry>();
  for (const [key, entry] of ordered) {
    if (budget.admit(key, entry.value)) kept.set(key, entry);
  }
  for (const [key, value, field] of wanted) {
    if (budget.admit(key, value)) kept.set(key, { value });
    else {
      reportInvalid(
        { field, reason: 'baggage-size', length: value.length, dropped: true },
        settings.onInvalid,
      );
    }
  }
  return propagation.setBaggage(ctx, propagation.createBaggage(Object.fromEntries(kept)));
}
