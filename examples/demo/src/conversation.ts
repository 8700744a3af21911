import { type OnInvalid, propagateAttributes } from '@threadline/core';
import { runAISDKTurn } from '@threadline-examples/ai-sdk-chat';
import { runLangChainTurn } from '@threadline-examples/langchain-agent';
import { type ChatMessage, runOpenAITurn } from '@threadline-examples/openai-chat';
import { askGateway } from './ask-gateway';

/** The e-mail address turn 4 tries to use as a user id. It must reach no span. */
export const CUSTOMER_EMAIL = 'jane.doe@example.com';

/** How to reach the model. */
export interface ModelOptions {
  baseURL?: string;
  apiKey: string;
  model: string;
}

/** One finished turn. */
export interface Turn {
  /** Which framework made it. */
  via: string;
  question: string;
  answer: string;
  toolCalls: string[];
}

/** Options of {@link runConversation}. */
export interface ConversationOptions {
  sessionId: string;
  userId: string;
  model: ModelOptions;
  gatewayUrl: string;
  /** Told when Threadline refuses a value (field, reason, length: never the value). */
  onInvalid: OnInvalid;
  /** Called after each turn, e.g. to show progress. */
  onTurn?: (turn: Turn, n: number) => void;
}

/**
 * The support conversation: four turns of one user in one session, each made by a different
 * framework. One outer scope names the session and the user once; each turn's inner scope adds
 * only its trace name. Nothing is passed to the adapters: the scope reaches them all.
 */
export function runConversation({
  sessionId,
  userId,
  model,
  gatewayUrl,
  onInvalid,
  onTurn,
}: ConversationOptions): Promise<Turn[]> {
  const turns: Turn[] = [];
  const history: ChatMessage[] = [];
  const done = (via: string, question: string, answer: string, toolCalls: string[] = []) => {
    const turn = { via, question, answer, toolCalls };
    turns.push(turn);
    history.push({ role: 'user', content: question }, { role: 'assistant', content: answer });
    onTurn?.(turn, turns.length);
  };
  const scope = {
    sessionId,
    userId,
    tags: ['support'],
    metadata: { channel: 'web', tier: 'gold' },
  };

  return propagateAttributes(scope, async () => {
    // Turn 1: the OpenAI SDK, wrapped with observeOpenAI.
    const q1 = 'Hi, where is my order #A1042?';
    const t1 = await propagateAttributes({ traceName: 'order-status' }, () =>
      runOpenAITurn({ ...model, question: q1, history }),
    );
    done('OpenAI SDK', q1, t1.answer);

    // Turn 2: the Vercel AI SDK with a tool loop (lookupShipment), telemetry().
    const q2 = "It's Friday and it still hasn't come. Why is it late?";
    const t2 = await propagateAttributes({ traceName: 'shipment-delay' }, () =>
      runAISDKTurn({ ...model, question: q2, history }),
    );
    done('Vercel AI SDK', q2, t2.answer, t2.toolCalls);

    // Turn 3: a LangChain agent with a tool (escalateToHuman), ThreadlineCallbackHandler.
    const q3 = 'That is not good enough. I want to talk to a person.';
    const t3 = await propagateAttributes({ traceName: 'escalation' }, () =>
      runLangChainTurn({ ...model, question: q3, history }),
    );
    done('LangChain agent', q3, t3.answer, t3.toolCalls);

    // Turn 4: across services (web app → gateway → agent service, W3C baggage). Here someone
    // passes the customer's e-mail address as the user id. With sensitive: 'drop' Threadline
    // refuses it: no span gets it, and the turn keeps the pseudonymous user of the outer scope.
    const q4 = "I'm away next week. Could the courier leave it with my neighbour?";
    const a4 = await propagateAttributes(
      { traceName: 'delivery-note', userId: CUSTOMER_EMAIL, sensitive: 'drop', onInvalid },
      () => askGateway({ gatewayUrl, sessionId, userId, question: q4 }),
    );
    done('gateway → agent service', q4, a4);
    return turns;
  });
}
