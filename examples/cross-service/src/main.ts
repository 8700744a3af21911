/**
 * `pnpm --filter @threadline-examples/cross-service start`
 *
 * Two HTTP services on loopback. The gateway opens the Threadline scope with `asBaggage: true`;
 * the agent service, behind it, reads the session and user from W3C baggage (`readBaggage:
 * true`) and calls the model. With no configuration it needs nothing from outside. Set
 * OPENAI_API_KEY for the real API, OTEL_EXPORTER_OTLP_ENDPOINT or LANGFUSE_* to export there.
 */
import { randomUUID } from 'node:crypto';
import { registerThreadline } from '@threadline/core/node';
import { startMockOpenAI, startOtlpReceiver } from '@threadline/testing';
import { startAgentService } from './agent-service';
import { startGateway } from './gateway';

// 1. Set up once per service. They share this process here; in production each is its own.
const receiver = process.env.OTEL_EXPORTER_OTLP_ENDPOINT ? undefined : await startOtlpReceiver();
if (receiver) process.env.OTEL_EXPORTER_OTLP_ENDPOINT = receiver.url;
const gatewayTelemetry = registerThreadline({ serviceName: 'gateway' });
// Only the internal service reads baggage: its callers are the gateway, never the public.
const agentTelemetry = registerThreadline({
  serviceName: 'agent-service',
  readBaggage: true,
  register: false,
});

// 2. The model: the real API when a key is set, else a loopback stand-in with a scripted reply.
const mock = process.env.OPENAI_API_KEY ? undefined : await startMockOpenAI();
mock?.enqueue({ content: 'Noted on ticket ESC-2291: leave the parcel with your neighbour.' });

const agent = await startAgentService({
  tracerProvider: agentTelemetry.provider,
  baseURL: mock?.baseURL ?? process.env.OPENAI_BASE_URL,
  apiKey: process.env.OPENAI_API_KEY ?? 'loopback',
});
const gateway = await startGateway({ agentUrl: agent.url });

// 3. A client asks the gateway; the gateway decides the session and user.
const sessionId = `chat-${randomUUID().slice(0, 8)}`;
const userId = 'user-7f3a';
const reply = await fetch(`${gateway.url}/chat`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ sessionId, userId, question: 'Please leave it with my neighbour.' }),
});
const { answer } = (await reply.json()) as { answer: string };

// 4. Flush both services, then show which spans of which service got the context.
await gateway.close();
await agent.close();
await Promise.all([gatewayTelemetry.shutdown(), agentTelemetry.shutdown()]);
console.log(`assistant: ${answer}`);
if (receiver) {
  for (const service of ['gateway', 'agent-service']) {
    const spans = receiver.spans().filter((s) => s.resource['service.name'] === service);
    const carried = spans.filter(
      (s) => s.attributes['session.id'] === sessionId && s.attributes['user.id'] === userId,
    );
    console.log(`${service}: ${carried.length} of ${spans.length} spans carried ${sessionId}`);
  }
} else {
  console.log(
    `spans exported to ${process.env.OTEL_EXPORTER_OTLP_ENDPOINT} (session ${sessionId})`,
  );
}
await mock?.close();
await receiver?.close();
