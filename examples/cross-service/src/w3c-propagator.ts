import {
  CompositePropagator,
  W3CBaggagePropagator,
  W3CTraceContextPropagator,
} from '@opentelemetry/core';

/**
 * The W3C `traceparent` + `baggage` propagator. The services use it directly rather than the
 * global one, so each shows which headers it writes and which it trusts.
 */
export const w3cTraceAndBaggage = new CompositePropagator({
  propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()],
});

/** Only `traceparent`: for a public edge that continues a caller's trace but takes no baggage. */
export const w3cTraceOnly = new W3CTraceContextPropagator();
