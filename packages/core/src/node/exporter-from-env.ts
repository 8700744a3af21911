import { packageRequire } from './package-require';
import { requirePeer } from './require-peer';
import type { SpanExporter } from './sdk-types';

type Env = Record<string, string | undefined>;

type OtlpPackage =
  | '@opentelemetry/exporter-trace-otlp-proto'
  | '@opentelemetry/exporter-trace-otlp-http';

interface OtlpExporterModule {
  OTLPTraceExporter: new (config?: {
    url?: string;
    headers?: Record<string, string>;
  }) => SpanExporter;
}

/** An OTLP exporter from the package the application installed (of its SDK's major). */
function otlpExporter(
  packageName: OtlpPackage,
  config?: { url: string; headers: Record<string, string> },
): SpanExporter {
  const { OTLPTraceExporter } = requirePeer<OtlpExporterModule>(
    packageRequire,
    packageName,
    'exportersFromEnv (OTLP export, the default of registerThreadline)',
  );
  return new OTLPTraceExporter(config);
}

/** Langfuse's OTLP endpoint and Basic auth header, when `LANGFUSE_PUBLIC_KEY`/`_SECRET_KEY` are set. */
export function langfuseExporterConfig(
  env: Env,
): { url: string; headers: Record<string, string> } | undefined {
  const publicKey = env.LANGFUSE_PUBLIC_KEY;
  const secretKey = env.LANGFUSE_SECRET_KEY;
  if (!publicKey || !secretKey) return undefined;
  const base = (env.LANGFUSE_BASE_URL || env.LANGFUSE_HOST || 'https://cloud.langfuse.com').replace(
    /\/+$/,
    '',
  );
  const token = Buffer.from(`${publicKey}:${secretKey}`).toString('base64');
  return {
    url: `${base}/api/public/otel/v1/traces`,
    headers: { Authorization: `Basic ${token}`, 'x-langfuse-ingestion-version': '4' },
  };
}

function otlpProtocol(env: Env): string {
  return (
    env.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL ||
    env.OTEL_EXPORTER_OTLP_PROTOCOL ||
    'http/protobuf'
  ).trim();
}

/**
 * The exporters the environment asks for: Langfuse's OTLP endpoint when its keys are set, the
 * standard `OTEL_EXPORTER_OTLP_*` endpoint when one is set (the exporter reads the rest of those
 * variables itself), and the OTLP default (`http://localhost:4318`) when neither is. The exporters
 * come from `@opentelemetry/exporter-trace-otlp-proto` (`-http` for `http/json`), optional peers:
 * it throws, naming the install lines, when the one it needs is not installed.
 */
export function exportersFromEnv(env: Env = process.env): SpanExporter[] {
  const exporters: SpanExporter[] = [];
  const langfuse = langfuseExporterConfig(env);
  if (langfuse) exporters.push(otlpExporter('@opentelemetry/exporter-trace-otlp-proto', langfuse));
  const otlpSet = Boolean(
    env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT,
  );
  if (otlpSet || !langfuse) {
    exporters.push(
      otlpExporter(
        otlpProtocol(env) === 'http/json'
          ? '@opentelemetry/exporter-trace-otlp-http'
          : '@opentelemetry/exporter-trace-otlp-proto',
      ),
    );
  }
  return exporters;
}
