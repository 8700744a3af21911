import { trace } from '@opentelemetry/api';
import type { MockReply } from '@threadline/testing';
import { tool } from 'ai';
import { z } from 'zod';

/** A tool whose own work is a span of the application (`weather-lookup`). */
export const weather = tool({
  description: 'Current weather of a city',
  inputSchema: z.object({ city: z.string() }),
  execute: async ({ city }) => {
    trace.getTracer('app').startActiveSpan('weather-lookup', (span) => span.end());
    return { city, temperature: 21 };
  },
});

/** Two model calls: two `weather` calls at once, then the answer. */
export const WEATHER_LOOP: MockReply[] = [
  {
    toolCalls: [
      { name: 'weather', arguments: { city: 'Paris' } },
      { name: 'weather', arguments: { city: 'Lyon' } },
    ],
  },
  { content: 'Sunny in both.' },
];

/** The spans of that loop: the operation, two steps of a model call each, and the tools. */
export const WEATHER_LOOP_SPANS = [
  'chat gpt-4o-mini',
  'chat gpt-4o-mini',
  'execute_tool weather',
  'execute_tool weather',
  'invoke_agent gpt-4o-mini',
  'step 1',
  'step 2',
  'weather-lookup',
  'weather-lookup',
];
