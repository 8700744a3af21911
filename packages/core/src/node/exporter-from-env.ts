import { OTLPTraceExporter as OTLPJsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as OTLPProtoExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import type { SpanExporter } from '@opentelemetry/sdk-trace-node';

type Env = Record<string, string | undefined>;

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
 * variables itself), and the OTLP default (`http://localhost:4318`) when neither is.
 */
export function exportersFromEnv(env: Env = process.env): SpanExporter[] {
  const exporters: SpanExporter[] = [];
  const langfuse = langfuseExporterConfig(env);
  if (langfuse) exporters.push(new OTLPProtoExporter(langfuse));
  const otlpSet = Boolean(
    env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT,
  );
  if (otlpSet || !langfuse) {
    exporters.push(
      otlpProtocol(env) === 'http/json' ? new OTLPJsonExporter() : new OTLPProtoExporter(),
    );
  }
  return exporters;
}
