import { type GenAiMessage, toGenAiMessage } from '../content/gen-ai-messages';
import { contentParts } from '../content/gen-ai-parts';
import { isMessageLike } from '../content/to-plain';
import { finishReasonOf, genAiFinishReason } from './finish-reason';

/**
 * A model run's generations (one per choice) as GenAI output messages: the message's role,
 * text and tool calls (a text-completion model's text as one text part) and why it stopped.
 * A message whose finish reason nobody reported has none.
 */
export function toOutputMessages(generations: readonly unknown[]): GenAiMessage[] {
  const messages: GenAiMessage[] = [];
  for (const generation of generations) {
    if (typeof generation !== 'object' || generation === null) continue;
    const { message, text } = generation as { message?: unknown; text?: unknown };
    const out =
      typeof message === 'object' && message !== null && isMessageLike(message)
        ? toGenAiMessage(message)
        : { role: 'assistant', parts: contentParts(text) };
    const reason = finishReasonOf(generation as Record<string, unknown>);
    if (reason) out.finish_reason = genAiFinishReason(reason);
    messages.push(out);
  }
  return messages;
}
