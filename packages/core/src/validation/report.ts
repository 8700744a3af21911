import { diag } from '@opentelemetry/api';
import type { AttributeField } from '../attributes';
import { globalState } from '../global-state';

/** Why a value was dropped or flagged. */
export type InvalidReason =
  | 'type'
  | 'empty'
  | 'too-long'
  | 'characters'
  | 'pattern'
  | 'reserved-key'
  | 'too-many'
  | 'sensitive'
  | 'unbounded-cardinality'
  | 'baggage-comma'
  | 'baggage-size';

/** What `onInvalid` receives: never the value itself, only its length. */
export interface InvalidValueReport {
  /** The field, e.g. `sessionId`, `tags` or `metadata`. */
  field: AttributeField;
  /** Why it was reported. */
  reason: InvalidReason;
  /** The length of the offending value (characters for strings, entries for lists). */
  length: number;
  /** The metadata key involved, when the field is `metadata`. */
  key?: string;
  /** Whether the value was dropped (false when it was kept with a warning). */
  dropped: boolean;
}

/** Called for every invalid or flagged value; errors it throws are swallowed. */
export type OnInvalid = (report: InvalidValueReport) => void;

const MESSAGES: Record<InvalidReason, string> = {
  type: 'has the wrong type',
  empty: 'is empty',
  'too-long': 'is too long',
  characters: 'has characters that are not allowed',
  pattern: 'does not match the allowed pattern',
  'reserved-key': 'uses a reserved metadata key',
  'too-many': 'has too many entries',
  sensitive: 'looks like personal data or a secret',
  'unbounded-cardinality': 'takes more distinct values than maxMetadataCardinality',
  'baggage-comma': 'contains a comma and cannot go into baggage',
  'baggage-size': 'does not fit within the W3C baggage limits',
};

let reports = 0;

/** How many reports were made in this process so far: a validation that made none is repeatable. */
export function reportsMade(): number {
  return reports;
}

/**
 * Reports a value: a diag warning at most once per field and reason per process, and the
 * callback every time. Never throws.
 */
export function reportInvalid(report: InvalidValueReport, onInvalid: OnInvalid | undefined): void {
  reports++;
  try {
    const warned = globalState().warned;
    const key = `${report.field}:${report.reason}`;
    if (!warned.has(key)) {
      warned.add(key);
      diag.warn(
        `threadline: ${report.field}${report.key === undefined ? '' : ` key`} ${MESSAGES[report.reason]}; it was ${report.dropped ? 'dropped' : 'kept'} (reported once per field and reason)`,
      );
    }
  } catch {
    // diag itself failed: nothing left to report to.
  }
  if (onInvalid) {
    try {
      onInvalid(report);
    } catch (error) {
      try {
        diag.warn('threadline: onInvalid threw', error);
      } catch {}
    }
  }
}
