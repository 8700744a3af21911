import { TWO_FIELDS } from '../fields';
import { compareAsync } from '../measure';
import { type Crowd, startCrowd } from '../scale/crowd';
import {
  loopOf,
  type ScaleDimension,
  type ScaleOptions,
  sizeResult,
} from '../scale/scale-dimension';
import { SET_ATTRIBUTES_FLOOR } from '../setups/floor-processor';
import { PEER_NAMES, type PeerProcessors } from '../setups/peers';
import { attributeCounts, floorOf, spanSetups } from '../setups/span-setups';

const DIMENSION = { id: 'concurrency', title: 'concurrent live scopes', unit: 'scopes' };

/**
 * Scale by concurrency: `size` scopes held open at once in async tasks (each its own session,
 * with a request span); one iteration wakes them all, and each starts and ends one span in its
 * own context. Waking a task costs the same in every setup, so it drops out of the overheads.
 */
export async function scaleConcurrency(
  peers: PeerProcessors,
  options: ScaleOptions,
  sizes: readonly number[] = [1, 100, 10_000],
): Promise<ScaleDimension> {
  const floor = floorOf(peers, TWO_FIELDS);
  const out: ScaleDimension = {
    ...DIMENSION,
    note: 'one iteration: each of <size> open async scopes (distinct sessions) resumes and starts and ends one span',
    sizes: [],
  };
  for (const size of sizes) {
    const setups = spanSetups(peers, floor);
    const crowds: Record<string, Crowd> = {};
    for (const [name, setup] of Object.entries(setups)) crowds[name] = startCrowd(setup, size);
    const cases = Object.fromEntries(
      Object.entries(crowds).map(([name, crowd]) => [name, () => crowd.tick()]),
    );
    const settings = loopOf(size, options);
    const measured = await compareAsync(cases, settings);
    const attributes = attributeCounts(setups);
    await Promise.all(Object.values(crowds).map((crowd) => crowd.stop()));
    out.sizes.push(
      sizeResult(DIMENSION, size, size, measured, attributes, settings, {
        peers: [...PEER_NAMES],
        floor: SET_ATTRIBUTES_FLOOR,
      }),
    );
  }
  return out;
}
