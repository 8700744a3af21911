import { cutString, type Plain, toPlain } from '../content/to-plain';

/** One entry of `gen_ai.tool.definitions`. */
export interface GenAiToolDefinition {
  type: string;
  name: string;
  description?: string;
  parameters?: Plain;
}

type Bag = Record<string, unknown>;

function isBag(value: unknown): value is Bag {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function functionTool(name: unknown, description: unknown, parameters: unknown) {
  if (typeof name !== 'string' || !name) return undefined;
  const tool: GenAiToolDefinition = { type: 'function', name };
  if (typeof description === 'string' && description) tool.description = cutString(description);
  if (isBag(parameters)) tool.parameters = toPlain(parameters);
  return tool;
}

/**
 * One tool as the integration sends it: OpenAI Chat Completions (`{ type: 'function',
 * function: { name, description, parameters } }`), the Responses API (`{ type: 'function',
 * name, … }`), Anthropic (`{ name, description, input_schema }`), Google
 * (`{ functionDeclarations: […] }`); other tool types (custom tools, a provider's built-in
 * `{ type: 'web_search' }`) keep their type and their name, else are named after the type.
 */
function definitionsOf(tool: unknown, out: GenAiToolDefinition[]): void {
  if (!isBag(tool)) return;
  const declarations = tool.functionDeclarations ?? tool.function_declarations;
  if (Array.isArray(declarations)) {
    for (const declaration of declarations) {
      if (!isBag(declaration)) continue;
      const found = functionTool(
        declaration.name,
        declaration.description,
        declaration.parameters ?? declaration.parametersJsonSchema,
      );
      if (found) out.push(found);
    }
    return;
  }
  const type = tool.type;
  if (type === undefined || type === 'function') {
    const fn = isBag(tool.function) ? tool.function : undefined;
    const found = fn
      ? functionTool(fn.name, fn.description, fn.parameters)
      : functionTool(tool.name, tool.description, tool.parameters ?? tool.input_schema);
    if (found) out.push(found);
    return;
  }
  if (typeof type === 'string' && type) {
    // Other tool types keep their details under their own key (`{ type: 'custom', custom: {…} }`).
    const own = isBag(tool[type]) ? (tool[type] as Bag).name : undefined;
    const name = [tool.name, own].find((n): n is string => typeof n === 'string' && n !== '');
    out.push({ type, name: name ?? type });
  }
}

/**
 * `gen_ai.tool.definitions` of a model call: the tools in the integration's invocation params
 * (what it sends to the provider), with name, description and parameter schema. Undefined when
 * the call has none.
 */
export function toolDefinitions(invocationParams: unknown): GenAiToolDefinition[] | undefined {
  const tools = isBag(invocationParams) ? invocationParams.tools : undefined;
  if (!Array.isArray(tools) || tools.length === 0) return undefined;
  const out: GenAiToolDefinition[] = [];
  for (const tool of tools) definitionsOf(tool, out);
  return out.length > 0 ? out : undefined;
}
