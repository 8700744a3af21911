/**
 * The loopback OpenAI-compatible server of the benchmark, in its own process so that its work
 * is not counted as the client's. Sends its baseURL to the parent, stops when the parent goes.
 */
import { startMockOpenAI } from '@threadline/testing';

// 24 words: a stream of 24 content chunks plus role, finish and usage chunks.
const CONTENT = Array.from({ length: 24 }, (_, i) => `word${i}`).join(' ');

const mock = await startMockOpenAI({ respond: () => ({ content: CONTENT }) });
// The server keeps every request for tests; the benchmark does not need them.
setInterval(() => mock.requests.splice(0), 1000).unref();
process.send?.({ baseURL: mock.baseURL });
process.on('disconnect', () => {
  void mock.close().then(() => process.exit(0));
});
