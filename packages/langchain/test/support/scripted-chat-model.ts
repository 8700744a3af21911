import type { CallbackManagerForLLMRun } from '@langchain/core/callbacks/manager';
import { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { AIMessage, AIMessageChunk, type BaseMessage } from '@langchain/core/messages';
import { ChatGenerationChunk, type ChatResult } from '@langchain/core/outputs';

/** One scripted answer: text, tool calls, token usage, or an error to throw. */
export interface ScriptedReply {
  content?: string;
  toolCalls?: Array<{ id: string; name: string; args: Record<string, unknown> }>;
  usage?: {
    input: number;
    output: number;
    cacheRead?: number;
    cacheCreation?: number;
    reasoning?: number;
  };
  error?: Error;
}

function messageFields(reply: ScriptedReply) {
  return {
    content: reply.content ?? '',
    tool_calls: reply.toolCalls?.map((call) => ({ ...call, type: 'tool_call' as const })) ?? [],
    usage_metadata: reply.usage && {
      input_tokens: reply.usage.input,
      output_tokens: reply.usage.output,
      total_tokens: reply.usage.input + reply.usage.output,
      ...((reply.usage.cacheRead !== undefined || reply.usage.cacheCreation !== undefined) && {
        input_token_details: {
          cache_read: reply.usage.cacheRead,
          cache_creation: reply.usage.cacheCreation,
        },
      }),
      ...(reply.usage.reasoning !== undefined && {
        output_token_details: { reasoning: reply.usage.reasoning },
      }),
    },
    response_metadata: {
      model_name: 'scripted-1',
      finish_reason: reply.toolCalls ? 'tool_calls' : 'stop',
    },
  };
}

/**
 * A chat model for unit tests that answers from a script (works with both @langchain/core
 * lines): tool calls and usage metadata included, streaming word by word, or an error. When
 * the script is empty it answers `"ok"`.
 */
export class ScriptedChatModel extends BaseChatModel {
  private readonly script: ScriptedReply[];

  constructor({ replies = [] }: { replies?: ScriptedReply[] } = {}) {
    super({});
    this.script = [...replies];
  }

  _llmType(): string {
    return 'scripted';
  }

  override invocationParams(): Record<string, unknown> {
    return { model: 'scripted-1', temperature: 0.2, max_tokens: 64 };
  }

  override bindTools(): this {
    return this;
  }

  private next(): ScriptedReply {
    const reply = this.script.shift() ?? { content: 'ok' };
    if (reply.error) throw reply.error;
    return reply;
  }

  async _generate(_messages: BaseMessage[]): Promise<ChatResult> {
    await Promise.resolve();
    const reply = this.next();
    const message = new AIMessage(messageFields(reply));
    return { generations: [{ message, text: reply.content ?? '' }] };
  }

  override async *_streamResponseChunks(
    _messages: BaseMessage[],
    _options: this['ParsedCallOptions'],
    runManager?: CallbackManagerForLLMRun,
  ): AsyncGenerator<ChatGenerationChunk> {
    const reply = this.next();
    const words = (reply.content ?? '').split(/(?<= )/);
    for (const [i, word] of words.entries()) {
      await Promise.resolve();
      // The last chunk carries usage and tool calls, as providers send them at the end.
      const last = i === words.length - 1;
      const message = last
        ? new AIMessageChunk(messageFields({ ...reply, content: word }))
        : new AIMessageChunk({ content: word });
      const chunk = new ChatGenerationChunk({ message, text: word });
      yield chunk;
      await runManager?.handleLLMNewToken(word, undefined, undefined, undefined, undefined, {
        chunk,
      });
    }
  }
}
