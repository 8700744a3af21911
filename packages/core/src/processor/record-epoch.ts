/**
 * A counter that moves on whenever a live span's record is replaced (a stamp). What a scope
 * frame keeps about a span start under a parent holds only within one epoch (see ScopeFrame).
 * It hangs off `globalThis` under a registered symbol so that the ESM and CJS builds of this
 * package, when both are loaded, see each other's stamps.
 */
interface Epoch {
  value: number;
}

const EPOCH_KEY = Symbol.for('threadline.record-epoch.v1');
const holder = globalThis as unknown as Record<symbol, Epoch | undefined>;
if (!holder[EPOCH_KEY]) holder[EPOCH_KEY] = { value: 0 };

/** The current record epoch; read `.value` at each use. */
export const recordEpoch: Epoch = holder[EPOCH_KEY];

/** Moves the epoch on: some live span's record was replaced. */
export function nextRecordEpoch(): void {
  // Kept a small integer; it comes round again only after 2^32 stamps.
  recordEpoch.value = (recordEpoch.value + 1) | 0;
}
