import type { OnInvalid } from './validation/report';
import type { SensitivePolicy } from './validation/sensitive';

/** How values are validated, process-wide unless a scope says otherwise. */
export interface ThreadlineSettings {
  /** What to do with a value that looks sensitive. Default `'warn'`. */
  sensitive: SensitivePolicy;
  /** Distinct values per metadata key before it is reported as unbounded. Default 1000. */
  maxMetadataCardinality: number;
  /** Called for every invalid or flagged value. */
  onInvalid?: OnInvalid;
}
