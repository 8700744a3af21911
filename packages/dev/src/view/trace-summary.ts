import type { LangfuseObservation, LangfuseTrace, LangfuseUser } from '@threadline/read-model';
import type { Pricing } from '../prices/pricing';
import { assistantTurnText, userTurnText } from './conversation-text';

/** Token counts summed over model calls. */
export interface TokenTotals {
  input: number;
  output: number;
  total: number;
}

/** Cost summed over observations whose model has a price. */
export interface CostTotal {
  /** USD; 0 when nothing was priced. */
  usd: number;
  /** Whether any observation had a price. */
  priced: boolean;
  /** Models that used tokens but have no price. */
  unpricedModels: string[];
}

/**
 * One user's figures within one trace: traces, observations and errors per observation as
 * Langfuse counts them; tokens and cost over that user's model calls only.
 */
export interface TraceUserFigures extends LangfuseUser {
  cost: CostTotal;
}

/** What the lists need of a trace, kept in memory so lists never re-read spans. */
export interface TraceSummary {
  id: string;
  name: string;
  sessionId?: string;
  userId?: string;
  tags: string[];
  environment: string;
  release?: string;
  version?: string;
  /** Milliseconds since the epoch. */
  start: number;
  end: number;
  observations: number;
  tokens: TokenTotals;
  cost: CostTotal;
  /** Observations at level ERROR. */
  errors: number;
  users: TraceUserFigures[];
  /** The start of the user's message, for search and previews. */
  preview?: string;
  /** The start of the assistant's answer. */
  answerPreview?: string;
}

const PREVIEW_CHARS = 240;

const MODEL_CALL_TYPES: ReadonlySet<string> = new Set(['generation', 'embedding']);

/**
 * Whether an observation is a model call (a generation or an embedding). Totals count these
 * only, as Langfuse does: a parent span that repeats its calls' usage (the AI SDK's
 * `ai.generateText` with `ai.usage.*`) would count them twice.
 */
export function isModelCall(observation: LangfuseObservation): boolean {
  return MODEL_CALL_TYPES.has(observation.type);
}

/** Tokens of the model calls among `observations` that `select` keeps. */
export function modelCallTokens(
  observations: readonly LangfuseObservation[],
  select: (o: LangfuseObservation) => boolean = () => true,
): TokenTotals {
  const tokens: TokenTotals = { input: 0, output: 0, total: 0 };
  for (const observation of observations) {
    if (!isModelCall(observation) || !select(observation)) continue;
    tokens.input += observation.usage.input ?? 0;
    tokens.output += observation.usage.output ?? 0;
    tokens.total += observation.usage.total ?? 0;
  }
  return tokens;
}

function preview(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > PREVIEW_CHARS ? `${flat.slice(0, PREVIEW_CHARS)}…` : flat;
}

/** An empty cost, to add to. */
export function noCost(): CostTotal {
  return { usd: 0, priced: false, unpricedModels: [] };
}

/** Adds `more` into `into`. */
export function addCost(into: CostTotal, more: CostTotal): CostTotal {
  into.usd += more.usd;
  into.priced ||= more.priced;
  for (const model of more.unpricedModels) {
    if (!into.unpricedModels.includes(model)) into.unpricedModels.push(model);
  }
  return into;
}

/** Cost of the model calls of a trace that `select` keeps. */
export function traceCost(
  trace: LangfuseTrace,
  prices: Pricing,
  select: (o: LangfuseObservation) => boolean = () => true,
): CostTotal {
  const total = noCost();
  for (const observation of trace.observations) {
    if (!isModelCall(observation) || !select(observation)) continue;
    const cost = prices.costOf(observation);
    if (cost !== undefined) {
      total.usd += cost;
      total.priced = true;
    } else if (observation.model && (observation.usage.total ?? 0) > 0) {
      addCost(total, { usd: 0, priced: false, unpricedModels: [observation.model] });
    }
  }
  return total;
}

/**
 * Summarises one resolved trace. `users` are `resolveLangfuse`'s figures for this trace alone;
 * summed over traces they equal its figures over all spans, since a user's counts are per
 * observation.
 */
export function summarizeTrace(
  trace: LangfuseTrace,
  users: readonly LangfuseUser[],
  prices: Pricing,
): TraceSummary {
  const tokens = modelCallTokens(trace.observations);
  let errors = 0;
  let end = trace.timestamp;
  for (const observation of trace.observations) {
    if (observation.level === 'ERROR') errors += 1;
    if (Number.isFinite(observation.endTime)) end = Math.max(end, observation.endTime);
  }
  const userPreview = preview(userTurnText(trace));
  const answerPreview = preview(assistantTurnText(trace));
  return {
    id: trace.id,
    name: trace.name,
    ...(trace.sessionId !== undefined ? { sessionId: trace.sessionId } : {}),
    ...(trace.userId !== undefined ? { userId: trace.userId } : {}),
    tags: trace.tags,
    environment: trace.environment,
    ...(trace.release !== undefined ? { release: trace.release } : {}),
    ...(trace.version !== undefined ? { version: trace.version } : {}),
    start: trace.timestamp,
    end,
    observations: trace.observations.length,
    tokens,
    cost: traceCost(trace, prices),
    errors,
    users: users.map((user) => {
      const own = (o: LangfuseObservation) => o.userId === user.id;
      const userTokens = modelCallTokens(trace.observations, own);
      return {
        ...user,
        inputTokens: userTokens.input,
        outputTokens: userTokens.output,
        totalTokens: userTokens.total,
        cost: traceCost(trace, prices, own),
      };
    }),
    ...(userPreview !== undefined ? { preview: userPreview } : {}),
    ...(answerPreview !== undefined ? { answerPreview } : {}),
  };
}
