import { context, trace } from '@opentelemetry/api';
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

const DIMENSION = { id: 'session', title: 'session length', unit: 'turns' };

/** Spans of one turn: the turn's own, a model call and a tool call under it. */
const SPANS_PER_TURN = 3;

/**
 * Scale by session length: one iteration is a whole session of `turns` turns (a new session id
 * each iteration, the same user). Each turn is a request: it enters a scope of the session the
 * setup's way, starts a turn span, and a model span and a tool span under it. Spans per turn
 * are constant, so any state a setup keeps per session shows as cost that grows per span.
 */
export async function scaleSession(
  peers: PeerProcessors,
  options: ScaleOptions,
  sizes: readonly number[] = [1, 100, 1_000],
): Promise<ScaleDimension> {
  const floor = floorOf(peers, TWO_FIELDS);
  const out: ScaleDimension = {
    ...DIMENSION,
    note: `one iteration: a session of <size> turns; each turn enters a scope of the session and makes ${SPANS_PER_TURN} spans`,
    sizes: [],
  };
  let sessions = 0;
  for (const turns of sizes) {
    const setups = spanSetups(peers, floor);
    const cases: Record<string, () => void> = {};
    for (const [name, { tracer, enter }] of Object.entries(setups)) {
      const turn = () => {
        const span = tracer.startSpan('turn');
        const ctx = trace.setSpan(context.active(), span);
        tracer.startSpan('model', undefined, ctx).end();
        tracer.startSpan('tool', undefined, ctx).end();
        span.end();
      };
      cases[name] = () => {
        const fields = { sessionId: `conv-${sessions++}`, userId: TWO_FIELDS.userId };
        for (let i = 0; i < turns; i++) enter(fields, turn);
      };
    }
    const spans = turns * SPANS_PER_TURN;
    const settings = loopOf(spans, options);
    const measured = await compareSync(cases, settings);
    out.sizes.push(
      sizeResult(DIMENSION, turns, spans, measured, attributeCounts(setups), settings, {
        peers: [...PEER_NAMES],
        floor: SET_ATTRIBUTES_FLOOR,
      }),
    );
  }
  return out;
}
