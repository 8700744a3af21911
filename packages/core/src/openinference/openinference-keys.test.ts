import {
  LLMProvider,
  LLMSystem,
  MimeType,
  OpenInferenceSpanKind,
  SemanticConventions,
} from '@arizeai/openinference-semantic-conventions';
import { describe, expect, it } from 'vitest';
import {
  OPENINFERENCE_MIME_TYPES,
  OPENINFERENCE_PROVIDERS,
  OPENINFERENCE_SPAN_ATTRIBUTES,
  OPENINFERENCE_SPAN_KINDS,
  OPENINFERENCE_SYSTEMS,
} from './openinference-keys';

describe('OpenInference names (held equal to @arizeai/openinference-semantic-conventions)', () => {
  it('each attribute key is the conventions package’s', () => {
    const theirs: Record<keyof typeof OPENINFERENCE_SPAN_ATTRIBUTES, string> = {
      SPAN_KIND: SemanticConventions.OPENINFERENCE_SPAN_KIND,
      INPUT_VALUE: SemanticConventions.INPUT_VALUE,
      INPUT_MIME_TYPE: SemanticConventions.INPUT_MIME_TYPE,
      OUTPUT_VALUE: SemanticConventions.OUTPUT_VALUE,
      OUTPUT_MIME_TYPE: SemanticConventions.OUTPUT_MIME_TYPE,
      LLM_MODEL_NAME: SemanticConventions.LLM_MODEL_NAME,
      LLM_PROVIDER: SemanticConventions.LLM_PROVIDER,
      LLM_SYSTEM: SemanticConventions.LLM_SYSTEM,
      LLM_INVOCATION_PARAMETERS: SemanticConventions.LLM_INVOCATION_PARAMETERS,
      LLM_INPUT_MESSAGES: SemanticConventions.LLM_INPUT_MESSAGES,
      LLM_OUTPUT_MESSAGES: SemanticConventions.LLM_OUTPUT_MESSAGES,
      LLM_TOKEN_COUNT_PROMPT: SemanticConventions.LLM_TOKEN_COUNT_PROMPT,
      LLM_TOKEN_COUNT_COMPLETION: SemanticConventions.LLM_TOKEN_COUNT_COMPLETION,
      LLM_TOKEN_COUNT_TOTAL: SemanticConventions.LLM_TOKEN_COUNT_TOTAL,
      LLM_TOKEN_COUNT_PROMPT_DETAILS_CACHE_READ:
        SemanticConventions.LLM_TOKEN_COUNT_PROMPT_DETAILS_CACHE_READ,
      LLM_TOKEN_COUNT_PROMPT_DETAILS_CACHE_WRITE:
        SemanticConventions.LLM_TOKEN_COUNT_PROMPT_DETAILS_CACHE_WRITE,
      LLM_TOKEN_COUNT_COMPLETION_DETAILS_REASONING:
        SemanticConventions.LLM_TOKEN_COUNT_COMPLETION_DETAILS_REASONING,
      MESSAGE_ROLE: SemanticConventions.MESSAGE_ROLE,
      MESSAGE_CONTENT: SemanticConventions.MESSAGE_CONTENT,
      MESSAGE_TOOL_CALLS: SemanticConventions.MESSAGE_TOOL_CALLS,
      MESSAGE_TOOL_CALL_ID: SemanticConventions.MESSAGE_TOOL_CALL_ID,
      TOOL_CALL_ID: SemanticConventions.TOOL_CALL_ID,
      TOOL_CALL_FUNCTION_NAME: SemanticConventions.TOOL_CALL_FUNCTION_NAME,
      TOOL_CALL_FUNCTION_ARGUMENTS_JSON: SemanticConventions.TOOL_CALL_FUNCTION_ARGUMENTS_JSON,
      TOOL_NAME: SemanticConventions.TOOL_NAME,
      TOOL_DESCRIPTION: SemanticConventions.TOOL_DESCRIPTION,
      TOOL_PARAMETERS: SemanticConventions.TOOL_PARAMETERS,
      EMBEDDING_MODEL_NAME: SemanticConventions.EMBEDDING_MODEL_NAME,
      EMBEDDING_EMBEDDINGS: SemanticConventions.EMBEDDING_EMBEDDINGS,
      EMBEDDING_TEXT: SemanticConventions.EMBEDDING_TEXT,
      AGENT_NAME: SemanticConventions.AGENT_NAME,
      PROMPT_VENDOR: SemanticConventions.PROMPT_VENDOR,
      PROMPT_ID: SemanticConventions.PROMPT_ID,
      LLM_PROMPT_TEMPLATE_VERSION: SemanticConventions.PROMPT_TEMPLATE_VERSION,
    };
    expect(OPENINFERENCE_SPAN_ATTRIBUTES).toEqual(theirs);
  });

  it('span kinds, mime types, providers and systems are values the package defines', () => {
    for (const kind of Object.values(OPENINFERENCE_SPAN_KINDS)) {
      expect(Object.values(OpenInferenceSpanKind)).toContain(kind);
    }
    expect(OPENINFERENCE_MIME_TYPES).toEqual({ TEXT: MimeType.TEXT, JSON: MimeType.JSON });
    for (const provider of Object.values(OPENINFERENCE_PROVIDERS)) {
      expect(Object.values(LLMProvider)).toContain(provider);
    }
    for (const system of Object.values(OPENINFERENCE_SYSTEMS)) {
      expect(Object.values(LLMSystem)).toContain(system);
    }
  });
});
