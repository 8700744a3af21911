import type { Abandonable } from './abandonment';

/**
 * What the SDK's objects hold of a streamed call (its stream, controller and iterators): the
 * call until its span ends, then nothing. undici keeps a request's objects, and with them the
 * SDK's stream, through young-generation collections until the next full one (see
 * call-context.ts); held directly, the call would take its span, attributes and recorded
 * content along into the old generation.
 *
 * It is also what watches the stream for collection: unlike the call's promise, a stream is
 * watched until its span ends.
 */
// Generic over the call so this module needs nothing of call-span.ts, which creates the refs.
export class CallRef<Call extends Abandonable = Abandonable> implements Abandonable {
  constructor(public call: Call | undefined) {}

  /** The span ended: the ref let go of it. */
  get settled(): boolean {
    return this.call === undefined;
  }

  onAbandoned(): void {
    this.call?.onAbandoned();
  }
}
