import { describe, expect, it } from 'vitest';
import { observationPrompt } from './resolve-observation';

describe('observationPrompt (docs/contract.md#backends prompt)', () => {
  it('reads the observation keys first, then the older keys, then the AI SDK metadata', () => {
    expect(
      observationPrompt({
        'langfuse.observation.prompt.name': 'a',
        'langfuse.observation.prompt.version': 2,
        'langfuse.prompt.name': 'b',
        'langfuse.prompt.version': 3,
      }),
    ).toEqual({ name: 'a', version: 2 });
    expect(
      observationPrompt({ 'langfuse.prompt.name': 'b', 'langfuse.prompt.version': 3 }),
    ).toEqual({ name: 'b', version: 3 });
    expect(
      observationPrompt({
        'ai.telemetry.metadata.langfusePrompt': JSON.stringify({ name: 'c', version: 4 }),
      }),
    ).toEqual({ name: 'c', version: 4 });
  });

  it('links nothing without a name or without an integer version', () => {
    expect(observationPrompt({})).toBeUndefined();
    expect(observationPrompt({ 'langfuse.observation.prompt.name': 'a' })).toBeUndefined();
    expect(
      observationPrompt({
        'langfuse.observation.prompt.name': 'a',
        'langfuse.observation.prompt.version': '2',
      }),
    ).toBeUndefined();
    expect(
      observationPrompt({
        'langfuse.observation.prompt.name': '',
        'langfuse.observation.prompt.version': 2,
      }),
    ).toBeUndefined();
    expect(
      observationPrompt({ 'ai.telemetry.metadata.langfusePrompt': 'not json' }),
    ).toBeUndefined();
  });
});
