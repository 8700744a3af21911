import { createOpenAI } from '@ai-sdk/openai';
import { telemetry } from '@threadline/ai-sdk';
import { generateText, stepCountIs } from 'ai';
import { lookupShipment } from './lookup-shipment';

/** A message of the conversation so far, as the next turn sends it back to the model. */
export interface ChatMessage {
  role: 'user' | 'assistant';
  content: string;
}

/** Options of {@link runAISDKTurn}. */
export interface AISDKTurnOptions {
  /** The customer's message. */
  question: string;
  /** Earlier turns of the conversation, oldest first. */
  history?: readonly ChatMessage[];
  /** OpenAI-compatible base URL; default: the OpenAI API. */
  baseURL?: string;
  apiKey: string;
  model?: string;
  /** The AI SDK's function id (the trace's name in most backends). */
  functionId?: string;
}

/** What a turn produced. */
export interface AISDKTurnResult {
  answer: string;
  /** Names of the tools the model called, in order. */
  toolCalls: string[];
}

const SYSTEM_PROMPT =
  'You are the support assistant of Acme Parcels. To explain a late order, call lookupShipment ' +
  'first. Answer in one or two short sentences.';

/**
 * One support-chat turn through the Vercel AI SDK, with a tool loop: the model calls
 * `lookupShipment`, then answers. `telemetry()` turns on the SDK's spans and copies the active
 * Threadline scope into `experimental_telemetry.metadata`; the processor puts the session and
 * user on every span, the `ai.toolCall` ones included.
 */
export async function runAISDKTurn({
  question,
  history = [],
  baseURL,
  apiKey,
  model = 'gpt-4o-mini',
  functionId = 'shipment-delay',
}: AISDKTurnOptions): Promise<AISDKTurnResult> {
  const openai = createOpenAI({ baseURL, apiKey });
  const result = await generateText({
    model: openai(model),
    system: SYSTEM_PROMPT,
    messages: [...history, { role: 'user', content: question }],
    tools: { lookupShipment },
    // One step for the tool call, one for the answer (and a spare for a second lookup).
    stopWhen: stepCountIs(3),
    experimental_telemetry: telemetry({ functionId }),
  });
  return {
    answer: result.text,
    toolCalls: result.steps.flatMap((step) => step.toolCalls.map((call) => call.toolName)),
  };
}
