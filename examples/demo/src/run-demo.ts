import { randomBytes } from 'node:crypto';
import { context, propagation, trace } from '@opentelemetry/api';
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { Dialect, InvalidValueReport } from '@threadline/core';
import { registerThreadline } from '@threadline/core/node';
import {
  type LangfuseObservation,
  type LangfuseView,
  type ReceivedSpan,
  resolveLangfuse,
  startMockOpenAI,
  startOtlpReceiver,
} from '@threadline/testing';
import { startAgentService, startGateway } from '@threadline-examples/cross-service';
import { CUSTOMER_EMAIL, runConversation, type Turn } from './conversation';
import { type ExportTarget, exportTargets } from './export-targets';
import { countCarrying, renderChecks, spanContains } from './replay/render-checks';
import { renderExports } from './replay/render-exports';
import { renderSession } from './replay/render-session';
import { renderUsers } from './replay/render-users';
import { createStyle, wantsColor } from './replay/style';
import { truncate } from './replay/text';
import { supportModelReply } from './support-model';

/** Where the demo writes: `process.stdout` or anything with `write`. */
export interface DemoOutput {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

/** Options of {@link runDemo}. */
export interface DemoOptions {
  out?: DemoOutput;
  /** OPENAI_*, LANGFUSE_*, OTEL_EXPORTER_OTLP_*, NO_COLOR. Default `process.env`. */
  env?: Record<string, string | undefined>;
  /** Also export to a running `threadline dev`. */
  dev?: boolean;
  /** Default: when `out` is a TTY and NO_COLOR is unset. */
  color?: boolean;
  /** The processors' dialects; add `'openinference'` for what Phoenix reads. Default `otel` + `langfuse`. */
  dialects?: readonly Dialect[];
}

/** What the demo did, for callers and tests. */
export interface DemoResult {
  /** Every check passed and every export succeeded. */
  ok: boolean;
  sessionId: string;
  userId: string;
  turns: Turn[];
  /** The spans the loopback receiver got. */
  spans: ReceivedSpan[];
  /** Those spans as Langfuse would show them. */
  view: LangfuseView;
  refusals: InvalidValueReport[];
  targets: ExportTarget[];
}

/** The pseudonymous user of the conversation: an id, never an e-mail address. */
export const DEMO_USER_ID = 'user-7f3a';

/**
 * `pnpm demo`: a support conversation through the three adapters and across two services,
 * exported through the real OTLP exporter to a loopback receiver, then shown as the session
 * replay Langfuse would show. Needs nothing from outside unless the environment asks for it.
 */
export async function runDemo({
  out = process.stdout,
  env = process.env,
  dev = false,
  color,
  dialects,
}: DemoOptions = {}): Promise<DemoResult> {
  const style = createStyle(color ?? wantsColor(out, env));
  const width = Math.min(80, out.columns ?? 80);
  const print = (...lines: string[]) => {
    for (const line of lines) out.write(`${line}\n`);
  };

  const sessionId = `support-${randomBytes(4).toString('hex')}`;
  const userId = DEMO_USER_ID;
  const refusals: InvalidValueReport[] = [];

  // Everything started is stopped again, in reverse order, whatever happens.
  const closers: Array<() => Promise<unknown> | undefined> = [];
  try {
    const receiver = await startOtlpReceiver();
    closers.push(() => receiver.close());
    const mock = env.OPENAI_API_KEY
      ? undefined
      : await startMockOpenAI({ respond: supportModelReply });
    closers.push(() => mock?.close());
    const model = {
      baseURL: mock?.baseURL ?? env.OPENAI_BASE_URL,
      apiKey: env.OPENAI_API_KEY ?? 'loopback',
      model: env.OPENAI_MODEL ?? 'gpt-4o-mini',
    };
    const { replay, extra } = exportTargets({ receiverTracesUrl: receiver.tracesUrl, env, dev });
    for (const target of extra) target.error = await target.probe?.();
    const targets = [replay, ...extra.filter((target) => !target.error)];
    // One batch processor per target and service, so each can be flushed on its own.
    const exporting = () => targets.map((target) => new BatchSpanProcessor(target.create()));
    const appExporting = exporting();
    const agentExporting = exporting();

    // The support app (the adapters, the web client, the gateway) registers globally...
    const app = registerThreadline({
      ...(dialects ? { dialects } : {}),
      serviceName: 'support-bot',
      exporter: [],
      spanProcessors: appExporting,
    });
    // ...and the agent service behind the gateway has its own provider: the only one that reads
    // baggage, because only the gateway calls it.
    const agentTelemetry = registerThreadline({
      ...(dialects ? { dialects } : {}),
      serviceName: 'agent-service',
      readBaggage: true,
      register: false,
      exporter: [],
      spanProcessors: agentExporting,
    });
    closers.push(() => Promise.all([app.shutdown(), agentTelemetry.shutdown()]));
    const agent = await startAgentService({ tracerProvider: agentTelemetry.provider, ...model });
    closers.push(() => agent.close());
    const gateway = await startGateway({ agentUrl: agent.url });
    closers.push(() => gateway.close());

    print(
      style.bold('Threadline demo: one support conversation, three adapters, two services'),
      truncate(
        mock
          ? 'model  loopback OpenAI-compatible server (OPENAI_API_KEY for the real API)'
          : `model  OpenAI API${env.OPENAI_BASE_URL ? ` at ${env.OPENAI_BASE_URL}` : ''} (${model.model})`,
        width,
      ),
      truncate(`spans  OTLP/protobuf → loopback receiver ${receiver.tracesUrl}`, width),
      ...extra.map((t) => truncate(`       + ${t.label} ${t.where}`, width)),
      '',
    );

    const turns = await runConversation({
      sessionId,
      userId,
      model,
      gatewayUrl: gateway.url,
      onInvalid: (report) => refusals.push(report),
      onTurn: (turn, n) => {
        const tools = turn.toolCalls.length > 0 ? ` (tool ${turn.toolCalls.join(', ')})` : '';
        print(`${style.green('✓')} ${truncate(`turn ${n}  ${turn.via}${tools}`, width - 2)}`);
      },
    });

    // Flush every exporter on its own: a backend that is down must not cut the others short
    // (its failure is recorded by its target and reported below).
    await Promise.allSettled([...appExporting, ...agentExporting].map((p) => p.forceFlush()));
    const spans = receiver.spans();
    const view = resolveLangfuse(spans);
    const session = view.sessions.find((s) => s.id === sessionId);

    // The AI SDK names every tool span `ai.toolCall`; show which tool it was.
    const toolNames = new Map(spans.map((s) => [s.spanId, s.attributes['ai.toolCall.name']]));
    const label = (o: LangfuseObservation) => {
      const tool = toolNames.get(o.id);
      return typeof tool === 'string' ? `${o.name} ${tool}` : o.name;
    };
    const checks = { spans, view, sessionId, userId, refusals, refusedValue: CUSTOMER_EMAIL };
    print(
      '',
      ...(session
        ? renderSession(session, { width, style, label })
        : [style.red(`No trace carried session ${sessionId}.`)]),
      '',
      ...renderUsers(view.users, width, style),
      '',
      ...renderChecks(checks, width, style),
      '',
      ...renderExports(extra, sessionId, width, style),
    );

    const ok =
      view.sessions.length === 1 &&
      spans.length > 0 &&
      countCarrying(view, sessionId, userId) === spans.length &&
      !spans.some((span) => spanContains(span, CUSTOMER_EMAIL)) &&
      extra.every((t) => !t.error);
    return { ok, sessionId, userId, turns, spans, view, refusals, targets: [replay, ...extra] };
  } finally {
    for (const close of closers.reverse()) {
      // A failed export surfaces again at shutdown; it was reported already.
      await Promise.resolve()
        .then(close)
        .catch(() => {});
    }
    // Leave the process as we found it, so the demo can run again in the same process.
    trace.disable();
    context.disable();
    propagation.disable();
  }
}
