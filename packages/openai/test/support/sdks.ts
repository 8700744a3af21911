import OpenAI from 'openai';
import OpenAIv5 from 'openai-v5';

/**
 * Both supported majors. v5 is typed as v6: only its runtime is under test, and the calls the
 * tests make have the same shape in both.
 */
export const SDKS = [
  ['openai 6', OpenAI],
  ['openai 5', OpenAIv5 as unknown as typeof OpenAI],
] as const;

/** A client of `SDK` against a loopback server, without retries (errors arrive at once). */
export function clientOf(SDK: typeof OpenAI, baseURL: string): OpenAI {
  return new SDK({ baseURL, apiKey: 'sk-test-not-a-real-key', maxRetries: 0 });
}
