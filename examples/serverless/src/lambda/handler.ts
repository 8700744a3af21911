import { propagateAttributes } from '@threadline/core';
import { registerThreadline } from '@threadline/core/node';
import { answerTicket, type TicketEvent, type TicketReply } from './answer-ticket';

// Once per cold start. Batched export (the default): ended spans wait in memory for the next
// batch, which is sent every few seconds, or when forceFlush() is called.
export const threadline = registerThreadline({ serviceName: 'support-lambda' });

/** The function's entry point (AWS Lambda's Node.js handler shape). */
export const handler = async (event: TicketEvent): Promise<TicketReply> => {
  try {
    return await propagateAttributes(
      { sessionId: event.sessionId, userId: event.userId, tags: ['lambda'] },
      () => answerTicket(event),
    );
  } finally {
    // The runtime freezes the instance once this promise settles: spans still in memory would
    // wait for the next invocation, or go down with the instance. A failed export must not
    // fail the invocation, so it is only logged.
    await threadline
      .forceFlush()
      .catch((error: unknown) => console.warn('support-lambda: spans not exported', error));
  }
};
