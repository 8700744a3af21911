import { observeOpenAI } from '@threadline/openai';
import OpenAI from 'openai';

/** A message of the conversation so far, as the next turn sends it back to the model. */
export interface ChatMessage {
  role: 'user' | 'assistant';
  content: string;
}

/** Options of {@link runOpenAITurn}. */
export interface OpenAITurnOptions {
  /** The customer's message. */
  question: string;
  /** Earlier turns of the conversation, oldest first. */
  history?: readonly ChatMessage[];
  /** OpenAI-compatible base URL; default: the OpenAI API (or `OPENAI_BASE_URL`). */
  baseURL?: string;
  apiKey: string;
  model?: string;
  /** The generation's name in Langfuse. */
  generationName?: string;
}

/** What a turn produced. */
export interface TurnResult {
  answer: string;
}

const SYSTEM_PROMPT =
  'You are the support assistant of Acme Parcels. Answer in one or two short sentences.';

/**
 * One support-chat turn through the OpenAI SDK. The client is wrapped with `observeOpenAI`, so
 * the call becomes a GenAI span; it names no session or user: those come from the Threadline
 * scope the caller opened, which is how one conversation stays one session across frameworks.
 *
 * @example
 * await propagateAttributes({ sessionId, userId }, () =>
 *   runOpenAITurn({ apiKey, question: 'Where is my order?' }),
 * );
 */
export async function runOpenAITurn({
  question,
  history = [],
  baseURL,
  apiKey,
  model = 'gpt-4o-mini',
  generationName = 'answer-order-status',
}: OpenAITurnOptions): Promise<TurnResult> {
  // An app wraps its client once at start-up; here the base URL differs per caller.
  const openai = observeOpenAI(new OpenAI({ baseURL, apiKey }), { generationName });
  const completion = await openai.chat.completions.create({
    model,
    messages: [
      { role: 'system', content: SYSTEM_PROMPT },
      ...history,
      { role: 'user', content: question },
    ],
  });
  return { answer: completion.choices[0]?.message.content ?? '' };
}
