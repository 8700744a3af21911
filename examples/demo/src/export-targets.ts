import { connect } from 'node:net';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';
import { exportersFromEnv, langfuseExporterConfig } from '@threadline/core/node';

type Env = Record<string, string | undefined>;
type ExportResult = Parameters<Parameters<SpanExporter['export']>[1]>[0];

/** Where `threadline dev` listens unless OTEL_EXPORTER_OTLP_ENDPOINT says otherwise. */
export const DEV_TRACES_URL = 'http://127.0.0.1:4318/v1/traces';

// ExportResultCode.SUCCESS of @opentelemetry/core.
const EXPORT_SUCCESS = 0;

/** One place spans go, and how that went. */
export interface ExportTarget {
  /** Short name, e.g. `Langfuse`. */
  label: string;
  /** Where to look, e.g. a URL and what to open there. */
  where: string;
  /** A fresh exporter to this target (one per tracer provider, as each service has its own). */
  create(): SpanExporter;
  /** Spans exported successfully so far, over all exporters made by `create`. */
  exported: number;
  /** The last export error, if any. */
  error?: string;
  /** A quick check before exporting; resolves with the reason when the target is unreachable. */
  probe?: () => Promise<string | undefined>;
}

/** Whether something accepts TCP connections at the URL's host and port (loopback: fast). */
export function probeUrl(url: string, timeoutMs = 500): Promise<string | undefined> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port) || 80 });
    const done = (reason?: string) => {
      socket.destroy();
      resolve(reason);
    };
    socket.setTimeout(timeoutMs, () => done(`no answer from ${url}`));
    socket.once('connect', () => done());
    socket.once('error', () => done(`nothing listens at ${url}`));
  });
}

/** Wraps an exporter so the target learns how many spans went out and what failed. */
function tracked(target: ExportTarget, exporter: SpanExporter): SpanExporter {
  return {
    export(spans: ReadableSpan[], done: (result: ExportResult) => void) {
      exporter.export(spans, (result) => {
        if (result.code === EXPORT_SUCCESS) target.exported += spans.length;
        else target.error = result.error?.message ?? 'export failed';
        done(result);
      });
    },
    shutdown: () => exporter.shutdown(),
    forceFlush: () => exporter.forceFlush?.() ?? Promise.resolve(),
  };
}

function target(label: string, where: string, make: () => SpanExporter): ExportTarget {
  const t: ExportTarget = { label, where, exported: 0, create: () => tracked(t, make()) };
  return t;
}

/** Options of {@link exportTargets}. */
export interface ExportTargetsOptions {
  /** The loopback receiver the replay is computed from. */
  receiverTracesUrl: string;
  env: Env;
  /** `--dev`: also export to a running `threadline dev`. */
  dev: boolean;
}

/**
 * The demo's export targets: always the loopback receiver (through the real OTLP/protobuf
 * exporter), plus Langfuse when its keys are set, plus the OTLP endpoint of the environment,
 * plus `threadline dev` with `--dev`.
 */
export function exportTargets({ receiverTracesUrl, env, dev }: ExportTargetsOptions): {
  replay: ExportTarget;
  extra: ExportTarget[];
} {
  const replay = target(
    'loopback receiver',
    receiverTracesUrl,
    () => new OTLPTraceExporter({ url: receiverTracesUrl }),
  );
  const extra: ExportTarget[] = [];

  const langfuse = langfuseExporterConfig(env);
  if (langfuse) {
    const base = langfuse.url.replace(/\/api\/public\/otel\/v1\/traces$/, '');
    // Only the Langfuse variables, so exportersFromEnv builds the Langfuse exporter alone.
    const { LANGFUSE_PUBLIC_KEY, LANGFUSE_SECRET_KEY, LANGFUSE_BASE_URL, LANGFUSE_HOST } = env;
    const langfuseEnv = {
      LANGFUSE_PUBLIC_KEY,
      LANGFUSE_SECRET_KEY,
      LANGFUSE_BASE_URL,
      LANGFUSE_HOST,
    };
    extra.push(target('Langfuse', `${base} → Sessions`, () => exportersFromEnv(langfuseEnv)[0]!));
  }

  const otlpEndpoint = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || env.OTEL_EXPORTER_OTLP_ENDPOINT;
  if (otlpEndpoint) {
    // The exporter reads the OTEL_EXPORTER_OTLP_* variables (endpoint, headers, protocol) itself.
    const withoutLangfuse = {
      ...env,
      LANGFUSE_PUBLIC_KEY: undefined,
      LANGFUSE_SECRET_KEY: undefined,
    };
    const label = dev ? 'threadline dev' : 'OTLP endpoint';
    extra.push(target(label, otlpEndpoint, () => exportersFromEnv(withoutLangfuse)[0]!));
  } else if (dev) {
    const devTarget = target(
      'threadline dev',
      DEV_TRACES_URL,
      () => new OTLPTraceExporter({ url: DEV_TRACES_URL }),
    );
    // Checked first: a dev server that is not running should not hold the demo in retries.
    devTarget.probe = () => probeUrl(DEV_TRACES_URL);
    extra.push(devTarget);
  }
  return { replay, extra };
}
