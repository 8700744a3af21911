import { describe, expect, it } from 'vitest';
import { toProviderNames } from './provider-name';

describe('toProviderNames', () => {
  it('maps GenAI provider names to OpenInference providers and systems', () => {
    expect(toProviderNames('openai')).toEqual({ provider: 'openai', system: 'openai' });
    expect(toProviderNames('azure.ai.openai')).toEqual({ provider: 'azure', system: 'openai' });
    expect(toProviderNames('azure.ai.inference')).toEqual({ provider: 'azure' });
    expect(toProviderNames('gcp.vertex_ai')).toEqual({ provider: 'google', system: 'vertexai' });
    expect(toProviderNames('gcp.gemini')).toEqual({ provider: 'google' });
    expect(toProviderNames('aws.bedrock')).toEqual({ provider: 'aws' });
    expect(toProviderNames('mistral_ai')).toEqual({ provider: 'mistralai', system: 'mistralai' });
    expect(toProviderNames('x_ai')).toEqual({ provider: 'xai' });
  });

  it('maps AI SDK provider ids', () => {
    expect(toProviderNames('openai.chat')).toEqual({ provider: 'openai', system: 'openai' });
    expect(toProviderNames('openai.responses').provider).toBe('openai');
    expect(toProviderNames('anthropic.messages')).toEqual({
      provider: 'anthropic',
      system: 'anthropic',
    });
    expect(toProviderNames('google.vertex.chat')).toEqual({
      provider: 'google',
      system: 'vertexai',
    });
    expect(toProviderNames('google.generative-ai')).toEqual({ provider: 'google' });
    expect(toProviderNames('amazon-bedrock')).toEqual({ provider: 'aws' });
    expect(toProviderNames('xai.chat')).toEqual({ provider: 'xai' });
  });

  it('passes an unknown name lower-cased, and does not match a longer word', () => {
    expect(toProviderNames('MyGateway')).toEqual({ provider: 'mygateway' });
    expect(toProviderNames('openaiish')).toEqual({ provider: 'openaiish' });
  });
});
