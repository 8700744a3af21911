import { afterEach, describe, expect, it } from 'vitest';
import { registeredIntegrations, unregisterIntegrations } from './registered-integrations';

const registry = globalThis as { AI_SDK_TELEMETRY_INTEGRATIONS?: unknown };

afterEach(() => {
  delete registry.AI_SDK_TELEMETRY_INTEGRATIONS;
});

describe('registered integrations', () => {
  it('reads ai’s registry, empty when nothing was registered', () => {
    expect(registeredIntegrations()).toEqual([]);
    const mine = { onStart() {} };
    registry.AI_SDK_TELEMETRY_INTEGRATIONS = [mine];
    expect(registeredIntegrations()).toEqual([mine]);
  });

  it('takes out only the matching ones, in place', () => {
    const [a, b, c] = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];
    const list = [a, b, c];
    registry.AI_SDK_TELEMETRY_INTEGRATIONS = list;
    unregisterIntegrations((integration) => integration !== b);
    expect(registry.AI_SDK_TELEMETRY_INTEGRATIONS).toBe(list);
    expect(list).toEqual([b]);
  });
});
