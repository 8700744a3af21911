import OpenAI, { AzureOpenAI } from 'openai';
import { describe, expect, it } from 'vitest';
import { clientAttributes } from './client-info';

describe('clientAttributes', () => {
  it('names the provider and server of a client, once per client', () => {
    const client = new OpenAI({ apiKey: 'k', baseURL: 'http://127.0.0.1:8080/v1' });
    const attributes = clientAttributes(client);
    expect(attributes).toEqual({
      'gen_ai.provider.name': 'openai',
      'server.address': '127.0.0.1',
      'server.port': 8080,
    });
    expect(clientAttributes(client)).toBe(attributes);
    expect(clientAttributes(new OpenAI({ apiKey: 'k' }))).toMatchObject({
      'server.address': 'api.openai.com',
      'server.port': 443,
    });
  });

  it('knows Azure OpenAI by its client class', () => {
    const azure = new AzureOpenAI({
      apiKey: 'k',
      endpoint: 'https://contoso.openai.azure.com',
      apiVersion: '2024-10-21',
    });
    expect(clientAttributes(azure)).toMatchObject({
      'gen_ai.provider.name': 'azure.ai.openai',
      'server.address': 'contoso.openai.azure.com',
    });
  });
});
