import type { IncomingHttpHeaders } from 'node:http';

/** One HTTP request as the mock server received it. */
export interface MockRequest {
  /** HTTP method, upper case (`POST`, `GET`). */
  method: string;
  /** URL path without the query string, e.g. `/v1/chat/completions`. */
  path: string;
  /** Request headers as Node parsed them (lower-case names). */
  headers: IncomingHttpHeaders;
  /** The parsed JSON body, or `undefined` when there was none or it was not valid JSON. */
  body: any;
}

/** A tool (function) call the mock model makes. */
export interface MockToolCall {
  /** Call id; generated (`call_…`) when left out. */
  id?: string;
  name: string;
  /** The arguments as a JSON string, or an object that is serialised with `JSON.stringify`. */
  arguments: string | object;
}

/** Token usage to report instead of the word counts the server computes by default. */
export interface MockUsage {
  input: number;
  /** Output tokens, reasoning tokens included (as the real API counts them). */
  output: number;
  cached?: number;
  reasoning?: number;
}

/**
 * A successful model answer. Every field is optional: `{}` is the endpoint's default reply.
 * Fields that do not apply to an endpoint are ignored (e.g. `embedding` for chat).
 */
export interface MockCompletionReply {
  /** Assistant text; default `Echo: <last user text>` (or a JSON object when JSON is asked for). */
  content?: string;
  toolCalls?: MockToolCall[];
  /** Default `tool_calls` when there are tool calls, else `stop`. */
  finishReason?: string;
  usage?: MockUsage;
  /** Model name in the response; default: the request's `model`. */
  model?: string;
  /** Embedding vector used for every input of an embeddings request. */
  embedding?: number[];
}

/** An HTTP error with an OpenAI-style error body. */
export interface MockErrorReply {
  error: { status: number; message?: string; type?: string; code?: string };
}

/**
 * A network failure. A streamed request gets `disconnectAfterChunks` SSE events and then the
 * socket is destroyed; a plain JSON request has its socket destroyed before any answer.
 */
export interface MockDisconnectReply {
  disconnectAfterChunks: number;
  content?: string;
}

/** What the server answers to one request. */
export type MockReply = MockCompletionReply | MockErrorReply | MockDisconnectReply;

/** Options of {@link startMockOpenAI}. */
export interface MockOpenAIOptions {
  /** Delay before the response head of every request (default 0). */
  latencyMs?: number;
  /** Delay between two SSE events (default 0: events still go out in separate writes). */
  chunkDelayMs?: number;
  /** Port on 127.0.0.1 (default 0: any free port). */
  port?: number;
  /** Answers requests once the `enqueue` queue is empty; default: the endpoint's default reply. */
  respond?: (request: MockRequest) => MockReply | Promise<MockReply>;
}

/** A running OpenAI-compatible server on loopback. */
export interface MockOpenAI {
  /** `http://127.0.0.1:PORT/v1`, the `baseURL` for the OpenAI SDK and its wrappers. */
  baseURL: string;
  /** `http://127.0.0.1:PORT`. */
  url: string;
  /** Every request received, in arrival order (cleared in place by `reset`). */
  requests: MockRequest[];
  /** Scripted replies, consumed in order by any endpoint before `respond` and the defaults. */
  enqueue(...replies: MockReply[]): void;
  /** Clears the recorded requests and the queue of scripted replies. */
  reset(): void;
  /** Closes the server and destroys every open socket (keep-alive ones included). */
  close(): Promise<void>;
}
