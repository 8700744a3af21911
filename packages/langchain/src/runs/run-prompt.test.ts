import { DiagLogLevel, diag } from '@opentelemetry/api';
import { afterEach, describe, expect, it } from 'vitest';
import { metadataPrompt, type RunPromptState, readPrompt, runPrompt } from './run-prompt';

const linkOf = (prompt: ReturnType<typeof readPrompt>) =>
  prompt === null ? null : prompt?.prompt && `${prompt.prompt.name}@${prompt.prompt.version}`;

describe('readPrompt (docs/contract.md#fields)', () => {
  afterEach(() => diag.disable());

  it('keeps name and version of a prompt client, or of the JSON string its toJSON() gives', () => {
    const client = {
      name: 'support',
      version: 3,
      isFallback: false,
      prompt: 'You are {{role}}',
      config: { temperature: 0 },
      compile: () => 'You are a helper',
    };
    expect(readPrompt(client)?.prompt).toStrictEqual({ name: 'support', version: 3 });
    expect(readPrompt(JSON.stringify(client))?.prompt).toStrictEqual({
      name: 'support',
      version: 3,
    });
  });

  it('reads the same object or string once: the same attributes come back', () => {
    const client = { name: 'support', version: 3 };
    expect(readPrompt(client)).toBe(readPrompt(client));
    const json = JSON.stringify({ name: 'support', version: 4 });
    expect(readPrompt(json)).toBe(readPrompt(json));
  });

  it('a fallback prompt is null (it links nothing); nothing given is undefined', () => {
    expect(readPrompt({ name: 'support', version: 1, isFallback: true })).toBeNull();
    expect(readPrompt(JSON.stringify({ name: 'x', version: 1, isFallback: true }))).toBeNull();
    expect(readPrompt(undefined)).toBeUndefined();
    expect(readPrompt(null)).toBeUndefined();
  });

  it('what is no prompt is undefined and reported, never thrown', () => {
    const warnings: string[] = [];
    diag.setLogger(
      {
        warn: (message: string) => warnings.push(message),
        error: () => {},
        info: () => {},
        debug: () => {},
        verbose: () => {},
      },
      DiagLogLevel.WARN,
    );
    const hostile = {
      get isFallback(): boolean {
        throw new Error('no');
      },
      get name(): string {
        throw new Error('no');
      },
    };
    for (const bad of ['not json', '"a string"', 7, Symbol('p'), { name: 'x' }, hostile]) {
      expect(readPrompt(bad)).toBeUndefined();
    }
    expect(readPrompt({ name: 'x', version: 1.5 })).toBeUndefined();
    expect(warnings.length).toBeGreaterThan(0);
    for (const warning of warnings) expect(warning).not.toContain('not json');
  });
});

describe('metadataPrompt', () => {
  it('takes langfusePrompt, else langfuse_prompt; other metadata says nothing', () => {
    expect(
      linkOf(
        metadataPrompt({
          langfusePrompt: { name: 'a', version: 1 },
          langfuse_prompt: { name: 'b', version: 2 },
        }),
      ),
    ).toBe('a@1');
    expect(
      linkOf(metadataPrompt({ langfusePrompt: null, langfuse_prompt: { name: 'b', version: 2 } })),
    ).toBe('b@2');
    expect(metadataPrompt({ ls_provider: 'openai' })).toBeUndefined();
    expect(metadataPrompt(undefined)).toBeUndefined();
  });
});

describe('runPrompt: own metadata, inherited metadata and siblings', () => {
  const a = readPrompt({ name: 'a', version: 1 });
  const b = readPrompt({ name: 'b', version: 2 });

  it('a root run uses what its metadata says', () => {
    expect(linkOf(runPrompt(a, undefined))).toBe('a@1');
    expect(runPrompt(undefined, undefined)).toBeUndefined();
  });

  it('an own prompt wins and is remembered on the parent for the runs started after it', () => {
    const parent: RunPromptState = { metadataPrompt: undefined, prompt: undefined };
    expect(runPrompt(undefined, parent)).toBeUndefined();
    expect(linkOf(runPrompt(a, parent))).toBe('a@1');
    expect(linkOf(runPrompt(undefined, parent))).toBe('a@1');
    expect(linkOf(runPrompt(b, parent))).toBe('b@2');
    expect(linkOf(runPrompt(undefined, parent))).toBe('b@2');
    expect(runPrompt(null, parent)).toBeNull();
    expect(runPrompt(undefined, parent)).toBeNull();
  });

  it('metadata equal to the parent’s is inherited: it yields to what a sibling announced', () => {
    const parent: RunPromptState = { metadataPrompt: a, prompt: a };
    // An equal prompt read from another object is the same prompt.
    const sameAsParent = readPrompt(JSON.stringify({ name: 'a', version: 1 }));
    expect(linkOf(runPrompt(sameAsParent, parent))).toBe('a@1');
    expect(parent.prompt).toBe(a);
    expect(linkOf(runPrompt(b, parent))).toBe('b@2');
    expect(linkOf(runPrompt(a, parent))).toBe('b@2');
  });
});
