/**
 * `pnpm demo [--dev]`
 *
 * A support conversation of one pseudonymous user, each turn made by a different framework
 * (OpenAI SDK, Vercel AI SDK, LangChain) plus a turn across two HTTP services, shown as the
 * session replay Langfuse would show. Needs nothing from outside by default.
 *
 *   OPENAI_API_KEY (+ OPENAI_BASE_URL, OPENAI_MODEL)   use the real API
 *   LANGFUSE_PUBLIC_KEY/SECRET_KEY/BASE_URL            also export to Langfuse
 *   OTEL_EXPORTER_OTLP_ENDPOINT                        also export there
 *   --dev                                              also export to `threadline dev`
 */
import { runDemo } from './run-demo';

const args = process.argv.slice(2).filter((arg) => arg !== '--');
if (args.includes('--help') || args.includes('-h')) {
  console.log('usage: pnpm demo [--dev]   (see examples/demo/src/main.ts for the variables)');
} else {
  const unknown = args.filter((arg) => arg !== '--dev');
  if (unknown.length > 0) console.error(`ignoring unknown arguments: ${unknown.join(' ')}`);
  const result = await runDemo({ dev: args.includes('--dev') });
  process.exitCode = result.ok ? 0 : 1;
}
