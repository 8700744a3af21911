import type { Usage } from '@pydantic/genai-prices';
import type { LangfuseUsage } from '@threadline/read-model';

/*
 * The same count goes by several names in the usage the read model yields: Threadline's
 * vocabulary in `langfuse.observation.usage_details` (core's USAGE_DETAIL_KEYS), the names
 * Langfuse's own integrations write there, and the names the read model gives the GenAI
 * semantic conventions' `gen_ai.usage.cache_read.input_tokens` and
 * `gen_ai.usage.reasoning.output_tokens`. First name present wins.
 */
const CACHE_READ = ['input_cached_tokens', 'input_cache_read', 'cache_read_input_tokens'];
const CACHE_WRITE = [
  'input_cache_creation_tokens',
  'input_cache_creation',
  'cache_creation_input_tokens',
];
const REASONING = ['output_reasoning_tokens', 'output_reasoning', 'reasoning_output_tokens'];

/** The only keys a usage read from `gen_ai.usage.*`, `ai.usage.*` or `llm.token_count.*` has. */
const CONVENTION_KEYS: ReadonlySet<string> = new Set([
  'input',
  'output',
  'total',
  'cache_read_input_tokens',
  'reasoning_output_tokens',
]);

function first(usage: LangfuseUsage, names: readonly string[]): number {
  for (const name of names) {
    const n = usage[name];
    if (n !== undefined) return n;
  }
  return 0;
}

function sumOf(usage: LangfuseUsage, part: string): number {
  let sum = 0;
  for (const [key, n] of Object.entries(usage)) {
    if (key !== 'total' && key.includes(part) && n !== undefined) sum += n;
  }
  return sum;
}

/**
 * Whether the detail counts are listed apart from `input` and `output` (Langfuse's usage
 * details: every usage type whose name contains `input` adds to the input, so Threadline's
 * adapters write `input` without the cached part) rather than inside them (the GenAI semantic
 * conventions: `gen_ai.usage.input_tokens` counts cached tokens too). A key only usage details
 * have says the first; else a `total` above input + output does.
 */
function detailsApart(usage: LangfuseUsage): boolean {
  if (Object.keys(usage).some((key) => !CONVENTION_KEYS.has(key))) return true;
  return usage.total !== undefined && usage.total > (usage.input ?? 0) + (usage.output ?? 0);
}

/**
 * One observation's usage as `@pydantic/genai-prices` counts it: `input_tokens` and
 * `output_tokens` are all input and output tokens, and `cache_read_tokens`,
 * `cache_write_tokens` and `output_reasoning_tokens` the parts of them with their own price.
 * Undefined without an input or output count.
 */
export function pricedUsage(usage: LangfuseUsage): Usage | undefined {
  if (usage.input === undefined && usage.output === undefined) return undefined;
  const cacheRead = first(usage, CACHE_READ);
  const cacheWrite = first(usage, CACHE_WRITE);
  const reasoning = first(usage, REASONING);
  const apart = detailsApart(usage);
  let input = apart ? sumOf(usage, 'input') : (usage.input ?? 0);
  let output = apart ? sumOf(usage, 'output') : (usage.output ?? 0);
  // Parts larger than their whole were counted apart (as Anthropic reports input), whatever
  // the keys said; genai-prices would refuse them.
  if (cacheRead + cacheWrite > input) input += cacheRead + cacheWrite;
  if (reasoning > output) output += reasoning;
  return {
    input_tokens: input,
    output_tokens: output,
    ...(cacheRead > 0 ? { cache_read_tokens: cacheRead } : {}),
    ...(cacheWrite > 0 ? { cache_write_tokens: cacheWrite } : {}),
    ...(reasoning > 0 ? { output_reasoning_tokens: reasoning } : {}),
  };
}
