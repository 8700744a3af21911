import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeOtlpTraces, startOtlpReceiver } from '@threadline/testing';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { CUSTOMER_EMAIL } from '../src/conversation';
import { wantsColor } from '../src/replay/style';
import { DEMO_USER_ID, type DemoResult, runDemo } from '../src/run-demo';

/** Runs the demo's code path with its output captured. */
async function demo(options: Parameters<typeof runDemo>[0] = {}, isTTY = false) {
  let output = '';
  const out = { isTTY, write: (text: string) => (output += text) };
  const result = await runDemo({ env: {}, ...options, out });
  return { result, output };
}

describe('pnpm demo', () => {
  let result: DemoResult;
  let output: string;
  beforeAll(async () => {
    ({ result, output } = await demo());
  });

  it('shows one session of one user with the four turns as four traces, in order', () => {
    expect(result.ok).toBe(true);
    expect(result.view.sessions).toHaveLength(1);
    const [session] = result.view.sessions;
    expect(session?.id).toBe(result.sessionId);
    expect(session?.id).toMatch(/^support-[0-9a-f]{8}$/);
    expect(session?.userIds).toEqual([DEMO_USER_ID]);
    expect(result.view.traces).toHaveLength(4);
    expect(session?.traces.map((t) => t.name)).toEqual([
      'order-status',
      'shipment-delay',
      'escalation',
      'delivery-note',
    ]);
    expect(result.turns.map((t) => t.via)).toEqual([
      'OpenAI SDK',
      'Vercel AI SDK',
      'LangChain agent',
      'gateway → agent service',
    ]);
  });

  it('exports every span with the session and the user on it', () => {
    expect(result.spans.length).toBeGreaterThanOrEqual(12);
    for (const span of result.spans) {
      expect({ name: span.name, session: span.attributes['session.id'] }).toEqual({
        name: span.name,
        session: result.sessionId,
      });
      expect({ name: span.name, user: span.attributes['user.id'] }).toEqual({
        name: span.name,
        user: DEMO_USER_ID,
      });
    }
    const user = result.view.users.find((u) => u.id === DEMO_USER_ID);
    expect(user).toMatchObject({ traces: 4, observations: result.spans.length, errors: 0 });
    expect(result.view.users).toHaveLength(1);
  });

  it('has the model calls, both tool calls and the agent service in the traces', () => {
    const [t1, t2, t3, t4] = result.view.traces;
    const types = (trace: typeof t1) => trace?.observations.map((o) => o.type) ?? [];
    expect(types(t1)).toContain('generation');
    expect(types(t2).filter((type) => type === 'generation')).toHaveLength(2);
    expect(result.spans.find((s) => s.name === 'ai.toolCall')?.attributes['ai.toolCall.name']).toBe(
      'lookupShipment',
    );
    expect(t3?.observations.find((o) => o.type === 'tool')?.name).toBe('escalateToHuman');
    expect(types(t3)).toContain('agent');
    // Turn 4 crossed into the agent service, whose spans got the session from baggage.
    const agentSpans = result.spans.filter((s) => s.resource['service.name'] === 'agent-service');
    expect(agentSpans.length).toBeGreaterThanOrEqual(2);
    expect(new Set(agentSpans.map((s) => s.traceId))).toEqual(new Set([t4?.id]));
    for (const o of result.view.traces.flatMap((t) => t.observations)) {
      if (o.type === 'generation') expect(o.usage.total).toBeGreaterThan(0);
    }
  });

  it('refuses the e-mail address: reported without the value, in no attribute of any span', () => {
    expect(result.refusals).toEqual([
      expect.objectContaining({ field: 'userId', reason: 'sensitive', dropped: true }),
    ]);
    for (const span of result.spans) expect(JSON.stringify(span)).not.toContain(CUSTOMER_EMAIL);
    expect(output).not.toContain(CUSTOMER_EMAIL);
    expect(output).toContain(
      'userId refused in turn 4 (reason: sensitive, 20 characters, dropped)',
    );
  });

  it('prints the replay, the users table and the check line within 80 columns, without colour', () => {
    const n = result.spans.length;
    expect(output).toContain(`Session ${result.sessionId}`);
    expect(output).toContain(`user ${DEMO_USER_ID} · 4 traces · ${n} observations`);
    expect(output).toContain(`✓ ${n} of ${n} exported spans carried the session and user`);
    expect(output).toMatch(/^ {2}user-7f3a +4 +\d+ +\d+ +0$/m);
    for (const text of [
      'Hi, where is my order #A1042?',
      'ticket ESC-2291',
      'ai.toolCall lookupShipment',
    ]) {
      expect(output).toContain(text);
    }
    expect(output.indexOf('1  order-status')).toBeLessThan(output.indexOf('4  delivery-note'));
    for (const line of output.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
    expect(output).not.toContain('\x1b[');
  });

  it('colours on a TTY, and not when NO_COLOR is set', async () => {
    expect(wantsColor({ isTTY: true }, {})).toBe(true);
    expect(wantsColor({ isTTY: true }, { NO_COLOR: '1' })).toBe(false);
    expect(wantsColor({ isTTY: false }, {})).toBe(false);
    const tty = await demo({}, true);
    expect(tty.output).toContain('\x1b[32m✓\x1b[39m');
    const noColor = await demo({ env: { NO_COLOR: '1' } }, true);
    expect(noColor.output).not.toContain('\x1b[');
  });

  it('with --dev also exports every span to the OTLP endpoint and says where', async () => {
    const dev = await startOtlpReceiver();
    vi.stubEnv('OTEL_EXPORTER_OTLP_ENDPOINT', dev.url);
    try {
      const run = await demo({ env: { OTEL_EXPORTER_OTLP_ENDPOINT: dev.url }, dev: true });
      expect(run.result.ok).toBe(true);
      const n = run.result.spans.length;
      expect(dev.spans()).toHaveLength(n);
      expect(dev.spans().every((s) => s.attributes['session.id'] === run.result.sessionId)).toBe(
        true,
      );
      expect(run.output).toContain(`✓ threadline dev: ${n} spans → ${dev.url}`);
    } finally {
      vi.unstubAllEnvs();
      await dev.close();
    }
  });

  it('with Langfuse keys also exports there (Basic auth) and says where to look', async () => {
    const received: Array<{ path?: string; auth?: string; spans: number }> = [];
    const langfuse = createServer(async (request, response) => {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      const spans = decodeOtlpTraces(
        Buffer.concat(chunks),
        String(request.headers['content-type']),
      );
      received.push({
        path: request.url,
        auth: request.headers.authorization,
        spans: spans.length,
      });
      response.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
    });
    await new Promise<void>((resolve) => langfuse.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(langfuse.address() as AddressInfo).port}`;
    try {
      const env = {
        LANGFUSE_PUBLIC_KEY: 'pk-lf-demo',
        LANGFUSE_SECRET_KEY: 'sk-lf-demo',
        LANGFUSE_BASE_URL: url,
      };
      const run = await demo({ env });
      expect(run.result.ok).toBe(true);
      const n = run.result.spans.length;
      const auth = `Basic ${Buffer.from('pk-lf-demo:sk-lf-demo').toString('base64')}`;
      expect(received.length).toBeGreaterThan(0);
      for (const request of received) {
        expect(request).toMatchObject({ path: '/api/public/otel/v1/traces', auth });
      }
      expect(received.reduce((sum, r) => sum + r.spans, 0)).toBe(n);
      const unwrapped = run.output.replace(/\n {4}/g, ' ');
      expect(unwrapped).toContain(
        `✓ Langfuse: ${n} spans → ${url} → Sessions, session ${run.result.sessionId}`,
      );
    } finally {
      langfuse.closeAllConnections();
      await new Promise((resolve) => langfuse.close(resolve));
    }
  });

  it('says so, and fails, when an export it was asked for does not get through', async () => {
    // A port that was free a moment ago: nothing listens there.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const closed = `http://127.0.0.1:${(probe.address() as AddressInfo).port}`;
    await new Promise((resolve) => probe.close(resolve));
    vi.stubEnv('OTEL_EXPORTER_OTLP_ENDPOINT', closed);
    vi.stubEnv('OTEL_EXPORTER_OTLP_TIMEOUT', '500');
    try {
      const run = await demo({ env: { OTEL_EXPORTER_OTLP_ENDPOINT: closed } });
      expect(run.result.ok).toBe(false);
      expect(run.output).toMatch(/^ {2}✗ OTLP endpoint: /m);
      // The replay itself still comes from the loopback receiver.
      expect(run.result.view.sessions).toHaveLength(1);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
