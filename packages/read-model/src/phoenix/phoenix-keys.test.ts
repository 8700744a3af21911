import {
  MimeType,
  OpenInferenceSpanKind,
  SemanticConventions as SC,
} from '@arizeai/openinference-semantic-conventions';
import { describe, expect, it } from 'vitest';
import { OI, OI_CONTENT, OI_MESSAGE, OI_TOOL_CALL } from './phoenix-keys';
import { spanKindOf } from './phoenix-values';

describe('OpenInference key names (against @arizeai/openinference-semantic-conventions)', () => {
  it('span keys', () => {
    expect(OI).toEqual({
      spanKind: SC.OPENINFERENCE_SPAN_KIND,
      sessionId: SC.SESSION_ID,
      userId: SC.USER_ID,
      tags: SC.TAG_TAGS,
      metadata: SC.METADATA,
      inputValue: SC.INPUT_VALUE,
      inputMimeType: SC.INPUT_MIME_TYPE,
      outputValue: SC.OUTPUT_VALUE,
      outputMimeType: SC.OUTPUT_MIME_TYPE,
      modelName: SC.LLM_MODEL_NAME,
      provider: SC.LLM_PROVIDER,
      system: SC.LLM_SYSTEM,
      invocationParameters: SC.LLM_INVOCATION_PARAMETERS,
      finishReason: SC.LLM_FINISH_REASON,
      tokenPrompt: SC.LLM_TOKEN_COUNT_PROMPT,
      tokenCompletion: SC.LLM_TOKEN_COUNT_COMPLETION,
      tokenTotal: SC.LLM_TOKEN_COUNT_TOTAL,
      tokenCacheRead: SC.LLM_TOKEN_COUNT_PROMPT_DETAILS_CACHE_READ,
      tokenCacheWrite: SC.LLM_TOKEN_COUNT_PROMPT_DETAILS_CACHE_WRITE,
      tokenReasoning: SC.LLM_TOKEN_COUNT_COMPLETION_DETAILS_REASONING,
      inputMessages: SC.LLM_INPUT_MESSAGES,
      outputMessages: SC.LLM_OUTPUT_MESSAGES,
      toolName: SC.TOOL_NAME,
      toolDescription: SC.TOOL_DESCRIPTION,
      toolId: 'tool.id',
      toolParameters: SC.TOOL_PARAMETERS,
      embeddingModelName: SC.EMBEDDING_MODEL_NAME,
      embeddingInvocationParameters: 'embedding.invocation_parameters',
    });
  });

  it('message, content and tool-call keys', () => {
    expect(OI_MESSAGE).toEqual({
      role: SC.MESSAGE_ROLE,
      content: SC.MESSAGE_CONTENT,
      contents: SC.MESSAGE_CONTENTS,
      name: SC.MESSAGE_NAME,
      toolCallId: SC.MESSAGE_TOOL_CALL_ID,
      toolCalls: SC.MESSAGE_TOOL_CALLS,
      finishReason: 'message.finish_reason',
    });
    expect(OI_CONTENT).toEqual({
      type: SC.MESSAGE_CONTENT_TYPE,
      text: SC.MESSAGE_CONTENT_TEXT,
      imageUrl: `${SC.MESSAGE_CONTENT_IMAGE}.${SC.IMAGE_URL}`,
    });
    expect(OI_TOOL_CALL).toEqual({
      id: SC.TOOL_CALL_ID,
      name: SC.TOOL_CALL_FUNCTION_NAME,
      arguments: SC.TOOL_CALL_FUNCTION_ARGUMENTS_JSON,
    });
  });

  it('every OpenInference span kind is a Phoenix kind', () => {
    for (const kind of Object.values(OpenInferenceSpanKind)) expect(spanKindOf(kind)).toBe(kind);
    expect(MimeType.JSON).toBe('application/json');
  });
});
