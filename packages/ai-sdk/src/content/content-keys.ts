/**
 * The attributes in which the AI SDK records what was said: prompts, messages, answers, tool
 * arguments and results, embedded and reranked texts. ai 5 and 6 write the `ai.*` keys,
 * `@ai-sdk/otel` (ai 7) the `gen_ai.*` keys and some `ai.*` ones; both write them only when
 * recording inputs or outputs is on. These go through the configured mask.
 *
 * Left out on purpose: tool definitions and schemas (the application's code, not what a user
 * said), embedding vectors, provider metadata and sizes.
 */
export const CONTENT_KEYS: ReadonlySet<string> = new Set([
  'ai.prompt',
  'ai.prompt.messages',
  'ai.response.text',
  'ai.response.reasoning',
  'ai.response.toolCalls',
  'ai.response.object',
  'ai.response.files',
  'ai.toolCall.args',
  'ai.toolCall.result',
  'ai.value',
  'ai.values',
  'ai.documents',
  'ai.ranking',
  'ai.request.text',
  'ai.decision.state',
  'ai.decision.questions',
  'ai.decision.answers',
  'ai.extraction.state',
  'ai.extraction.fields',
  'ai.extraction.answers',
  'gen_ai.input.messages',
  'gen_ai.output.messages',
  'gen_ai.system_instructions',
  'gen_ai.tool.call.arguments',
  'gen_ai.tool.call.result',
]);

/** The GenAI content keys Threadline writes on the model calls of ai 5 and 6. */
export const GEN_AI_CONTENT_ATTRIBUTES = {
  INPUT_MESSAGES: 'gen_ai.input.messages',
  OUTPUT_MESSAGES: 'gen_ai.output.messages',
  SYSTEM_INSTRUCTIONS: 'gen_ai.system_instructions',
  TOOL_DEFINITIONS: 'gen_ai.tool.definitions',
} as const;
