import { type Attributes, context, type Tracer, trace } from '@opentelemetry/api';
import { BasicTracerProvider, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { BenchFields } from '../fields';
import { CountingExportProcessor } from './export-processor';
import {
  FloorProcessor,
  type FloorShape,
  floorEnter,
  floorShape,
  SET_ATTRIBUTES_FLOOR,
} from './floor-processor';
import { ENTER, type EnterScope, type PeerProcessors, processorsOf, SETUP_NAMES } from './peers';

/** One setup of the span workloads: its own provider, and its way into a scope. */
export interface SpanSetup {
  tracer: Tracer;
  /** The counting export processor at the end of the provider's processors. */
  exporter: CountingExportProcessor;
  enter: EnterScope;
}

/** A provider of `processors`, then the counting export processor. */
export function spanSetup(processors: readonly SpanProcessor[], enter: EnterScope): SpanSetup {
  const exporter = new CountingExportProcessor();
  const tracer = new BasicTracerProvider({
    spanProcessors: [...processors, exporter],
  }).getTracer('bench');
  return { tracer, exporter, enter };
}

/**
 * The attributes Threadline's processor writes on a span started under a request span in a
 * scope of `fields`: what the floor sets, so the floor writes exactly as many keys.
 */
export function threadlineAttributesOf(peers: PeerProcessors, fields: BenchFields): Attributes {
  const setup = spanSetup([peers.threadline], ENTER.threadline);
  let attributes: Attributes = {};
  setup.enter(fields, () => {
    const request = setup.tracer.startSpan('request');
    setup.tracer.startSpan('work', undefined, trace.setSpan(context.active(), request)).end();
    attributes = { ...setup.exporter.last?.attributes };
    request.end();
  });
  return attributes;
}

/** The floor's shape for scopes of `fields`: the attributes Threadline writes for them. */
export function floorOf(peers: PeerProcessors, fields: BenchFields): FloorShape {
  return floorShape(threadlineAttributesOf(peers, fields), fields);
}

/**
 * Every setup of the span workloads, in table order: bare OpenTelemetry, Threadline, the peers,
 * and the floor (the attributes Threadline writes, precomputed for each scope as it is entered
 * and put on the context under one key; its processor reads them with one lookup and sets them).
 */
export function spanSetups(peers: PeerProcessors, floor: FloorShape): Record<string, SpanSetup> {
  const setups: Record<string, SpanSetup> = {};
  for (const name of SETUP_NAMES) setups[name] = spanSetup(processorsOf(name, peers), ENTER[name]);
  setups[SET_ATTRIBUTES_FLOOR] = spanSetup([new FloorProcessor()], floorEnter(floor));
  return setups;
}

/** How many attributes each setup wrote on the last span it ended. */
export function attributeCounts(setups: Record<string, SpanSetup>): Record<string, number> {
  return Object.fromEntries(
    Object.entries(setups).map(([name, s]) => [
      name,
      Object.keys(s.exporter.last?.attributes ?? {}).length,
    ]),
  );
}
