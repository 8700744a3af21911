import { TWO_FIELDS } from '../fields';
import { compareAsync, summarise } from '../measure';
import { startCrowds } from '../scale/crowd';
import {
  loopOf,
  type ScaleDimension,
  type ScaleOptions,
  sizeResult,
} from '../scale/scale-dimension';
import { SET_ATTRIBUTES_FLOOR } from '../setups/floor-processor';
import { PEER_NAMES, type PeerProcessors } from '../setups/peers';
import { attributeCounts, floorOf, spanSetups } from '../setups/span-setups';

/** How many times each size's crowds are made afresh, the rounds shared out among them. */
const BLOCKS = 3;

const DIMENSION = { id: 'concurrency', title: 'concurrent live scopes', unit: 'scopes' };

/**
 * Scale by concurrency: `size` scopes held open at once in async tasks (each its own session,
 * with a request span); one iteration wakes them all, and each starts and ends one span in its
 * own context. Waking a task costs the same in every setup, so it drops out of the overheads.
 * The setups' crowds are started interleaved and made afresh for each of a few blocks of rounds.
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
    const settings = loopOf(size, options);
    // Fresh crowds for each block of rounds: with thousands of scopes, where one setup's objects
    // land in the heap moves its cost by hundreds of ns, and a bias that held for every round
    // would not cancel in the paired differences.
    const blocks = Math.min(BLOCKS, settings.rounds);
    const rounds: Record<string, number[]> = {};
    for (let block = 0; block < blocks; block++) {
      const crowds = startCrowds(setups, size);
      const cases = Object.fromEntries(
        Object.entries(crowds).map(([name, crowd]) => [name, () => crowd.tick()]),
      );
      const share =
        Math.round(((block + 1) * settings.rounds) / blocks) -
        Math.round((block * settings.rounds) / blocks);
      const part = await compareAsync(cases, { ...settings, rounds: share });
      for (const [name, m] of Object.entries(part))
        rounds[name] = [...(rounds[name] ?? []), ...m.rounds];
      await Promise.all(Object.values(crowds).map((crowd) => crowd.stop()));
    }
    const measured = Object.fromEntries(
      Object.entries(rounds).map(([name, r]) => [name, summarise(r)]),
    );
    const attributes = attributeCounts(setups);
    out.sizes.push(
      sizeResult(DIMENSION, size, size, measured, attributes, settings, {
        peers: [...PEER_NAMES],
        floor: SET_ATTRIBUTES_FLOOR,
      }),
    );
  }
  return out;
}
