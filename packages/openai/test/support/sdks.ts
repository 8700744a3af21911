import OpenAI from 'openai';
import { VERSION } from 'openai/version';
import OpenAIv5 from 'openai-v5';
import { VERSION as V5_VERSION } from 'openai-v5/version';

/** A major of the SDK under test: its label (with the version actually loaded), class, major. */
export type Sdk = readonly [name: string, SDK: typeof OpenAI, major: number];

function sdk(version: string, SDK: unknown): Sdk {
  return [`openai ${version}`, SDK as typeof OpenAI, Number(version.split('.')[0])];
}

/**
 * The majors under test. In the `openai` project: `openai` (6) and `openai-v5`. The openai-7
 * compat project resolves both names to its openai 7, which is then listed once. v5 is typed as
 * the current one: only its runtime is under test, and the calls the tests make have the same
 * shape in every major.
 */
export const SDKS: readonly Sdk[] =
  (OpenAIv5 as unknown) === OpenAI
    ? [sdk(VERSION, OpenAI)]
    : [sdk(VERSION, OpenAI), sdk(V5_VERSION, OpenAIv5)];

/** A client of `SDK` against a loopback server, without retries (errors arrive at once). */
export function clientOf(SDK: typeof OpenAI, baseURL: string): OpenAI {
  return new SDK({ baseURL, apiKey: 'sk-test-not-a-real-key', maxRetries: 0 });
}
