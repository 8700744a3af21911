/** What can be ended when the object the caller held is garbage-collected unread. */
export interface Abandonable {
  /** Whether the call no longer needs its holder watched (ended, or being read). */
  readonly settled: boolean;
  /** The holder was collected before the call was read to its end. */
  onAbandoned(): void;
}

// Registered without unregister tokens (a token costs several times the registration); a
// callback for a call that settled meanwhile does nothing.
const registry =
  typeof FinalizationRegistry === 'function'
    ? new FinalizationRegistry<Abandonable>((call) => {
        if (!call.settled) call.onAbandoned();
      })
    : undefined;

/**
 * Ends `call` as abandoned once `holder` is garbage-collected. `call` must not reference
 * `holder`, or it would never be collected.
 */
function watchHolder(holder: object, call: Abandonable): void {
  registry?.register(holder, call);
}

// Holders and their calls, in pairs: a pair is no object of its own.
const pending: Array<object | Abandonable> = [];
let checkScheduled = false;
/** How long a holder waits for its check at most; what was queued meanwhile is checked with it. */
const CHECK_DELAY_MS = 10;

function watchPending(): void {
  checkScheduled = false;
  const batch = pending.splice(0);
  for (let i = 0; i < batch.length; i += 2) {
    const call = batch[i + 1] as Abandonable;
    if (!call.settled) watchHolder(batch[i] as object, call);
  }
}

function scheduleCheck(): void {
  checkScheduled = true;
  const timer: unknown = setTimeout(watchPending, CHECK_DELAY_MS);
  // The check alone does not keep a process alive.
  (timer as { unref?: () => void } | null)?.unref?.();
}

/**
 * Like {@link watchHolder}, but only if `call` is still unsettled when the queued holders are
 * checked, one batch every few milliseconds. A response whose promise the caller awaits is
 * parsed within the microtasks that follow its arrival, and most streams are read to their end
 * before the check too, so mostly only what nobody reads (or a long stream) gets registered:
 * registering every call would keep every span alive until a collector cleanup ran, which costs
 * the young generation dearly. One timer for a batch instead of a macrotask per call: the holder
 * cannot be collected unwatched meanwhile, as the queue holds it.
 */
export function watchHolderLater(holder: object, call: Abandonable): void {
  if (!registry) return;
  if (!checkScheduled) scheduleCheck();
  pending.push(holder, call);
}
