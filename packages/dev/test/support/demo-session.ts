import type { ReceivedSpan } from '@threadline/testing';
import spans from './demo-session-spans.json' with { type: 'json' };

/**
 * The spans of one run of `pnpm demo` (examples/demo, with its loopback model), as its OTLP
 * receiver got them: four turns of session `support-cdd6b7e8` by user `user-7f3a`, made by the
 * OpenAI SDK, the Vercel AI SDK (`ai.generateText` over two `ai.generateText.doGenerate` calls
 * and an `ai.toolCall`), a LangChain agent, and two services. Kept as data so the viewer's
 * totals are pinned to what the demo really sends. Made with `runDemo({ out, env: {} })` and
 * `JSON.stringify(result.spans)`.
 */
export const DEMO_SESSION_SPANS = spans as unknown as ReceivedSpan[];

/** The demo's session id. */
export const DEMO_SESSION_ID = 'support-cdd6b7e8';
