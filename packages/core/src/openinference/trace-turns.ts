import { cutText } from './bounded-text';

/** Traces remembered at once; the oldest is forgotten first. */
export const MAX_REMEMBERED_TRACES = 256;
/** Characters at most remembered of a question or an answer. */
export const MAX_REMEMBERED_CHARS = 8192;

interface Turn {
  question?: string;
  answer?: string;
}

/**
 * The user's question and the model's answer of each trace in flight, remembered from the spans
 * that end inside it, for its root span: Phoenix lists a session's first input and last output
 * from root spans, and a root such as an HTTP request span carries no content of its own. The
 * first question and the last answer win. Bounded: the oldest trace is forgotten when full.
 */
export class TraceTurns {
  private readonly turns = new Map<string, Turn>();

  /** Remembers what a span that is not a root said, if anything. */
  remember(traceId: string, question: string | undefined, answer: string | undefined): void {
    if (question === undefined && answer === undefined) return;
    let turn = this.turns.get(traceId);
    if (!turn) {
      if (this.turns.size >= MAX_REMEMBERED_TRACES) {
        this.turns.delete(this.turns.keys().next().value as string);
      }
      turn = {};
      this.turns.set(traceId, turn);
    }
    if (question !== undefined && turn.question === undefined) {
      turn.question = cutText(question, MAX_REMEMBERED_CHARS);
    }
    if (answer !== undefined) turn.answer = cutText(answer, MAX_REMEMBERED_CHARS);
  }

  /** What the trace's spans said, forgotten as it is handed to the ending root. */
  take(traceId: string): Turn | undefined {
    const turn = this.turns.get(traceId);
    if (turn) this.turns.delete(traceId);
    return turn;
  }

  clear(): void {
    this.turns.clear();
  }
}
