/**
 * What the process remembers about reported values. It hangs off `globalThis` under a
 * registered symbol so that the ESM and CJS builds of this package, when both are loaded, warn
 * once between them instead of once each. Configuration is not here: see configureThreadline
 * (the scopes' policy) and each processor's own options.
 */
export interface GlobalState {
  /** field:reason pairs already warned about. */
  readonly warned: Set<string>;
  /** Hashes of the distinct values seen per metadata key, bounded. */
  readonly metadataValues: Map<string, Set<number>>;
  /** Metadata keys already reported as unbounded. */
  readonly unboundedKeys: Set<string>;
}

const STATE_KEY = Symbol.for('threadline.core.state.v2');

export function globalState(): GlobalState {
  const holder = globalThis as unknown as Record<symbol, GlobalState | undefined>;
  let state = holder[STATE_KEY];
  if (!state) {
    state = { warned: new Set(), metadataValues: new Map(), unboundedKeys: new Set() };
    holder[STATE_KEY] = state;
  }
  return state;
}
