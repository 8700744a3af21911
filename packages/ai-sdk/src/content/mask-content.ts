import { type Attributes, type AttributeValue, diag } from '@opentelemetry/api';
import { isMaskConfigured, maskContent } from '@threadline/core/adapter';
import { CONTENT_KEYS } from './content-keys';

/** A string after the mask: a string it returns as is, anything else as JSON. */
function maskedString(value: string): string | undefined {
  const masked = maskContent(value);
  if (masked === value || typeof masked === 'string') return masked;
  if (masked === undefined) return undefined;
  try {
    return JSON.stringify(masked);
  } catch (error) {
    diag.debug('threadline: a masked value could not be serialised', error);
    return undefined;
  }
}

/**
 * A content attribute's value after the configured mask (`configureThreadline({ mask })`),
 * or undefined when the content is to be left out (the mask threw, or returned undefined).
 *
 * The mask sees the value as the AI SDK records it: a string (JSON for messages, tool
 * arguments and results), and for lists (`ai.values`, `ai.documents`) each string on its own;
 * one that fails leaves the whole attribute out. Without a mask the value comes back as it is.
 * Never throws.
 */
export function maskedValue(value: AttributeValue): AttributeValue | undefined {
  if (typeof value === 'string') return maskedString(value);
  if (!Array.isArray(value)) return value;
  let masked: Array<string | null | undefined> | undefined;
  for (let i = 0; i < value.length; i++) {
    const item = value[i];
    if (typeof item !== 'string') continue;
    const after = maskedString(item);
    if (after === undefined) return undefined;
    if (after === item) continue;
    masked ??= [...(value as Array<string | null | undefined>)];
    masked[i] = after;
  }
  return masked ?? value;
}

/**
 * `attributes` with their content keys ({@link CONTENT_KEYS}) masked: the same object when the
 * mask changed nothing (always, without a mask), else a copy. Never throws.
 */
export function maskContentAttributes(attributes: Attributes): Attributes {
  // Without a mask nothing changes: the attributes need not be looked through (this runs for
  // every attribute batch the SDK writes).
  if (!isMaskConfigured()) return attributes;
  let copy: Attributes | undefined;
  for (const key in attributes) {
    if (!CONTENT_KEYS.has(key)) continue;
    const value = attributes[key];
    if (value === undefined) continue;
    const masked = maskedValue(value);
    if (masked === value) continue;
    copy ??= { ...attributes };
    if (masked === undefined) delete copy[key];
    else copy[key] = masked;
  }
  return copy ?? attributes;
}
