import type { DevView } from '../view/dev-view';

/** Traces read per turn of the event loop while warming. */
const WARM_SLICE = 200;

/**
 * Reads every stored trace into the view once at start, a slice per turn of the event loop so
 * the receiver keeps answering meanwhile, then builds each list once. Without it the first
 * page view after a restart reads the whole store (seconds for a full one).
 */
export async function warmView(view: DevView): Promise<void> {
  for (;;) {
    let left: number;
    try {
      left = view.warm(WARM_SLICE);
      if (left === 0) {
        view.sessions();
        view.facets();
        view.users();
      }
    } catch {
      // Warming is only a head start: a trace that cannot be read fails its own page view
      // later, with its reason, and must not keep the server from starting.
      left = 0;
    }
    if (left === 0) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}
