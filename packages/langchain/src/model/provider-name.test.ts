import { describe, expect, it } from 'vitest';
import { genAiProviderName } from './provider-name';

describe('genAiProviderName', () => {
  it('uses the conventions’ well-known names, else LangChain’s', () => {
    expect(
      ['openai', 'anthropic', 'google_genai', 'google_vertexai', 'mistral', 'azure', 'ollama'].map(
        genAiProviderName,
      ),
    ).toEqual([
      'openai',
      'anthropic',
      'gcp.gemini',
      'gcp.vertex_ai',
      'mistral_ai',
      'azure.ai.openai',
      'ollama',
    ]);
  });
});
