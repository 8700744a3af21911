import { awaitAllCallbacks } from '@langchain/core/callbacks/promises';
import { AIMessage, type BaseMessage, HumanMessage, SystemMessage } from '@langchain/core/messages';
import { RunnableLambda } from '@langchain/core/runnables';
import { ChatOpenAI } from '@langchain/openai';
import { ThreadlineCallbackHandler } from '@threadline/langchain';
import { escalateToHuman } from './escalate-to-human';

/** A message of the conversation so far, as the next turn sends it back to the model. */
export interface ChatMessage {
  role: 'user' | 'assistant';
  content: string;
}

/** Options of {@link runLangChainTurn}. */
export interface LangChainTurnOptions {
  /** The customer's message. */
  question: string;
  /** Earlier turns of the conversation, oldest first. */
  history?: readonly ChatMessage[];
  /** OpenAI-compatible base URL; default: the OpenAI API. */
  baseURL?: string;
  apiKey: string;
  model?: string;
}

/** What a turn produced. */
export interface LangChainTurnResult {
  answer: string;
  /** Names of the tools the agent called, in order. */
  toolCalls: string[];
}

const SYSTEM_PROMPT =
  'You are the support assistant of Acme Parcels. When a customer asks for a person, call ' +
  'escalateToHuman, then tell them the ticket number. Answer in one or two short sentences.';

const MAX_STEPS = 4;

/**
 * One support-chat turn through a LangChain tool-calling agent: the model decides to call
 * `escalateToHuman`, the tool runs, the model answers. `ThreadlineCallbackHandler` turns each
 * run (agent, model calls, tool) into a span; the session and user come from the caller's
 * Threadline scope and reach every run, even though LangChain reports them in the background.
 */
export async function runLangChainTurn({
  question,
  history = [],
  baseURL,
  apiKey,
  model = 'gpt-4o-mini',
}: LangChainTurnOptions): Promise<LangChainTurnResult> {
  const llm = new ChatOpenAI({ model, apiKey, configuration: { baseURL } }).bindTools([
    escalateToHuman,
  ]);
  const toolCalls: string[] = [];

  // The agent loop as one runnable, so its model and tool runs nest under one agent run.
  const agent = RunnableLambda.from(async (messages: BaseMessage[], config) => {
    for (let step = 0; step < MAX_STEPS; step++) {
      const reply = await llm.invoke(messages, config);
      messages = [...messages, reply];
      if (!reply.tool_calls?.length) return reply;
      for (const call of reply.tool_calls) {
        toolCalls.push(call.name);
        messages = [...messages, await escalateToHuman.invoke(call, config)];
      }
    }
    return new AIMessage('I could not finish that; a colleague will follow up.');
  }).withConfig({ runName: 'support-agent' });

  const reply = await agent.invoke(
    [
      new SystemMessage(SYSTEM_PROMPT),
      ...history.map((m) =>
        m.role === 'user' ? new HumanMessage(m.content) : new AIMessage(m.content),
      ),
      new HumanMessage(question),
    ],
    // agentNames: this run is an agent (an `agent` observation), not a plain chain.
    { callbacks: [new ThreadlineCallbackHandler({ agentNames: ['support-agent'] })] },
  );
  // LangChain reports runs in the background by default: let the last reports (and so the span
  // ends) land before the caller flushes its exporter.
  await awaitAllCallbacks();
  return { answer: reply.text, toolCalls };
}
