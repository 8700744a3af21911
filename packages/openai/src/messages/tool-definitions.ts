import { isRecord, stringOr } from '../operations/values';

/** A tool as the conventions define it: `type` and `name`, then description and parameters. */
function definition(
  type: string,
  name: unknown,
  description: unknown,
  parameters: unknown,
): Record<string, unknown> {
  const out: Record<string, unknown> = { type, name: typeof name === 'string' ? name : type };
  if (typeof description === 'string') out.description = description;
  if (isRecord(parameters)) out.parameters = parameters;
  return out;
}

/**
 * A request's `tools` (chat: `{type, function: {…}}`; Responses API: `{type, name, …}`, or a
 * built-in tool such as `web_search`) and the legacy chat `functions`, as
 * `gen_ai.tool.definitions`; undefined when the request names no tool.
 */
export function toolDefinitions(
  tools: unknown,
  functions?: unknown,
): Record<string, unknown>[] | undefined {
  const out: Record<string, unknown>[] = [];
  if (Array.isArray(tools)) {
    for (const tool of tools) {
      if (!isRecord(tool)) continue;
      const type = stringOr(tool.type) ?? 'function';
      const spec = isRecord(tool.function)
        ? tool.function
        : isRecord(tool.custom)
          ? tool.custom
          : tool;
      // A built-in tool has no name of its own: an MCP server its label, the others their type.
      const name = spec.name ?? tool.server_label;
      out.push(definition(type, name, spec.description, spec.parameters));
    }
  }
  if (Array.isArray(functions)) {
    for (const fn of functions) {
      if (isRecord(fn)) out.push(definition('function', fn.name, fn.description, fn.parameters));
    }
  }
  return out.length > 0 ? out : undefined;
}
