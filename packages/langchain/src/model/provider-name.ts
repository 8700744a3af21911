/**
 * LangChain's `ls_provider` values whose provider has a well-known `gen_ai.provider.name` of
 * its own in the GenAI semantic conventions.
 */
const GEN_AI_PROVIDERS: Readonly<Record<string, string>> = {
  azure: 'azure.ai.openai',
  azure_openai: 'azure.ai.openai',
  amazon_bedrock: 'aws.bedrock',
  bedrock: 'aws.bedrock',
  google_genai: 'gcp.gemini',
  google_vertexai: 'gcp.vertex_ai',
  mistral: 'mistral_ai',
  mistralai: 'mistral_ai',
  xai: 'x_ai',
  watsonx: 'ibm.watsonx.ai',
};

/**
 * `gen_ai.provider.name` for a LangChain provider: the conventions' name where they have one
 * (`google_genai` → `gcp.gemini`, `mistral` → `mistral_ai`, …), else LangChain's own, which
 * already matches for `openai`, `anthropic`, `groq`, `cohere`, `deepseek` and others.
 */
export function genAiProviderName(lsProvider: string): string {
  return GEN_AI_PROVIDERS[lsProvider] ?? lsProvider;
}
