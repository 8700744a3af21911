import { tool } from '@langchain/core/tools';
import { z } from 'zod';

/**
 * The tool the agent calls when a customer asks for a person. A stand-in for a ticketing
 * system: its run becomes a tool span that carries the session like every other span.
 */
export const escalateToHuman = tool(
  async ({ orderId, reason }) =>
    JSON.stringify({
      ticket: 'ESC-2291',
      orderId,
      queue: 'delivery-issues',
      reason,
      firstReplyWithin: '2 hours',
    }),
  {
    name: 'escalateToHuman',
    description: 'Open a ticket so a human support agent takes over the conversation.',
    schema: z.object({
      orderId: z.string().describe('The order number, e.g. A1042'),
      reason: z.string().describe('Why the customer needs a person, in a few words'),
    }),
  },
);
