import { isRecord } from './genai-message';

type ToolDefinition = Record<string, unknown> & { type: string; name: string };

function definitionOf(json: unknown): ToolDefinition | undefined {
  if (typeof json !== 'string') return undefined;
  let tool: unknown;
  try {
    tool = JSON.parse(json);
  } catch {
    return undefined;
  }
  if (!isRecord(tool) || typeof tool.name !== 'string') return undefined;
  if (tool.type === 'function') {
    const definition: ToolDefinition = { type: 'function', name: tool.name };
    if (typeof tool.description === 'string') definition.description = tool.description;
    if (isRecord(tool.inputSchema)) definition.parameters = tool.inputSchema;
    return definition;
  }
  // A provider's own tool (web search, code execution): its arguments may hold credentials
  // (an MCP server's headers), so only its kind and name are written.
  return { type: 'extension', name: tool.name };
}

/**
 * The tools a model call offered (`ai.prompt.tools`: one JSON string per tool, as ai 5 and 6
 * record them) as the GenAI conventions' tool definitions (`type`, `name`, `description`,
 * `parameters`), or undefined when there are none. Never throws.
 */
export function toolDefinitionsOf(tools: unknown): ToolDefinition[] | undefined {
  if (!Array.isArray(tools)) return undefined;
  const definitions: ToolDefinition[] = [];
  for (const json of tools) {
    const definition = definitionOf(json);
    if (definition) definitions.push(definition);
  }
  return definitions.length > 0 ? definitions : undefined;
}
