import { mockId } from './mock-ids';
import { countMockTokens } from './mock-tokens';
import type { MockToolCall } from './mock-types';

/** A scripted tool call with its id generated and its arguments serialised. */
export interface ResolvedToolCall {
  id: string;
  name: string;
  arguments: string;
}

/** Fills in ids (`call_…`) and serialises object arguments. */
export function resolveToolCalls(calls: MockToolCall[] | undefined): ResolvedToolCall[] {
  return (calls ?? []).map((call) => ({
    id: call.id ?? mockId('call_'),
    name: call.name,
    arguments: typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments),
  }));
}

/** Output tokens of tool calls: the words of their argument strings. */
export function toolCallTokens(calls: ResolvedToolCall[]): number {
  return calls.reduce((sum, call) => sum + countMockTokens(call.arguments), 0);
}
