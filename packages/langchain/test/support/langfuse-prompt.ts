/** What a managed prompt looks like to these tests. */
export interface PromptShape {
  name: string;
  version: number;
  isFallback?: boolean;
}

/**
 * An object shaped like the chat prompt client that Langfuse's `getPrompt` returns (name,
 * version, the prompt itself, config, labels, a `compile()` method and a `toJSON()` that gives a
 * JSON string), as applications put it into run metadata. `@langfuse/client` is not a dependency
 * of these tests: only the shape matters to the handler.
 */
export class LangfusePromptClient {
  readonly type = 'chat';
  readonly prompt = [
    { role: 'system', content: 'You answer questions about {{topic}}.' },
    { role: 'user', content: '{{question}}' },
  ];
  readonly config = { model: 'gpt-4o-mini', temperature: 0 };
  readonly labels = ['production'];
  readonly tags: string[] = [];
  readonly commitMessage = null;
  readonly name: string;
  readonly version: number;
  readonly isFallback: boolean;

  constructor({ name, version, isFallback = false }: PromptShape) {
    this.name = name;
    this.version = version;
    this.isFallback = isFallback;
  }

  compile(variables: Record<string, string>) {
    return this.prompt.map((message) => ({
      ...message,
      content: message.content.replace(/\{\{(\w+)\}\}/g, (_, key: string) => variables[key] ?? ''),
    }));
  }

  toJSON(): string {
    return JSON.stringify({
      name: this.name,
      prompt: this.prompt,
      version: this.version,
      isFallback: this.isFallback,
      tags: this.tags,
      labels: this.labels,
      type: this.type,
      config: this.config,
    });
  }
}

/** A Langfuse-shaped prompt client for `name` and `version`. */
export function langfusePromptClient(shape: PromptShape): LangfusePromptClient {
  return new LangfusePromptClient(shape);
}
