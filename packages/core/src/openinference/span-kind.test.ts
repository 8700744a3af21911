import { describe, expect, it } from 'vitest';
import { deriveSpanKind } from './span-kind';

describe('deriveSpanKind', () => {
  it('maps GenAI operations, Threadline’s own values included', () => {
    const kind = (operation: string) => deriveSpanKind({ 'gen_ai.operation.name': operation }, 'x');
    expect(kind('chat')).toBe('LLM');
    expect(kind('text_completion')).toBe('LLM');
    expect(kind('embeddings')).toBe('EMBEDDING');
    expect(kind('execute_tool')).toBe('TOOL');
    expect(kind('invoke_agent')).toBe('AGENT');
    expect(kind('agent_step')).toBe('CHAIN');
    expect(kind('threadline.chain')).toBe('CHAIN');
    expect(kind('threadline.retrieve')).toBe('RETRIEVER');
    expect(kind('rerank')).toBe('RERANKER');
    expect(kind('toString')).toBeUndefined();
    expect(kind('__proto__')).toBeUndefined();
  });

  it('maps Langfuse observation types when there is no GenAI operation', () => {
    const kind = (type: string) => deriveSpanKind({ 'langfuse.observation.type': type }, 'x');
    expect(kind('generation')).toBe('LLM');
    expect(kind('embedding')).toBe('EMBEDDING');
    expect(kind('tool')).toBe('TOOL');
    expect(kind('agent')).toBe('AGENT');
    expect(kind('chain')).toBe('CHAIN');
    expect(kind('retriever')).toBe('RETRIEVER');
    expect(kind('span')).toBeUndefined();
    expect(
      deriveSpanKind(
        { 'gen_ai.operation.name': 'chat', 'langfuse.observation.type': 'chain' },
        'x',
      ),
    ).toBe('LLM');
  });

  it('maps the AI SDK’s spans by operation id, else by name', () => {
    expect(deriveSpanKind({ 'ai.operationId': 'ai.streamText' }, 'renamed')).toBe('AGENT');
    expect(deriveSpanKind({}, 'ai.streamText.doStream')).toBe('LLM');
    expect(deriveSpanKind({}, 'ai.generateObject.doGenerate')).toBe('LLM');
    expect(deriveSpanKind({}, 'ai.toolCall')).toBe('TOOL');
    expect(deriveSpanKind({}, 'ai.embed')).toBe('CHAIN');
    expect(deriveSpanKind({}, 'ai.embed.doEmbed')).toBe('EMBEDDING');
    expect(deriveSpanKind({}, 'ai.generateSpeech')).toBeUndefined();
    expect(deriveSpanKind({ 'http.request.method': 'GET' }, 'GET /')).toBeUndefined();
  });
});
