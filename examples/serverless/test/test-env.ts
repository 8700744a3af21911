/**
 * Points the process at loopback servers: the OTLP receiver and the mock OpenAI server, with
 * no exporter, key or log level from the developer's own shell (which could make a test pass
 * or send spans elsewhere). Set before the example modules are imported: they read it then.
 */
export function useLoopbackEnv({ otlp, openai }: { otlp: string; openai: string }): void {
  for (const key of Object.keys(process.env)) {
    if (/^(OPENAI_|OTEL_|LANGFUSE_)/.test(key)) delete process.env[key];
  }
  process.env.OTEL_EXPORTER_OTLP_ENDPOINT = otlp;
  process.env.OPENAI_BASE_URL = openai;
  process.env.OPENAI_API_KEY = 'loopback';
}
