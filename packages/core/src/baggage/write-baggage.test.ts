import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { context, propagation, ROOT_CONTEXT } from '@opentelemetry/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, installGlobals } from '../../test/harness';
import { propagateAttributes } from '../scope/propagate-attributes';

let uninstall: () => void;
beforeAll(() => {
  uninstall = installGlobals();
});
afterAll(() => uninstall());

function injected(): Record<string, string> {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier;
}

describe('baggage (docs/contract.md#baggage)', () => {
  it('is off unless the scope asks', () => {
    propagateAttributes({ sessionId: 's', userId: 'u' }, () => {
      expect(injected().baggage).toBeUndefined();
    });
    expect(injected().baggage).toBeUndefined();
  });

  it('uses the Langfuse member names and merges nested scopes, keeping upstream members', () => {
    const upstream = propagation.setBaggage(
      ROOT_CONTEXT,
      propagation.createBaggage({ 'x-tenant': { value: 'acme' }, langfuse_tags: { value: 'up' } }),
    );
    context.with(upstream, () => {
      propagateAttributes(
        { sessionId: 's1', userId: 'u1', tags: ['a'], metadata: { tier: 'gold' }, asBaggage: true },
        () => {
          propagateAttributes(
            {
              sessionId: 's2',
              tags: ['b'],
              metadata: { region: 'eu' },
              environment: 'prod',
              asBaggage: true,
            },
            () => {
              const entries = Object.fromEntries(
                propagation
                  .getActiveBaggage()!
                  .getAllEntries()
                  .map(([k, v]) => [k, v.value]),
              );
              expect(entries).toEqual({
                'x-tenant': 'acme',
                langfuse_session_id: 's2',
                langfuse_user_id: 'u1',
                langfuse_tags: 'up,a,b',
                langfuse_metadata_tier: 'gold',
                langfuse_metadata_region: 'eu',
                langfuse_environment: 'prod',
              });
            },
          );
        },
      );
    });
  });

  it('never puts a sensitive value, a tag with a comma or an oversized value into the header', () => {
    propagateAttributes(
      {
        sessionId: 's',
        userId: 'jane@example.com',
        tags: ['ok', 'a,b'],
        traceName: 'n'.repeat(200),
        metadata: Object.fromEntries(
          Array.from({ length: 50 }, (_, i) => [`k${i}`, 'v'.repeat(200)]),
        ),
        asBaggage: true,
      },
      () => {
        const header = injected().baggage ?? '';
        expect(header).not.toContain('jane');
        expect(header).not.toContain('a%2Cb');
        expect(header).toContain('langfuse_session_id=s');
        expect(header).toContain('langfuse_tags=ok');
        expect(Buffer.byteLength(header)).toBeLessThanOrEqual(8192);
        expect(header.split(',').length).toBeLessThanOrEqual(180);
        // 50 metadata members of ~220 bytes cannot all fit in 8192 bytes.
        expect((header.match(/langfuse_metadata_/g) ?? []).length).toBeLessThan(50);
      },
    );
  });

  it('null removes a member', () => {
    propagateAttributes({ sessionId: 's', userId: 'u', asBaggage: true }, () => {
      propagateAttributes({ userId: null, asBaggage: true }, () => {
        expect(injected().baggage).toBe('langfuse_session_id=s');
      });
    });
  });
});

describe('baggage across two services over real HTTP', () => {
  const received: Array<{ readBaggage: boolean; attributes: Record<string, unknown> }> = [];
  const reading = createHarness({ readBaggage: true });
  const ignoring = createHarness();
  let agent: Server;
  let gateway: Server;

  const agentHandler = (req: IncomingMessage, res: import('node:http').ServerResponse) => {
    const inbound = propagation.extract(ROOT_CONTEXT, req.headers);
    for (const [readBaggage, h] of [
      [true, reading],
      [false, ignoring],
    ] as const) {
      const span = h.tracer('agent').startSpan('agent.handle', {}, inbound);
      span.end();
      received.push({ readBaggage, attributes: { ...h.spans().at(-1)!.attributes } });
    }
    res.end('ok');
  };

  beforeAll(async () => {
    agent = createServer(agentHandler);
    await new Promise<void>((resolve) => agent.listen(0, '127.0.0.1', resolve));
    const agentUrl = `http://127.0.0.1:${(agent.address() as AddressInfo).port}`;
    gateway = createServer((_req, res) => {
      propagateAttributes({ sessionId: 'conv-9', userId: 'user-9', asBaggage: true }, async () => {
        const headers: Record<string, string> = {};
        propagation.inject(context.active(), headers);
        const reply = await fetch(agentUrl, { headers });
        res.end(await reply.text());
      });
    });
    await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    await new Promise((resolve) => agent.close(resolve));
    await new Promise((resolve) => gateway.close(resolve));
  });

  it('carries the session; the receiver emits it only with readBaggage', async () => {
    const url = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}`;
    expect(await (await fetch(url)).text()).toBe('ok');
    expect(received.find((r) => r.readBaggage)?.attributes).toEqual({
      'session.id': 'conv-9',
      'user.id': 'user-9',
    });
    expect(received.find((r) => !r.readBaggage)?.attributes).toEqual({});
  });
});
