import { toBoundedJson } from '@threadline/core/adapter';
import { toolDefinitionsOf } from './tool-definitions';

/** The last tools seen and their JSON: one entry is enough for the usual case. */
let last: { readonly tools: readonly string[]; readonly json: string | undefined } | undefined;

function sameStrings(a: readonly string[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function allStrings(values: readonly unknown[]): values is readonly string[] {
  for (const value of values) if (typeof value !== 'string') return false;
  return true;
}

/**
 * `gen_ai.tool.definitions` for a model call's `ai.prompt.tools` (see {@link toolDefinitionsOf}),
 * as bounded JSON; undefined when there are none. Never throws.
 *
 * Why the cache: an application offers the same tools to every step of a tool loop and to call
 * after call, and the SDK records them anew each time. The result depends on those strings
 * alone (tool definitions are not content, no mask applies), so equal strings reuse it rather
 * than parse every schema again.
 */
export function toolDefinitionsJson(tools: unknown): string | undefined {
  if (!Array.isArray(tools)) return undefined;
  const seen = last;
  if (seen !== undefined && sameStrings(seen.tools, tools)) return seen.json;
  const definitions = toolDefinitionsOf(tools);
  const json = definitions ? toBoundedJson(definitions, { masked: true }) : undefined;
  if (allStrings(tools)) last = { tools: [...tools], json };
  return json;
}
