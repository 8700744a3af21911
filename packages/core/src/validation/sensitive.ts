/** What to do with a value that looks like personal data or a secret (SPEC §1). */
export type SensitivePolicy = 'warn' | 'drop' | 'allow';

const SENSITIVE_PATTERNS: ReadonlyArray<readonly [kind: string, pattern: RegExp]> = [
  ['email', /[^\s@<>()[\]",;:]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/],
  ['jwt', /eyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/],
  ['bearer-token', /\bbearer\s+[A-Za-z0-9._~+/=-]{8,}/i],
  [
    'api-key',
    /(?:\b(?:sk|pk|rk)-(?:lf-|proj-|ant-|live-|test-)?[A-Za-z0-9_-]{8,}|\bgh[pousr]_[A-Za-z0-9]{20,}|\bgithub_pat_[A-Za-z0-9_]{20,}|\b(?:AKIA|ASIA)[0-9A-Z]{16}\b|\bxox[abprs]-[A-Za-z0-9-]{10,})/,
  ],
  // 13–19 digits in a run, or in the 4-4-4-4(-n) and 4-6-5 groupings cards are written in; a
  // looser pattern would flag UUIDs.
  [
    'card-number',
    /(?<!\d)(?:\d{13,19}|\d{4}([ -])\d{4}\1\d{4}\1\d{1,7}|\d{4}([ -])\d{6}\2\d{5})(?!\d)/,
  ],
];

/**
 * The kind of sensitive value a string looks like (`email`, `jwt`, `bearer-token`, `api-key`,
 * `card-number`), or undefined.
 */
export function detectSensitive(value: string): string | undefined {
  for (const [kind, pattern] of SENSITIVE_PATTERNS) {
    if (pattern.test(value)) return kind;
  }
  return undefined;
}
