import { echoText, isRecord } from './message-text';
import { sampleFromSchema } from './sample-from-schema';

/** The requested output format, reduced to what the default reply depends on. */
export interface OutputFormat {
  type?: string;
  schema?: unknown;
}

/**
 * The default assistant text: a JSON value matching the schema when structured output is asked
 * for (so `parse` helpers succeed), `{"echo": …}` for JSON mode, else `Echo: <user text>`.
 */
export function defaultContent({
  format,
  userText,
}: {
  format: OutputFormat | undefined;
  userText: string;
}): string {
  if (format?.type === 'json_schema') return JSON.stringify(sampleFromSchema(format.schema ?? {}));
  if (format?.type === 'json_object') return JSON.stringify({ echo: echoText(userText) });
  return echoText(userText);
}

/** Reads chat's `response_format` (`{ type, json_schema: { schema } }`). */
export function chatOutputFormat(responseFormat: unknown): OutputFormat | undefined {
  if (!isRecord(responseFormat)) return undefined;
  const jsonSchema = isRecord(responseFormat.json_schema) ? responseFormat.json_schema : {};
  return { type: responseFormat.type, schema: jsonSchema.schema };
}

/** Reads the Responses API's `text.format` (`{ type, schema }`). */
export function responsesOutputFormat(text: unknown): OutputFormat | undefined {
  if (!isRecord(text) || !isRecord(text.format)) return undefined;
  return { type: text.format.type, schema: text.format.schema };
}
