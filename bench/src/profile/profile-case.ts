/**
 * Runs one case of a workload many times, for `node --cpu-prof`: where does its time go?
 * Usage: node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx --conditions=@threadline/source
 *        bench/src/profile/profile-case.ts <e-threadline|e-metadata-threadline|e-otel|c-threadline|c-stream-threadline|c-langfuse|c-stream-langfuse|c-bare|c-stream-bare|d-threadline> [iterations]
 * A `*-langfuse` case runs Langfuse's processor, scope and wrapper (`@langfuse/openai`), as
 * workload (c) does, so both wrappers can be profiled the same way.
 */
import { observeOpenAI as langfuseObserve } from '@langfuse/openai';
import { trace } from '@opentelemetry/api';
import { telemetry } from '@threadline/ai-sdk';
import { ThreadlineCallbackHandler } from '@threadline/langchain';
import { observeOpenAI } from '@threadline/openai';
import { streamText } from 'ai';
import OpenAI from 'openai';
import { TWO_FIELDS } from '../fields';
import { createToolLoopModel, lookupOrder, TWO_STEPS } from '../fixtures/ai-tool-model';
import { createThreeStepChain } from '../fixtures/langchain-chain';
import { startOpenAIServerProcess } from '../fixtures/start-openai-server';
import { installGlobalProvider } from '../setups/global-provider';
import { installGlobals } from '../setups/globals';
import { createPeerProcessors, enterBare, enterLangfuse, enterThreadline } from '../setups/peers';

const [which = 'e-threadline', count = '2000'] = process.argv.slice(2);
installGlobals();
const peers = createPeerProcessors();
const global = installGlobalProvider();
const langfuse = which.endsWith('langfuse');
global.use(which.endsWith('threadline') ? [peers.threadline] : langfuse ? [peers.langfuse] : []);
const enter = which.endsWith('threadline') ? enterThreadline : langfuse ? enterLangfuse : enterBare;

let once: () => Promise<unknown>;
let stop = async () => {};
if (which.startsWith('e-')) {
  const model = createToolLoopModel();
  once = () =>
    enter(TWO_FIELDS, async () => {
      const result = streamText({
        model,
        prompt: 'order-1234',
        tools: { lookupOrder },
        stopWhen: TWO_STEPS,
        experimental_telemetry:
          which === 'e-threadline'
            ? telemetry()
            : which === 'e-metadata-threadline'
              ? {
                  isEnabled: true,
                  tracer: trace.getTracer('ai'),
                  metadata: { sessionId: TWO_FIELDS.sessionId, userId: TWO_FIELDS.userId },
                }
              : { isEnabled: true, tracer: trace.getTracer('ai') },
      });
      for await (const _ of result.textStream);
    });
} else if (which.startsWith('c-')) {
  const server = await startOpenAIServerProcess();
  stop = server.stop;
  const raw = new OpenAI({ baseURL: server.baseURL, apiKey: 'x', maxRetries: 0 });
  const client = which.endsWith('threadline')
    ? observeOpenAI(raw)
    : langfuse
      ? langfuseObserve(raw)
      : raw;
  const request = { model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content: 'hi' }] };
  once = () =>
    enter(TWO_FIELDS, async () => {
      if (which.startsWith('c-stream')) {
        for await (const _ of await client.chat.completions.create({ ...request, stream: true }));
      } else await client.chat.completions.create(request);
    });
} else {
  process.env.LANGCHAIN_CALLBACKS_BACKGROUND = 'false';
  const chain = createThreeStepChain();
  const handler = new ThreadlineCallbackHandler();
  const callbacks = which.endsWith('threadline') ? [handler] : [];
  once = () => chain.invoke({ question: 'hi' }, { callbacks, metadata: { session_id: 's' } });
}
for (let i = 0; i < Number(count); i++) await once();
const start = process.cpuUsage();
for (let i = 0; i < Number(count); i++) await once();
const used = process.cpuUsage(start);
console.log(
  which,
  `${((used.user + used.system) / Number(count)).toFixed(1)} µs CPU per iteration`,
);
await stop();
process.exit(0);
