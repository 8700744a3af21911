import { OPENINFERENCE_PROVIDERS as P, OPENINFERENCE_SYSTEMS as S } from './openinference-keys';

/** OpenInference's `llm.provider` and, where it names one, `llm.system`. */
export interface ProviderNames {
  readonly provider: string;
  readonly system?: string;
}

/**
 * Leading segments of GenAI provider names (`gcp.vertex_ai`, `azure.ai.openai`) and AI SDK
 * provider ids (`openai.chat`, `google.vertex.chat`, `amazon-bedrock`), longest first.
 */
const PREFIXES: ReadonlyArray<readonly [string, ProviderNames]> = [
  ['azure.ai.openai', { provider: P.AZURE, system: S.OPENAI }],
  ['azure-openai', { provider: P.AZURE, system: S.OPENAI }],
  ['gcp.vertex_ai', { provider: P.GOOGLE, system: S.VERTEXAI }],
  ['google.vertex', { provider: P.GOOGLE, system: S.VERTEXAI }],
  ['google-vertex', { provider: P.GOOGLE, system: S.VERTEXAI }],
  ['vertex', { provider: P.GOOGLE, system: S.VERTEXAI }],
  ['openai', { provider: P.OPENAI, system: S.OPENAI }],
  ['anthropic', { provider: P.ANTHROPIC, system: S.ANTHROPIC }],
  ['mistral_ai', { provider: P.MISTRALAI, system: S.MISTRALAI }],
  ['mistral', { provider: P.MISTRALAI, system: S.MISTRALAI }],
  ['cohere', { provider: P.COHERE, system: S.COHERE }],
  ['azure', { provider: P.AZURE }],
  ['gcp', { provider: P.GOOGLE }],
  ['google', { provider: P.GOOGLE }],
  ['aws', { provider: P.AWS }],
  ['amazon-bedrock', { provider: P.AWS }],
  ['bedrock', { provider: P.AWS }],
  ['x_ai', { provider: P.XAI }],
  ['xai', { provider: P.XAI }],
  ['deepseek', { provider: P.DEEPSEEK }],
  ['groq', { provider: P.GROQ }],
  ['fireworks', { provider: P.FIREWORKS }],
  ['cerebras', { provider: P.CEREBRAS }],
  ['perplexity', { provider: P.PERPLEXITY }],
  ['togetherai', { provider: P.TOGETHER }],
  ['together', { provider: P.TOGETHER }],
  ['ollama', { provider: P.OLLAMA }],
];

/**
 * OpenInference's provider (and system) for a GenAI `gen_ai.provider.name` or an AI SDK
 * `ai.model.provider`. A name OpenInference does not list passes as it is, lower-cased.
 */
export function toProviderNames(name: string): ProviderNames {
  const lower = name.toLowerCase();
  for (const [prefix, names] of PREFIXES) {
    if (lower === prefix) return names;
    if (lower.startsWith(prefix)) {
      const next = lower.charAt(prefix.length);
      if (next === '.' || next === '-' || next === '_') return names;
    }
  }
  return { provider: lower };
}
