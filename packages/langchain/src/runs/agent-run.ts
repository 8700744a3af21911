/** What decides whether a chain run is an agent run. */
export interface AgentRunFacts {
  name: string;
  /** Tags the run has that its parent does not. */
  ownTags: readonly string[];
  metadata: Record<string, unknown> | undefined;
  /** Run names the handler treats as agents. */
  agentNames: ReadonlySet<string>;
}

/** The tag that marks a run as an agent (`runnable.withConfig({ tags: ['agent'] })`). */
export const AGENT_TAG = 'agent';

/**
 * Whether a chain run is an agent (`invoke_agent`, docs/contract.md#adapter-spans): its name is one of the configured
 * agent names (`AgentExecutor` by default), it is the graph that LangChain's `createAgent`
 * names in `lc_agent_name`, or it carries the `agent` tag itself (an inherited tag does not
 * make every step of an agent an agent). Classic agents are also recognised later, when they
 * report an agent action.
 */
export function isAgentRun({ name, ownTags, metadata, agentNames }: AgentRunFacts): boolean {
  if (agentNames.has(name)) return true;
  if (metadata !== undefined && metadata.lc_agent_name === name) return true;
  return ownTags.includes(AGENT_TAG);
}
