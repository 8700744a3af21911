import { type Context, context, type Tracer, trace } from '@opentelemetry/api';
import { TWO_FIELDS } from '../fields';
import { compareSync } from '../measure';
import {
  loopOf,
  type ScaleDimension,
  type ScaleOptions,
  sizeResult,
} from '../scale/scale-dimension';
import { SET_ATTRIBUTES_FLOOR } from '../setups/floor-processor';
import { PEER_NAMES, type PeerProcessors } from '../setups/peers';
import { attributeCounts, floorOf, spanSetups } from '../setups/span-setups';

const DIMENSION = { id: 'depth', title: 'nesting depth', unit: 'levels' };

/** `depth` spans, each a child of the one before, each started on its parent's context. */
function nest(tracer: Tracer, parent: Context, depth: number): void {
  const span = tracer.startSpan('step', undefined, parent);
  if (depth > 1) nest(tracer, trace.setSpan(parent, span), depth - 1);
  span.end();
}

/**
 * Scale by nesting depth: under a request span in a scope of 2 fields, a chain of `depth`
 * spans, each the child of the one before (an agent's step → tool → sub-step …). Every span
 * starts on a context of its own, so no setup can reuse what it looked up for the last one.
 */
export async function scaleDepth(
  peers: PeerProcessors,
  options: ScaleOptions,
  sizes: readonly number[] = [1, 10, 100],
): Promise<ScaleDimension> {
  const floor = floorOf(peers, TWO_FIELDS);
  const out: ScaleDimension = {
    ...DIMENSION,
    note: 'one iteration: a chain of <size> nested spans under a live request span, in a scope of 2 fields',
    sizes: [],
  };
  for (const depth of sizes) {
    const setups = spanSetups(peers, floor);
    const requests: Array<{ end(): void }> = [];
    const cases: Record<string, () => void> = {};
    for (const [name, { tracer, enter }] of Object.entries(setups)) {
      const ctx = enter(TWO_FIELDS, () => {
        const request = tracer.startSpan('request');
        requests.push(request);
        return trace.setSpan(context.active(), request);
      });
      cases[name] = () => nest(tracer, ctx, depth);
    }
    const settings = loopOf(depth, options);
    const measured = await compareSync(cases, settings);
    const attributes = attributeCounts(setups);
    for (const request of requests) request.end();
    out.sizes.push(
      sizeResult(DIMENSION, depth, depth, measured, attributes, settings, {
        peers: [...PEER_NAMES],
        floor: SET_ATTRIBUTES_FLOOR,
      }),
    );
  }
  return out;
}
