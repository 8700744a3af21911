import { describe, expect, it } from 'vitest';
import { isLanguageModelCall } from './language-model-call';

describe('isLanguageModelCall', () => {
  it('is the chat operation only, whatever the span is named', () => {
    expect(isLanguageModelCall({ attributes: { 'gen_ai.operation.name': 'chat' } })).toBe(true);
    for (const operation of [
      'invoke_agent',
      'agent_step',
      'execute_tool',
      'embeddings',
      'rerank',
    ]) {
      expect(isLanguageModelCall({ attributes: { 'gen_ai.operation.name': operation } })).toBe(
        false,
      );
    }
    expect(isLanguageModelCall({})).toBe(false);
    expect(isLanguageModelCall(undefined)).toBe(false);
  });
});
