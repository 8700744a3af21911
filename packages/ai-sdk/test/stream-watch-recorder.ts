import type { StreamWatch } from '../src/stream-watch';

/** A stream watch that writes down what it was told, for tests of the stream watching. */
export function recorder(): { events: string[]; watch: StreamWatch } {
  const events: string[] = [];
  const watch: StreamWatch = {
    streamFailed: (error) => events.push(`failed: ${(error as Error).message}`),
    streamErrorPart: (error) => events.push(`error part: ${(error as Error).message}`),
  };
  return { events, watch };
}
