import { type GenAiMessage, outputFinishReason, textPart } from './genai-message';

/**
 * A legacy completion's `prompt` as `gen_ai.input.messages`: one user message per prompt text.
 * Prompts given as token ids are not text, and are left out.
 */
export function promptMessages(prompt: unknown): GenAiMessage[] | undefined {
  if (typeof prompt === 'string') return [{ role: 'user', parts: [textPart(prompt)] }];
  if (!Array.isArray(prompt) || prompt.length === 0) return undefined;
  const messages: GenAiMessage[] = [];
  for (const text of prompt) {
    if (typeof text !== 'string') return undefined;
    messages.push({ role: 'user', parts: [textPart(text)] });
  }
  return messages;
}

/** One legacy completion choice as a GenAI output message. */
export function completionOutputMessage(text: string, finishReason: unknown): GenAiMessage {
  const message: GenAiMessage = { role: 'assistant', parts: [textPart(text)] };
  if (typeof finishReason === 'string') message.finish_reason = outputFinishReason(finishReason);
  return message;
}
