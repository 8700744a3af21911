/** What to do with a value that looks like personal data or a secret (docs/contract.md#fields). */
export type SensitivePolicy = 'warn' | 'drop' | 'allow';

const EMAIL = /[^\s@<>()[\]",;:]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/;
const JWT = /eyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/;
const BEARER = /\bbearer\s+[A-Za-z0-9._~+/=-]{8,}/i;
const API_KEY =
  /(?:\b(?:sk|pk|rk)-(?:lf-|proj-|ant-|live-|test-)?[A-Za-z0-9_-]{8,}|\bgh[pousr]_[A-Za-z0-9]{20,}|\bgithub_pat_[A-Za-z0-9_]{20,}|\b(?:AKIA|ASIA)[0-9A-Z]{16}\b|\bxox[abprs]-[A-Za-z0-9-]{10,})/;
// 13–19 digits in a run, or in the 4-4-4-4(-n) and 4-6-5 groupings cards are written in; a
// looser pattern would flag UUIDs.
const CARD = /(?<!\d)(?:\d{13,19}|\d{4}([ -])\d{4}\1\d{4}\1\d{1,7}|\d{4}([ -])\d{6}\2\d{5})(?!\d)/;

function digitCount(value: string): number {
  let digits = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
  }
  return digits;
}

/**
 * The kind of sensitive value a string looks like (`email`, `jwt`, `bearer-token`, `api-key`,
 * `card-number`), or undefined. Each regex runs only when a cheap test says it could match:
 * this runs for every value of every scope.
 */
export function detectSensitive(value: string): string | undefined {
  if (typeof value !== 'string' || value.length < 6) return undefined;
  if (value.includes('@') && EMAIL.test(value)) return 'email';
  if (value.includes('eyJ') && JWT.test(value)) return 'jwt';
  if (value.length >= 15 && BEARER.test(value)) return 'bearer-token';
  if (value.length >= 11 && API_KEY.test(value)) return 'api-key';
  if (value.length >= 13 && digitCount(value) >= 13 && CARD.test(value)) return 'card-number';
  return undefined;
}
