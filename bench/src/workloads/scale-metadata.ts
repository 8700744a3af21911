import { context, type Span, trace } from '@opentelemetry/api';
import type { BenchFields } from '../fields';
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

const DIMENSION = { id: 'metadata', title: 'metadata', unit: 'keys' };

/** Session, user and `keys` metadata keys (50 is the contract's limit). */
export function fieldsWithMetadata(keys: number): BenchFields {
  const metadata: Record<string, string> = {};
  for (let i = 0; i < keys; i++) metadata[`key${i}`] = `value-${i}`;
  return { sessionId: 'conv-1234', userId: 'user-5678', metadata };
}

/**
 * Scale by metadata: one span started and ended under a live request span, in a scope of
 * session, user and `keys` metadata keys, as workload (a). Every key becomes an attribute for
 * most setups, so the floor (the same attributes, precomputed for the scope) grows with it too: the floor's
 * column says how much of the growth any setup would pay.
 */
export async function scaleMetadata(
  peers: PeerProcessors,
  options: ScaleOptions,
  sizes: readonly number[] = [2, 8, 50],
): Promise<ScaleDimension> {
  const out: ScaleDimension = {
    ...DIMENSION,
    note: 'one iteration: one span under a live request span, in a scope of session, user and <size> metadata keys',
    sizes: [],
  };
  for (const keys of sizes) {
    const fields = fieldsWithMetadata(keys);
    const setups = spanSetups(peers, floorOf(peers, fields));
    const requests: Span[] = [];
    const cases: Record<string, () => void> = {};
    for (const [name, { tracer, enter }] of Object.entries(setups)) {
      const ctx = enter(fields, () => {
        const request = tracer.startSpan('request');
        requests.push(request);
        return trace.setSpan(context.active(), request);
      });
      cases[name] = () => tracer.startSpan('work', undefined, ctx).end();
    }
    const settings = loopOf(1, options);
    const measured = await compareSync(cases, settings);
    const attributes = attributeCounts(setups);
    for (const request of requests) request.end();
    out.sizes.push(
      sizeResult(DIMENSION, keys, 1, measured, attributes, settings, {
        peers: [...PEER_NAMES],
        floor: SET_ATTRIBUTES_FLOOR,
      }),
    );
  }
  return out;
}
