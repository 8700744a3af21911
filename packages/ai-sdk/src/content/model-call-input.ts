import { type Attributes, diag, type Span } from '@opentelemetry/api';
import { MAX_CONTENT_CHARS, toBoundedJson } from '@threadline/core/adapter';
import { GEN_AI_CONTENT_ATTRIBUTES as GEN_AI } from './content-keys';
import type { GenAiMessage } from './genai-message';
import { promptJson } from './prompt-json';
import { genAiPromptOf, laterMessagesOf } from './prompt-messages';
import { toolDefinitionsJson } from './tool-definitions-json';

/** The GenAI input keys made from one `ai.prompt.messages`. */
interface PromptInput {
  readonly messages: string | undefined;
  readonly system: string | undefined;
}

/** A prompt whose messages' JSON was whole (not cut by the bound): a later step may extend it. */
interface Extendable extends PromptInput {
  /** The prompt JSON without its closing `]`. */
  readonly head: string;
  readonly messages: string;
}

/** `value` as JSON when it fits the content bound uncut, else undefined. Never throws. */
function wholeJson(value: readonly GenAiMessage[]): string | undefined {
  try {
    const json = JSON.stringify(value);
    return json.length <= MAX_CONTENT_CHARS ? json : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The GenAI input keys of the ai 5/6 model calls of one AI SDK call: `gen_ai.input.messages`
 * and `gen_ai.system_instructions` from `ai.prompt.messages`, `gen_ai.tool.definitions` from
 * `ai.prompt.tools`. The SDK records those only when recording inputs is on, so with it off
 * nothing is written.
 *
 * Why one per call: each step of a tool loop sends the previous step's prompt again with the
 * model's answer and the tool results after it, and the SDK records the whole prompt anew. When
 * a step's prompt JSON extends the previous one's, only the added messages are parsed and
 * converted, and their JSON is joined to the previous result. That is done only where the
 * joined JSON is what converting the whole prompt makes: the previous JSON was not cut by the
 * bound and the joined one fits it, and the added part holds no system message (the leading
 * ones are the instructions). The prompt is the one after the mask, and the JSON is not masked
 * again (as before), so the result depends on that string alone.
 */
export class ModelCallInput {
  private last: Extendable | undefined;

  /**
   * Sets the GenAI input keys a model call's start `attributes` (masked already) imply on its
   * `span`, except those the attributes hold. Never throws.
   */
  write(span: Span, attributes: Attributes, canonical = false): void {
    try {
      const input = this.promptInput(attributes['ai.prompt.messages'], canonical);
      const tools = toolDefinitionsJson(attributes['ai.prompt.tools']);
      if (input?.messages !== undefined && attributes[GEN_AI.INPUT_MESSAGES] === undefined) {
        span.setAttribute(GEN_AI.INPUT_MESSAGES, input.messages);
      }
      if (input?.system !== undefined && attributes[GEN_AI.SYSTEM_INSTRUCTIONS] == null) {
        span.setAttribute(GEN_AI.SYSTEM_INSTRUCTIONS, input.system);
      }
      if (tools !== undefined && attributes[GEN_AI.TOOL_DEFINITIONS] == null) {
        span.setAttribute(GEN_AI.TOOL_DEFINITIONS, tools);
      }
    } catch (error) {
      diag.warn('threadline: could not write the GenAI input of an AI SDK model call', error);
    }
  }

  /**
   * The GenAI input keys of one `ai.prompt.messages` value, undefined when it is no prompt.
   * `canonical`: the value is the SDK's own JSON, no mask rewrote it (see {@link promptJson}).
   */
  promptInput(json: unknown, canonical = false): PromptInput | undefined {
    if (typeof json !== 'string') return undefined;
    return this.extended(json, canonical) ?? this.whole(json, canonical);
  }

  /** The whole path: the prompt converted in full (one of text messages straight from its JSON). */
  private whole(json: string, canonical: boolean): PromptInput | undefined {
    this.last = undefined;
    const text = promptJson(json, { canonical });
    if (text !== undefined) {
      return text.messages === undefined ? text : this.remember(json, text.messages, text.system);
    }
    const prompt = genAiPromptOf(json);
    if (!prompt) return undefined;
    const system =
      prompt.systemInstructions.length > 0
        ? toBoundedJson(prompt.systemInstructions, { masked: true })
        : undefined;
    if (prompt.messages.length === 0) return { messages: undefined, system };
    const whole = wholeJson(prompt.messages);
    if (whole === undefined) {
      return { messages: toBoundedJson(prompt.messages, { masked: true }), system };
    }
    return this.remember(json, whole, system);
  }

  /** The reused path: `json` extends the last prompt, only the added messages are converted. */
  private extended(json: string, canonical: boolean): PromptInput | undefined {
    const last = this.last;
    if (last === undefined) return undefined;
    const { head } = last;
    // The last prompt `[A]` is extended as `[A,B]`: `[B]` holds the added messages. Compared
    // with `===` on a slice: `startsWith` compares a sliced string char by char, 50× slower.
    if (json.charCodeAt(head.length) !== 44 || json.slice(0, head.length) !== head) {
      return undefined;
    }
    const addedJson = this.addedJson(json, head.length, canonical);
    if (addedJson === null) return this.remember(json, last.messages, last.system);
    if (addedJson === undefined) return undefined;
    const joined = `${last.messages.slice(0, -1)},${addedJson.slice(1)}`;
    if (joined.length > MAX_CONTENT_CHARS) return undefined;
    return this.remember(json, joined, last.system);
  }

  /**
   * The GenAI JSON of the messages a step added (those of `json` after the `,` at `from`); null
   * when it added none, undefined when the step is to be converted whole.
   */
  private addedJson(json: string, from: number, canonical: boolean): string | null | undefined {
    const fast = promptJson(json, { canonical, later: true, from });
    if (fast !== undefined) return fast.messages ?? null;
    let parsed: unknown;
    try {
      parsed = JSON.parse(`[${json.slice(from + 1)}`);
    } catch {
      return undefined;
    }
    if (!Array.isArray(parsed)) return undefined;
    const messages = laterMessagesOf(parsed);
    if (messages === undefined) return undefined;
    if (messages.length === 0) return null;
    return wholeJson(messages);
  }

  private remember(json: string, messages: string, system: string | undefined): PromptInput {
    // A prompt with anything after its closing `]` cannot be extended by joining.
    this.last = json.endsWith(']') ? { head: json.slice(0, -1), messages, system } : undefined;
    return { messages, system };
  }
}
