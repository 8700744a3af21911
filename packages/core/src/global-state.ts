import type { ScopeFrame } from './scope/scope-frame';
import type { ThreadlineSettings } from './settings';

/**
 * Process-wide state. It hangs off `globalThis` under a registered symbol so that the ESM and
 * CJS builds of this package, when both are loaded, share one registry of live spans and one
 * set of warnings instead of splitting them.
 */
export interface GlobalState {
  /** field:reason pairs already warned about. */
  readonly warned: Set<string>;
  /** Hashes of the distinct values seen per metadata key, bounded. */
  readonly metadataValues: Map<string, Set<number>>;
  /** Metadata keys already reported as unbounded. */
  readonly unboundedKeys: Set<string>;
  /** Settings the registered processor gave; scopes use them too. */
  settings: ThreadlineSettings;
  /** Processors that stamp spans when a scope is entered. */
  readonly stampers: Set<{ stamp(span: object, frame: ScopeFrame): void }>;
}

const STATE_KEY = Symbol.for('threadline.core.state.v1');

export function globalState(): GlobalState {
  const holder = globalThis as unknown as Record<symbol, GlobalState | undefined>;
  let state = holder[STATE_KEY];
  if (!state) {
    state = {
      warned: new Set(),
      metadataValues: new Map(),
      unboundedKeys: new Set(),
      settings: { sensitive: 'warn', maxMetadataCardinality: 1000 },
      stampers: new Set(),
    };
    holder[STATE_KEY] = state;
  }
  return state;
}
