import { tracingChannel } from 'node:diagnostics_channel';
import { describe, expect, it } from 'vitest';
import { onRejectedStreamText } from './rejected-streams';

describe('onRejectedStreamText', () => {
  it('hears the call id of a rejected streamText on ai:telemetry, and nothing else', () => {
    const heard: string[] = [];
    onRejectedStreamText((callId) => heard.push(callId));
    const channel = tracingChannel('ai:telemetry');
    expect(channel.hasSubscribers).toBe(true);
    // What ai 7 publishes: the operation type, its event, and the error.
    channel.error.publish({ type: 'streamText', event: { callId: 'call-1' }, error: new Error() });
    // A failing step or tool of a call is not the call's end.
    channel.error.publish({ type: 'executeTool', event: { callId: 'call-2' }, error: new Error() });
    channel.error.publish({ type: 'streamText', event: null, error: new Error() });
    channel.asyncEnd.publish({ type: 'streamText', event: { callId: 'call-3' } });
    expect(heard).toEqual(['call-1']);
  });

  it('a listener that throws does not keep the others from hearing', () => {
    const heard: string[] = [];
    onRejectedStreamText(() => {
      throw new Error('listener bug');
    });
    onRejectedStreamText((callId) => heard.push(callId));
    tracingChannel('ai:telemetry').error.publish({ type: 'streamText', event: { callId: 'c' } });
    expect(heard).toEqual(['c']);
  });
});
