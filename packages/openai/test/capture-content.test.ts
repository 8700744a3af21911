import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { afterEach, describe, expect, it } from 'vitest';
import { observeOpenAI } from '../src/index';
import { useHarness } from './support/harness';
import { clientOf, SDKS } from './support/sdks';

const h = useHarness();

// Words that appear only in prompts and completions: none may reach any attribute.
const PROMPT = 'zanzibar quokka';
const SECRET_ANSWER = 'marmalade periscope';
const SECRET_WORDS = ['zanzibar', 'quokka', 'marmalade', 'periscope', 'lookup_ledger', 'ledger-77'];
const GENAI_KEYS = [
  'gen_ai.input.messages',
  'gen_ai.output.messages',
  'gen_ai.system_instructions',
  'gen_ai.tool.definitions',
];
/** Every attribute that holds content: none may be there with capture off. */
const CONTENT_KEYS = ['langfuse.observation.input', 'langfuse.observation.output', ...GENAI_KEYS];

/** Every string in every attribute, event attribute, status and name of `spans`. */
function everyText(spans: ReadableSpan[]): string[] {
  const texts: string[] = [];
  const add = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(add);
    else if (value !== undefined && value !== null) texts.push(String(value));
  };
  for (const span of spans) {
    add(span.name);
    add(span.status.message);
    for (const [key, value] of Object.entries(span.attributes)) {
      add(key);
      add(value);
    }
    for (const event of span.events)
      for (const value of Object.values(event.attributes ?? {})) add(value);
  }
  return texts;
}

async function everyKindOfCall(client: ReturnType<typeof clientOf>): Promise<void> {
  const messages = [{ role: 'user' as const, content: PROMPT }];
  h.mock.enqueue({ content: SECRET_ANSWER });
  await client.chat.completions.create({ model: 'gpt-4o-mini', messages });
  h.mock.enqueue({ content: SECRET_ANSWER });
  const stream = await client.chat.completions.create({
    model: 'gpt-4o-mini',
    messages,
    stream: true,
    stream_options: { include_usage: true },
  });
  for await (const _ of stream);
  h.mock.enqueue({ toolCalls: [{ name: 'lookup_ledger', arguments: { id: 'ledger-77' } }] });
  const tools = await client.chat.completions.create({
    model: 'gpt-4o-mini',
    messages,
    stream: true,
  });
  for await (const _ of tools);
  h.mock.enqueue({ content: `{"word":"${SECRET_ANSWER}"}` });
  await client.chat.completions.parse({
    model: 'gpt-4o-mini',
    messages,
    response_format: { type: 'json_schema', json_schema: { name: 'w', schema: {} } },
  });
  h.mock.enqueue({ content: SECRET_ANSWER });
  await client.responses.create({ model: 'gpt-4o-mini', instructions: PROMPT, input: PROMPT });
  h.mock.enqueue({ content: SECRET_ANSWER });
  const events = await client.responses.create({
    model: 'gpt-4o-mini',
    input: PROMPT,
    stream: true,
  });
  for await (const _ of events);
  h.mock.enqueue({ content: `${SECRET_ANSWER} and more words after it` });
  const early = await client.chat.completions.create({
    model: 'gpt-4o-mini',
    messages,
    stream: true,
  });
  for await (const _ of early) break;
  await client.embeddings.create({ model: 'text-embedding-3-small', input: PROMPT });
  h.mock.enqueue({ content: SECRET_ANSWER });
  await client.completions.create({ model: 'gpt-3.5-turbo-instruct', prompt: PROMPT });
  h.mock.enqueue({ error: { status: 500 } });
  await client.chat.completions.create({ model: 'gpt-4o-mini', messages }).catch(() => {});
}

describe.each(SDKS)('content capture with %s', (_name, SDK) => {
  afterEach(() => {
    delete process.env.THREADLINE_CAPTURE_CONTENT;
  });

  it('captureContent: false leaves no prompt or completion text in any attribute', async () => {
    await everyKindOfCall(observeOpenAI(clientOf(SDK, h.mock.baseURL), { captureContent: false }));
    const spans = h.spans();
    expect(spans).toHaveLength(10);
    const texts = everyText(spans);
    for (const word of SECRET_WORDS) {
      expect(texts.filter((t) => t.includes(word))).toEqual([]);
    }
    for (const span of spans) {
      for (const key of CONTENT_KEYS) expect(span.attributes[key]).toBeUndefined();
    }
  });

  it('THREADLINE_CAPTURE_CONTENT=false does the same; the option wins over it', async () => {
    process.env.THREADLINE_CAPTURE_CONTENT = 'false';
    await everyKindOfCall(observeOpenAI(clientOf(SDK, h.mock.baseURL)));
    const texts = everyText(h.spans());
    for (const word of SECRET_WORDS) expect(texts.filter((t) => t.includes(word))).toEqual([]);
    for (const span of h.spans()) {
      for (const key of CONTENT_KEYS) expect(span.attributes[key]).toBeUndefined();
    }

    h.capture.reset();
    await observeOpenAI(clientOf(SDK, h.mock.baseURL), { captureContent: true }).embeddings.create({
      model: 'text-embedding-3-small',
      input: PROMPT,
    });
    expect(h.onlySpan().attributes['langfuse.observation.input']).toBe(PROMPT);
  });

  it('with capture on, the same calls do record the text (the scan can fail)', async () => {
    await everyKindOfCall(observeOpenAI(clientOf(SDK, h.mock.baseURL)));
    const spans = h.spans();
    const texts = everyText(spans);
    for (const word of SECRET_WORDS) {
      expect(texts.some((t) => t.includes(word))).toBe(true);
    }
    // Every model call but the embeddings and the failed one has its GenAI messages, and the
    // secret words reach them too (not only the Langfuse keys).
    const withMessages = spans.filter((s) => s.attributes['gen_ai.input.messages'] !== undefined);
    expect(withMessages).toHaveLength(9);
    expect(spans.filter((s) => s.attributes['gen_ai.output.messages'] !== undefined)).toHaveLength(
      8,
    );
    const genAiTexts = spans.flatMap((s) =>
      GENAI_KEYS.map((key) => s.attributes[key]).filter((v): v is string => typeof v === 'string'),
    );
    for (const word of SECRET_WORDS) {
      expect(genAiTexts.some((t) => t.includes(word))).toBe(true);
    }
  });
});
