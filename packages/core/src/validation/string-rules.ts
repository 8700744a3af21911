import type { InvalidReason } from './report';

const MAX_CHARS = 200;
const PRINTABLE_ASCII = /^[\x20-\x7E]+$/;
// C0, DEL and C1 control characters.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/;
const ENVIRONMENT = /^(?!langfuse)[a-z0-9_-]{1,40}$/;

/** Characters as a person counts them (code points), computed only when it can matter. */
function charCount(value: string): number {
  if (value.length <= MAX_CHARS) return value.length;
  let count = 0;
  for (const _ of value) count++;
  return count;
}

function lengthReason(value: string): InvalidReason | undefined {
  if (value.length === 0) return 'empty';
  if (charCount(value) > MAX_CHARS) return 'too-long';
  return undefined;
}

/** Session and user ids: 1–200 printable US-ASCII characters. */
export function checkIdentifier(value: unknown): InvalidReason | undefined {
  if (typeof value !== 'string') return 'type';
  if (value.length === 0) return 'empty';
  if (value.length > MAX_CHARS) return 'too-long';
  return PRINTABLE_ASCII.test(value) ? undefined : 'characters';
}

/** Trace name, version, release and tags: 1–200 characters, no control characters. */
export function checkText(value: unknown): InvalidReason | undefined {
  if (typeof value !== 'string') return 'type';
  return lengthReason(value) ?? (CONTROL.test(value) ? 'characters' : undefined);
}

/** Environment: `^(?!langfuse)[a-z0-9_-]{1,40}$`. */
export function checkEnvironment(value: unknown): InvalidReason | undefined {
  if (typeof value !== 'string') return 'type';
  if (value.length === 0) return 'empty';
  return ENVIRONMENT.test(value) ? undefined : 'pattern';
}

/** A metadata value after it became a string: 1–200 characters. */
export function checkMetadataText(value: string): InvalidReason | undefined {
  return lengthReason(value);
}
