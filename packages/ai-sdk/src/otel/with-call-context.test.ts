import { trace } from '@opentelemetry/api';
import { propagateAttributes } from '@threadline/core';
import { validateExplicitAttributes } from '@threadline/core/adapter';
import { describe, expect, it } from 'vitest';
import { useHarness } from '../../test/harness';
import type { TelemetryIntegration } from './telemetry-integration';
import { withCallContext } from './with-call-context';

const harness = useHarness();

/** An integration that starts a span in its onStart and keeps a field of its own. */
class SpanningIntegration implements TelemetryIntegration {
  readonly name = 'spanning';
  #starts = 0;
  onStart(event: { callId: string }): void {
    this.#starts++;
    trace.getTracer('integration').startSpan(`op ${event.callId}`).end();
  }
  get starts(): number {
    return this.#starts;
  }
}

describe('withCallContext', () => {
  it("runs every hook with the call's fields explicit: they win over the scope", () => {
    const integration = new SpanningIntegration();
    const wrapped = withCallContext(integration, {
      explicit: validateExplicitAttributes({ sessionId: 'explicit', tags: ['b'] }),
      noPrompt: false,
    });
    propagateAttributes({ sessionId: 'scope', userId: 'user-1', tags: ['a'] }, () =>
      wrapped.onStart?.({ callId: 'call-1' }),
    );
    const [span] = harness.capture.spans();
    expect(span?.attributes).toMatchObject({
      'session.id': 'explicit',
      'user.id': 'user-1',
      'langfuse.trace.tags': ['a', 'b'],
    });
  });

  it('calls the integration itself (its private state works) and passes other fields through', () => {
    const integration = new SpanningIntegration();
    const wrapped = withCallContext(integration, {
      explicit: validateExplicitAttributes({ sessionId: 's' }),
      noPrompt: false,
    });
    wrapped.onStart?.({ callId: 'call-2' });
    expect(integration.starts).toBe(1);
    expect((wrapped as SpanningIntegration).name).toBe('spanning');
  });
});
