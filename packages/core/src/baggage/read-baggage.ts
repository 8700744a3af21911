import type { Baggage } from '@opentelemetry/api';
import { EMPTY_ATTRIBUTES, type ResolvedAttributes } from '../attributes';
import { BAGGAGE_KEYS } from '../keys/baggage-keys';
import type { ThreadlineSettings } from '../settings';
import { validateFields } from '../validation/validate-attributes';

const FIELD_OF_MEMBER = new Map<string, string>([
  [BAGGAGE_KEYS.SESSION_ID, 'sessionId'],
  [BAGGAGE_KEYS.USER_ID, 'userId'],
  [BAGGAGE_KEYS.TRACE_NAME, 'traceName'],
  [BAGGAGE_KEYS.VERSION, 'version'],
  [BAGGAGE_KEYS.RELEASE, 'release'],
  [BAGGAGE_KEYS.ENVIRONMENT, 'environment'],
  [BAGGAGE_KEYS.TAGS, 'tags'],
]);

// A baggage object is immutable and shared by every span started under it: read it once.
const cache = new WeakMap<Baggage, ResolvedAttributes>();

/**
 * The attributes inbound W3C baggage carries (docs/contract.md#baggage), validated like any other value. Only
 * called where the processor was told to read baggage: a public client chooses these values.
 */
export function readBaggageAttributes(
  baggage: Baggage,
  settings: ThreadlineSettings,
): ResolvedAttributes {
  const cached = cache.get(baggage);
  if (cached) return cached;
  const input: Record<string, unknown> = {};
  const metadata: Record<string, string> = Object.create(null);
  let anyMetadata = false;
  for (const [key, entry] of baggage.getAllEntries()) {
    const field = FIELD_OF_MEMBER.get(key);
    if (field === 'tags') input.tags = entry.value.split(',').filter((tag) => tag.length > 0);
    else if (field) input[field] = entry.value;
    else if (key.startsWith(BAGGAGE_KEYS.METADATA_PREFIX)) {
      metadata[key.slice(BAGGAGE_KEYS.METADATA_PREFIX.length)] = entry.value;
      anyMetadata = true;
    }
  }
  if (anyMetadata) input.metadata = metadata;
  const attributes =
    Object.keys(input).length === 0 ? EMPTY_ATTRIBUTES : validateFields(input, settings).attributes;
  cache.set(baggage, attributes);
  return attributes;
}
