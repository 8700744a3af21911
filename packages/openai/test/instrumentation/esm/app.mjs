// An application that never wraps its client. It imports `openai` by name, or (for a major
// installed under another name or in another folder) by the file URL of its entry.
import { propagateAttributes } from '@threadline/core';
import { observeOpenAI } from '@threadline/openai';
import { capture } from './telemetry.mjs';

const { default: OpenAI } = await import(process.env.OPENAI_ENTRY || 'openai');
const client = new OpenAI({
  baseURL: process.env.OPENAI_BASE_URL,
  apiKey: 'sk-test-not-a-real-key',
  maxRetries: 0,
});
const messages = [{ role: 'user', content: 'where is my parcel' }];

await propagateAttributes({ sessionId: 'esm-1', userId: 'user-1' }, async () => {
  await client.chat.completions.create({ model: 'gpt-4o-mini', messages });
  const stream = await client.chat.completions.create({
    model: 'gpt-4o-mini',
    messages,
    stream: true,
    stream_options: { include_usage: true },
  });
  for await (const _ of stream);
  await client.embeddings.create({ model: 'text-embedding-3-small', input: 'x' });
  // Wrapped as well: still one span, with the wrapper's options.
  await observeOpenAI(client, { sessionId: 'esm-wrapped' }).chat.completions.create({
    model: 'gpt-4o-mini',
    messages,
  });
});
await capture.provider.forceFlush();
