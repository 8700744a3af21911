import { tool } from 'ai';
import { z } from 'zod';

/** What the carrier reports about a parcel. */
export interface Shipment {
  orderId: string;
  carrier: string;
  status: string;
  reason: string;
  location: string;
  expectedDelivery: string;
}

/**
 * The tool the model calls to find out why an order is late. A stand-in for a carrier API:
 * the tool call becomes an `ai.toolCall` span that carries the session like every other span.
 */
export const lookupShipment = tool({
  description: "Look up an order's shipment with the carrier: status, location and delay reason.",
  inputSchema: z.object({ orderId: z.string().describe('The order number, e.g. A1042') }),
  execute: async ({ orderId }): Promise<Shipment> => ({
    orderId,
    carrier: 'ParcelNet',
    status: 'held',
    reason: 'storm damage closed the Leeds sorting hub for two days',
    location: 'Leeds depot',
    expectedDelivery: 'Monday',
  }),
});
