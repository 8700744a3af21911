import type { Attributes } from '@opentelemetry/api';
import { toBoundedJson } from '@threadline/core/adapter';
import { GEN_AI_CONTENT_ATTRIBUTES as GEN_AI } from './content-keys';
import { genAiPromptOf } from './prompt-messages';
import { toolDefinitionsJson } from './tool-definitions-json';

/**
 * The start attributes of an ai 5/6 model call with the GenAI content keys the SDK does not
 * write, derived from those it does: `gen_ai.input.messages` and `gen_ai.system_instructions`
 * from `ai.prompt.messages`, `gen_ai.tool.definitions` from `ai.prompt.tools`. The SDK records
 * those only when recording inputs is on, so with it off nothing is added. Returns
 * `attributes` itself when there is nothing to add. Never throws.
 */
export function withGenAiInput(attributes: Attributes): Attributes {
  const prompt = genAiPromptOf(attributes['ai.prompt.messages']);
  const tools = toolDefinitionsJson(attributes['ai.prompt.tools']);
  if (!prompt && tools === undefined) return attributes;
  const out: Attributes = { ...attributes };
  if (prompt && prompt.messages.length > 0 && out[GEN_AI.INPUT_MESSAGES] === undefined) {
    const json = toBoundedJson(prompt.messages, { masked: true });
    if (json !== undefined) out[GEN_AI.INPUT_MESSAGES] = json;
  }
  if (prompt && prompt.systemInstructions.length > 0) {
    const json = toBoundedJson(prompt.systemInstructions, { masked: true });
    if (json !== undefined) out[GEN_AI.SYSTEM_INSTRUCTIONS] ??= json;
  }
  if (tools !== undefined) out[GEN_AI.TOOL_DEFINITIONS] ??= tools;
  return out;
}
