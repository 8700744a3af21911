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

const pending: Array<{ holder: object; call: Abandonable }> = [];
const defer: (fn: () => void) => unknown =
  typeof setImmediate === 'function' ? setImmediate : (fn) => setTimeout(fn, 0);

function watchPending(): void {
  const batch = pending.splice(0);
  for (const { holder, call } of batch) if (!call.settled) watchHolder(holder, call);
}

/**
 * Like {@link watchHolder}, but only if `call` is still unsettled at the next macrotask. A
 * response whose promise the caller awaits is parsed within the microtasks that follow its
 * arrival, and a short stream is often read to its end there too, so mostly only what nobody
 * reads (or a long stream) gets registered: registering every call would keep every span alive
 * until a collector cleanup ran, which costs the young generation dearly.
 */
export function watchHolderLater(holder: object, call: Abandonable): void {
  if (!registry) return;
  if (pending.length === 0) defer(watchPending);
  pending.push({ holder, call });
}
