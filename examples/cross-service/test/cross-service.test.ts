import type { IncomingHttpHeaders } from 'node:http';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import {
  createSpanCapture,
  type MockOpenAI,
  type SpanCapture,
  startMockOpenAI,
} from '@threadline/testing';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startAgentService } from '../src/agent-service';
import { startGateway } from '../src/gateway';
import { listen, type Service, sendJson } from '../src/http-service';

const SESSION = 'support-5e55a0';
const USER = 'user-7f3a';

let mock: MockOpenAI;
let gatewayCapture: SpanCapture;
let services: Service[] = [];

beforeAll(async () => {
  mock = await startMockOpenAI();
});
afterAll(() => mock.close());

beforeEach(() => {
  // The gateway's provider is the global one, with the context manager propagateAttributes needs.
  gatewayCapture = createSpanCapture();
  gatewayCapture.install();
});
afterEach(async () => {
  await Promise.all(services.map((service) => service.close()));
  services = [];
  await gatewayCapture.uninstall();
});

/** Starts both services over real HTTP; the agent's provider reads baggage or not. */
async function startServices(readBaggage: boolean) {
  const agentCapture = createSpanCapture({ threadline: { readBaggage } });
  const agent = await startAgentService({
    tracerProvider: agentCapture.provider,
    baseURL: mock.baseURL,
    apiKey: 'test',
  });
  const gateway = await startGateway({ agentUrl: agent.url });
  services.push(gateway, agent);
  return { agentCapture, gateway };
}

async function chat(gatewayUrl: string, body: object, headers: Record<string, string> = {}) {
  const response = await fetch(`${gatewayUrl}/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as { answer: string };
}

const sessionOf = (span: ReadableSpan) => span.attributes['session.id'];
const userOf = (span: ReadableSpan) => span.attributes['user.id'];

describe('cross-service: gateway (asBaggage) → agent service (readBaggage)', () => {
  it("puts the gateway's session and user on the agent service's spans, in one trace", async () => {
    mock.enqueue({ content: 'Noted: leave it with the neighbour.' });
    const { agentCapture, gateway } = await startServices(true);

    const { answer } = await chat(gateway.url, {
      sessionId: SESSION,
      userId: USER,
      question: 'Neighbour?',
    });

    expect(answer).toBe('Noted: leave it with the neighbour.');
    const agentSpans = agentCapture.spans();
    expect(agentSpans.map((s) => s.name)).toEqual(expect.arrayContaining(['POST /answer']));
    expect(agentSpans.length).toBeGreaterThanOrEqual(2); // the server span and the model call
    for (const span of agentSpans) {
      expect(sessionOf(span)).toBe(SESSION);
      expect(userOf(span)).toBe(USER);
    }
    const gatewaySpans = gatewayCapture.spans();
    expect(gatewaySpans.map((s) => s.name).sort()).toEqual([
      'POST /chat',
      'POST agent-service/answer',
    ]);
    for (const span of gatewaySpans) expect(sessionOf(span)).toBe(SESSION);
    // One trace across both services: the agent's server span is a child of the gateway's call.
    const traceIds = new Set([...agentSpans, ...gatewaySpans].map((s) => s.spanContext().traceId));
    expect(traceIds.size).toBe(1);
    const client = gatewaySpans.find((s) => s.name === 'POST agent-service/answer')!;
    const server = agentSpans.find((s) => s.name === 'POST /answer')!;
    expect(server.parentSpanContext?.spanId).toBe(client.spanContext().spanId);
  });

  it('sends traceparent and baggage with the keys Langfuse SDKs read', async () => {
    // A stand-in agent service that only records what arrived.
    const received: IncomingHttpHeaders[] = [];
    const recorder = await listen((request, response) => {
      received.push(request.headers);
      request.resume();
      sendJson(response, 200, { answer: 'ok' });
    });
    const gateway = await startGateway({ agentUrl: recorder.url });
    services.push(gateway, recorder);

    await chat(gateway.url, { sessionId: SESSION, userId: USER, question: 'Neighbour?' });

    expect(received).toHaveLength(1);
    expect(received[0]?.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    const baggage = String(received[0]?.baggage)
      .split(',')
      .map((entry) => entry.trim());
    expect(baggage).toEqual(
      expect.arrayContaining([`langfuse_session_id=${SESSION}`, `langfuse_user_id=${USER}`]),
    );
  });

  it('leaves the session off the agent service when its processor does not read baggage', async () => {
    mock.enqueue({ content: 'Noted.' });
    const { agentCapture, gateway } = await startServices(false);

    await chat(gateway.url, { sessionId: SESSION, userId: USER, question: 'Neighbour?' });

    const agentSpans = agentCapture.spans();
    expect(agentSpans.length).toBeGreaterThanOrEqual(2);
    for (const span of agentSpans) {
      expect(sessionOf(span)).toBeUndefined();
      expect(userOf(span)).toBeUndefined();
    }
    // The gateway still has them: only the hop into the agent service lost them.
    for (const span of gatewayCapture.spans()) expect(sessionOf(span)).toBe(SESSION);
  });

  it("ignores a public client's baggage: the client cannot choose its user", async () => {
    mock.enqueue({ content: 'Noted.' });
    const { agentCapture, gateway } = await startServices(true);

    // No user in the request the gateway authenticates, but one in the client's own baggage.
    await chat(
      gateway.url,
      { sessionId: SESSION, question: 'Neighbour?' },
      { baggage: 'langfuse_session_id=chosen-by-client,langfuse_user_id=admin' },
    );

    const spans = [...gatewayCapture.spans(), ...agentCapture.spans()];
    expect(spans.length).toBeGreaterThanOrEqual(4);
    for (const span of spans) {
      expect(sessionOf(span)).toBe(SESSION);
      expect(userOf(span)).toBeUndefined();
    }
  });
});
