import { globalState } from '../global-state';

/** Keys whose distinct values are tracked at most; later keys are not tracked. */
const MAX_TRACKED_KEYS = 256;

// Values are remembered as 32-bit FNV-1a hashes: a bounded, value-free footprint (a rare
// collision only undercounts a key that is unbounded anyway).
function hash(value: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < value.length; i++) {
    h ^= value.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * Counts a metadata value towards its key's distinct values. Returns true exactly once per key:
 * when the key first exceeds `limit` distinct values in this process.
 */
export function exceedsCardinality(key: string, value: string, limit: number): boolean {
  const state = globalState();
  if (state.unboundedKeys.has(key)) return false;
  let seen = state.metadataValues.get(key);
  if (!seen) {
    if (state.metadataValues.size + state.unboundedKeys.size >= MAX_TRACKED_KEYS) return false;
    seen = new Set();
    state.metadataValues.set(key, seen);
  }
  seen.add(hash(value));
  if (seen.size <= limit) return false;
  state.unboundedKeys.add(key);
  state.metadataValues.delete(key);
  return true;
}
