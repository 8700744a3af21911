import { context, createContextKey, trace } from '@opentelemetry/api';
import OpenAI from 'openai';
import { TWO_FIELDS } from './fields';
import { startOpenAIServerProcess } from './fixtures/start-openai-server';
import { compareAsync } from './measure';
import { installGlobalProvider, withProcessors } from './setups/global-provider';
import { installGlobals } from './setups/globals';
import { enterBare } from './setups/peers';

installGlobals();
const g = installGlobalProvider();
const server = await startOpenAIServerProcess();
const bare = new OpenAI({ baseURL: server.baseURL, apiKey: 'x', maxRetries: 0 });
const req = {
  model: 'gpt-4o-mini',
  messages: [{ role: 'user' as const, content: 'Where is my order 1234?' }],
};
const K = createContextKey('k');
const tracer = trace.getTracer('manual');
const r = await compareAsync(
  {
    bare: withProcessors(g, [], () =>
      enterBare(TWO_FIELDS, () => bare.chat.completions.create(req)),
    ),
    'extra context.with': withProcessors(g, [], () =>
      enterBare(TWO_FIELDS, () =>
        context.with(context.active().setValue(K, 1), () => bare.chat.completions.create(req)),
      ),
    ),
    'span, not active': withProcessors(g, [], () =>
      enterBare(TWO_FIELDS, async () => {
        const s = tracer.startSpan('chat');
        const x = await bare.chat.completions.create(req);
        s.end();
        return x;
      }),
    ),
    'active span': withProcessors(g, [], () =>
      enterBare(TWO_FIELDS, () =>
        tracer.startActiveSpan('chat', async (s) => {
          const x = await bare.chat.completions.create(req);
          s.end();
          return x;
        }),
      ),
    ),
  },
  { iterations: 150, rounds: 15, warmup: 3 },
);
for (const [k, v] of Object.entries(r))
  console.log(
    k.padEnd(32),
    (v.median / 1000).toFixed(1),
    'µs',
    ((v.median / r.bare!.median - 1) * 100).toFixed(1) + '%',
    'spread',
    (v.spread * 100).toFixed(0) + '%',
  );
await server.stop();
process.exit(0);
