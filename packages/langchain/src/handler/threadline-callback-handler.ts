import type { AgentAction, AgentFinish } from '@langchain/core/agents';
import { BaseCallbackHandler, type NewTokenIndices } from '@langchain/core/callbacks/base';
import type { DocumentInterface } from '@langchain/core/documents';
import type { Serialized } from '@langchain/core/load/serializable';
import type { BaseMessage } from '@langchain/core/messages';
import type { LLMResult } from '@langchain/core/outputs';
import type { ChainValues } from '@langchain/core/utils/types';
import {
  type Attributes,
  type Context,
  context,
  diag,
  type Span,
  SpanKind,
  type Tracer,
  trace,
} from '@opentelemetry/api';
import type { ResolvedAttributes } from '@threadline/core';
import {
  contextWithExplicitAttributes,
  END_REASONS,
  type EndReason,
  GEN_AI_ATTRIBUTES,
  GEN_AI_OPERATIONS,
  getSpanAttributes,
  isContentCaptureEnabled,
  LANGFUSE_OBSERVATION_ATTRIBUTES,
  type ObservationType,
  recordSpanError,
  safely,
  setPromptLink,
  THREADLINE_SPAN_ATTRIBUTES,
} from '@threadline/core/adapter';
import { setToolArguments, setToolResult } from '../content/tool-content';
import { GEN_AI_EXTRA_ATTRIBUTES } from '../gen-ai-keys';
import { setModelInput } from '../model/model-input';
import { modelRequestAttributes, readModelRequest } from '../model/model-request';
import { setModelResponse } from '../model/model-response';
import { isAgentRun } from '../runs/agent-run';
import {
  GRAPH_CALLBACK_HANDLER,
  type GraphInterruptEvent,
  type GraphResumeEvent,
  recordInterrupt,
  recordResume,
} from '../runs/graph-lifecycle';
import { HIDDEN_TAG, ownTags } from '../runs/langchain-tags';
import { errorName, isGraphBubbleUp } from '../runs/run-error';
import { RunExplicitAttributes } from '../runs/run-explicit';
import { runName } from '../runs/run-name';
import { metadataPrompt, type RunPrompt, readPrompt, runPrompt } from '../runs/run-prompt';
import { type EvictionReason, type RunRecord, RunRegistry, touch } from '../runs/run-registry';
import { PACKAGE_NAME, PACKAGE_VERSION } from '../version';
import type { ThreadlineCallbackHandlerOptions } from './handler-options';
import { setSpanContent } from './span-content';

type Metadata = Record<string, unknown> | undefined;

/** The context a run's children start from, made when the first child asks for it. */
function childContextOf(record: RunRecord): Context {
  if (record.childContext === undefined) {
    record.childContext = record.span
      ? trace.setSpan(record.startContext, record.span)
      : record.startContext;
  }
  return record.childContext;
}

const DEFAULT_MAX_OPEN_RUNS = 10_000;
const DEFAULT_MAX_RUN_AGE_MS = 3_600_000;

const { TYPE, INPUT, OUTPUT, COMPLETION_START_TIME, STATUS_MESSAGE } =
  LANGFUSE_OBSERVATION_ATTRIBUTES;

/** `gen_ai.operation.name` per observation type. */
const OPERATIONS: Readonly<Record<ObservationType, string>> = {
  generation: GEN_AI_OPERATIONS.CHAT,
  embedding: GEN_AI_OPERATIONS.EMBEDDINGS,
  tool: GEN_AI_OPERATIONS.EXECUTE_TOOL,
  agent: GEN_AI_OPERATIONS.INVOKE_AGENT,
  chain: GEN_AI_OPERATIONS.CHAIN,
  retriever: GEN_AI_OPERATIONS.RETRIEVE,
  span: GEN_AI_OPERATIONS.CHAIN,
};

/** What a run start needs beyond its type-specific attributes. */
interface RunStart {
  runId: string;
  parentRunId: string | undefined;
  name: string;
  type: ObservationType;
  kind: SpanKind;
  attributes: Attributes;
  tags: string[] | undefined;
  metadata: Metadata;
  /** A run LangChain marks hidden: no span, its children attach to its parent. */
  hidden?: boolean;
  /** The run's input, recorded when content capture is on and the span is recording. */
  input?: unknown;
  /** Writes more of the input (a model's GenAI messages, a tool's arguments), likewise. */
  writeInput?: (span: Span) => void;
}

/**
 * A LangChain callback handler that makes one OpenTelemetry span per run (chains and graph
 * nodes, agents, chat models and LLMs, tools, retrievers) and puts the Threadline session,
 * user and the rest on every one of them.
 *
 * Parent and child come from `parentRunId`; a root run nests under the span that is active
 * where the run was started, and its context (with the caller's `propagateAttributes` scope)
 * is captured then and passed down to every child run. Run metadata `session_id`,
 * `thread_id`, `user_id`, `langfuse_tags` and the others of docs/contract.md#framework-values count as explicit.
 * A managed prompt (`prompt` option, a scope's `prompt`, or run metadata `langfusePrompt` as
 * Langfuse's prompt templates carry it) links the generation spans that used it.
 *
 * The handler asks LangChain to await it (`awaitHandlers`): its work is synchronous and small,
 * and only then does LangChain call it inside the caller's async context. In LangChain's
 * default background mode a handler runs later, from a shared queue, in whatever context the
 * previous callback left, so a root run could not tell whose scope it belongs to. Other
 * handlers stay in the background. Callbacks never throw into the application.
 *
 * With LangGraph 1.7+ the handler also hears when a graph pauses at an interrupt and when it
 * resumes, and marks the graph's span with the interrupt ids and checkpoint.
 *
 * @example
 * const handler = new ThreadlineCallbackHandler({ userId: 'u-7' });
 * await propagateAttributes({ sessionId: 'conv-42' }, () =>
 *   chain.invoke({ question }, { callbacks: [handler] }),
 * );
 */
export class ThreadlineCallbackHandler extends BaseCallbackHandler {
  /** LangChain's handler name; configure hooks add a handler only once per name. */
  name = 'ThreadlineCallbackHandler';
  override awaitHandlers = true;
  /** Asks LangGraph 1.7+ for its interrupt and resume events (`handleInterrupt`, `handleResume`). */
  readonly [GRAPH_CALLBACK_HANDLER] = true;

  private readonly options: ThreadlineCallbackHandlerOptions;
  private readonly tracer: Tracer;
  private readonly captureContent: boolean;
  private readonly agentNames: ReadonlySet<string>;
  private readonly includeHiddenRuns: boolean;
  private readonly explicit: RunExplicitAttributes;
  /** The options' prompt; `null` for a fallback one, which links nothing (not even a scope's). */
  private readonly optionPrompt: RunPrompt;
  private readonly runs: RunRegistry;

  constructor({
    captureContent,
    tracerProvider,
    agentNames = ['AgentExecutor'],
    includeHiddenRuns = false,
    maxOpenRuns = DEFAULT_MAX_OPEN_RUNS,
    maxRunAgeMs = DEFAULT_MAX_RUN_AGE_MS,
    ...attributes
  }: ThreadlineCallbackHandlerOptions = {}) {
    super({ _awaitHandler: true });
    this.options = {
      captureContent,
      tracerProvider,
      agentNames,
      includeHiddenRuns,
      maxOpenRuns,
      maxRunAgeMs,
      ...attributes,
    };
    this.awaitHandlers = true;
    this.tracer = (tracerProvider ?? trace.getTracerProvider()).getTracer(
      PACKAGE_NAME,
      PACKAGE_VERSION,
    );
    this.captureContent = isContentCaptureEnabled(captureContent);
    this.agentNames = new Set(Array.isArray(agentNames) ? agentNames : []);
    this.includeHiddenRuns = includeHiddenRuns === true;
    this.explicit = new RunExplicitAttributes(attributes);
    this.optionPrompt = readPrompt(attributes.prompt);
    // A bad bound falls back to the default rather than disabling eviction or evicting all.
    this.runs = new RunRegistry({
      maxOpenRuns:
        Number.isFinite(maxOpenRuns) && maxOpenRuns > 0 ? maxOpenRuns : DEFAULT_MAX_OPEN_RUNS,
      maxRunAgeMs:
        typeof maxRunAgeMs === 'number' && !Number.isNaN(maxRunAgeMs)
          ? maxRunAgeMs
          : DEFAULT_MAX_RUN_AGE_MS,
      onEvict: (record, reason) => this.evict(record, reason),
    });
  }

  /** Runs whose span is still open (for diagnostics and leak checks). */
  get openRuns(): number {
    return this.runs.size;
  }

  /** A handler with the same options and no open runs. */
  override copy(): ThreadlineCallbackHandler {
    return new ThreadlineCallbackHandler(this.options);
  }

  // Chains, graph nodes and agents. LangChain calls this with (chain, inputs, runId,
  // parentRunId, tags, metadata, runType, runName, extra) in 0.3 and 1.x alike, although 1.x
  // declares a different order; the order that runs is the one used here.
  override handleChainStart(
    chain: Serialized,
    inputs: ChainValues,
    runId: string,
    parentRunId?: string,
    tags?: string[],
    metadata?: Record<string, unknown>,
    _runType?: string,
    name?: string,
    extra?: Record<string, unknown>,
  ): void {
    safely('langchain handleChainStart', () => {
      const chainName = runName(chain, name, 'chain');
      const parent = parentRunId === undefined ? undefined : this.runs.get(parentRunId);
      const own = ownTags(tags, parent?.tags);
      const agent = isAgentRun({
        name: chainName,
        ownTags: own,
        metadata,
        agentNames: this.agentNames,
      });
      const type: ObservationType = agent ? 'agent' : 'chain';
      const defersInputs = extra?.lc_defers_inputs === true;
      const attributes: Attributes = {};
      if (agent) attributes[GEN_AI_ATTRIBUTES.AGENT_NAME] = chainName;
      this.start({
        runId,
        parentRunId,
        name: chainName,
        type,
        kind: SpanKind.INTERNAL,
        attributes,
        tags,
        metadata,
        hidden: !this.includeHiddenRuns && !agent && tags?.includes(HIDDEN_TAG) === true,
        input: defersInputs ? undefined : inputs,
      });
    });
  }

  override handleChainEnd(
    outputs: ChainValues,
    runId: string,
    _parentRunId?: string,
    _tags?: string[],
    kwargs?: { inputs?: Record<string, unknown> },
  ): void {
    safely('langchain handleChainEnd', () => {
      this.finish(runId, (span) => {
        if (!this.captureContent) return;
        // Streamed transforms (a parser after a model) report their input only at the end:
        // 1.x says so at the start (lc_defers_inputs), 0.3 starts them with a placeholder.
        if (kwargs?.inputs !== undefined) setSpanContent(span, INPUT, kwargs.inputs);
        setSpanContent(span, OUTPUT, outputs);
      });
    });
  }

  override handleChainError(err: unknown, runId: string): void {
    safely('langchain handleChainError', () => this.fail(runId, err));
  }

  // Classic agents (AgentExecutor and custom ones) report their actions on their own run.
  override handleAgentAction(_action: AgentAction, runId: string): void {
    safely('langchain handleAgentAction', () => this.markAgent(runId));
  }

  override handleAgentEnd(_action: AgentFinish, runId: string): void {
    safely('langchain handleAgentEnd', () => this.markAgent(runId));
  }

  override handleChatModelStart(
    llm: Serialized,
    messages: BaseMessage[][],
    runId: string,
    parentRunId?: string,
    extraParams?: Record<string, unknown>,
    tags?: string[],
    metadata?: Record<string, unknown>,
    name?: string,
  ): void {
    safely('langchain handleChatModelStart', () => {
      // The callback manager starts one run per message list.
      const input = messages.length === 1 ? messages[0] : messages;
      this.startModel(
        llm,
        input,
        GEN_AI_OPERATIONS.CHAT,
        runId,
        parentRunId,
        extraParams,
        tags,
        metadata,
        name,
      );
    });
  }

  override handleLLMStart(
    llm: Serialized,
    prompts: string[],
    runId: string,
    parentRunId?: string,
    extraParams?: Record<string, unknown>,
    tags?: string[],
    metadata?: Record<string, unknown>,
    name?: string,
  ): void {
    safely('langchain handleLLMStart', () => {
      const input = prompts.length === 1 ? prompts[0] : prompts;
      // Chat models reach this method only when a handler lacks handleChatModelStart; the
      // metadata still says which kind of model it is.
      const operation =
        metadata?.ls_model_type === 'chat'
          ? GEN_AI_OPERATIONS.CHAT
          : GEN_AI_OPERATIONS.TEXT_COMPLETION;
      this.startModel(llm, input, operation, runId, parentRunId, extraParams, tags, metadata, name);
    });
  }

  override handleLLMNewToken(_token: string, _idx: NewTokenIndices, runId: string): void {
    safely('langchain handleLLMNewToken', () => {
      const record = this.runs.get(runId);
      if (!record?.span) return;
      touch(record, this.runs.now());
      if (record.sawToken) return;
      record.sawToken = true;
      record.span.setAttribute(COMPLETION_START_TIME, new Date().toISOString());
    });
  }

  override handleLLMEnd(output: LLMResult, runId: string): void {
    safely('langchain handleLLMEnd', () => {
      this.finish(runId, (span) => setModelResponse(span, output, this.captureContent));
    });
  }

  override handleLLMError(err: unknown, runId: string): void {
    safely('langchain handleLLMError', () => this.fail(runId, err));
  }

  override handleToolStart(
    tool: Serialized,
    input: string,
    runId: string,
    parentRunId?: string,
    tags?: string[],
    metadata?: Record<string, unknown>,
    name?: string,
    toolCallId?: string,
  ): void {
    safely('langchain handleToolStart', () => {
      const toolName = runName(tool, name, 'tool');
      const attributes: Attributes = {
        [GEN_AI_ATTRIBUTES.TOOL_NAME]: toolName,
        [GEN_AI_EXTRA_ATTRIBUTES.TOOL_TYPE]: 'function',
      };
      // 1.x passes the tool call id; 0.3 does not (it is read from the ToolMessage at the end).
      if (typeof toolCallId === 'string' && toolCallId) {
        attributes[GEN_AI_ATTRIBUTES.TOOL_CALL_ID] = toolCallId;
      }
      const record = this.start({
        runId,
        parentRunId,
        name: toolName,
        type: 'tool',
        kind: SpanKind.INTERNAL,
        attributes,
        tags,
        metadata,
        input,
        writeInput: (span) => setToolArguments(span, input),
      });
      if (record && attributes[GEN_AI_ATTRIBUTES.TOOL_CALL_ID] !== undefined) {
        record.toolCallId = true;
      }
    });
  }

  override handleToolEnd(output: unknown, runId: string): void {
    safely('langchain handleToolEnd', () => {
      this.finish(runId, (span, record) => {
        const callId = (output as { tool_call_id?: unknown } | null)?.tool_call_id;
        if (typeof callId === 'string' && callId && !record.toolCallId) {
          span.setAttribute(GEN_AI_ATTRIBUTES.TOOL_CALL_ID, callId);
        }
        if (!this.captureContent) return;
        // A tool called with a tool call returns a ToolMessage: its content is the output.
        const content =
          typeof output === 'object' && output !== null && 'content' in output && callId
            ? (output as { content: unknown }).content
            : output;
        setSpanContent(span, OUTPUT, content);
        setToolResult(span, content);
      });
    });
  }

  override handleToolError(err: unknown, runId: string): void {
    safely('langchain handleToolError', () => this.fail(runId, err));
  }

  override handleRetrieverStart(
    retriever: Serialized,
    query: string,
    runId: string,
    parentRunId?: string,
    tags?: string[],
    metadata?: Record<string, unknown>,
    name?: string,
  ): void {
    safely('langchain handleRetrieverStart', () => {
      this.start({
        runId,
        parentRunId,
        name: runName(retriever, name, 'retriever'),
        type: 'retriever',
        kind: SpanKind.INTERNAL,
        attributes: {},
        tags,
        metadata,
        input: query,
      });
    });
  }

  override handleRetrieverEnd(documents: DocumentInterface[], runId: string): void {
    safely('langchain handleRetrieverEnd', () => {
      this.finish(runId, (span) => {
        if (this.captureContent) setSpanContent(span, OUTPUT, documents);
      });
    });
  }

  override handleRetrieverError(err: unknown, runId: string): void {
    safely('langchain handleRetrieverError', () => this.fail(runId, err));
  }

  /**
   * LangGraph 1.7+: the graph paused at interrupts. Called before the graph run's own end, with
   * the graph's run id.
   */
  handleInterrupt(event: GraphInterruptEvent): void {
    safely('langchain handleInterrupt', () => {
      const span = this.liveSpan(event?.runId);
      if (span) recordInterrupt(span, event);
    });
  }

  /** LangGraph 1.7+: a graph (or a subgraph) continues from a checkpoint. */
  handleResume(event: GraphResumeEvent): void {
    safely('langchain handleResume', () => {
      const span = this.liveSpan(event?.runId);
      if (span) recordResume(span, event);
    });
  }

  private startModel(
    llm: Serialized,
    input: unknown,
    operation: string,
    runId: string,
    parentRunId: string | undefined,
    extraParams: Record<string, unknown> | undefined,
    tags: string[] | undefined,
    metadata: Metadata,
    name: string | undefined,
  ): void {
    const attributes: Attributes = { [GEN_AI_ATTRIBUTES.OPERATION_NAME]: operation };
    modelRequestAttributes(
      readModelRequest(extraParams, metadata, llm as { kwargs?: unknown }),
      attributes,
    );
    this.start({
      runId,
      parentRunId,
      name: runName(llm, name, 'model'),
      type: 'generation',
      kind: SpanKind.CLIENT,
      attributes,
      tags,
      metadata,
      input,
      writeInput: (span) => setModelInput(span, input, extraParams?.invocation_params),
    });
  }

  /**
   * Starts a run's span under its parent run, or, for a root run, under the context active
   * now (the caller's, since LangChain awaits this handler), and registers the run.
   */
  private start(run: RunStart): RunRecord | undefined {
    // The same handler listed twice gets every callback twice (LangChain before 1.4 calls each
    // listing; 1.4 lists a handler once): it is the same run, and keeps its one span.
    const open = this.runs.get(run.runId);
    if (open) return open;
    const parent = run.parentRunId === undefined ? undefined : this.runs.get(run.parentRunId);
    // A root run (or one whose parent this handler never saw, or evicted) starts from the
    // caller's context; every descendant starts from the context captured here.
    const base = parent ? childContextOf(parent) : context.active();
    const fromMetadata = metadataPrompt(run.metadata);
    const prompt = runPrompt(fromMetadata, parent);
    if (run.hidden) {
      // Its children start on its parent's context, whose frame holds the parent's explicit values.
      return this.register(run, parent, undefined, base, parent?.explicit, fromMetadata, prompt);
    }
    const explicit = this.explicit.forRun(run.metadata, parent ? undefined : run.tags);
    const attributes = run.attributes;
    attributes[TYPE] = run.type;
    attributes[GEN_AI_ATTRIBUTES.OPERATION_NAME] ??= OPERATIONS[run.type];
    // LangChain copies run metadata to every child run, so a child's explicit values are
    // usually its parent's very object: merged over the parent's frame they would give the same
    // values again, so the child starts on that frame (and the processor's cached resolution).
    const startContext =
      parent !== undefined && parent.explicit === explicit
        ? base
        : contextWithExplicitAttributes(base, explicit);
    const span = this.tracer.startSpan(run.name, { kind: run.kind, attributes }, startContext);
    // Content and the conversation id are worked out only for spans that will be exported.
    if (span.isRecording()) {
      if (run.type === 'generation' || run.type === 'agent') {
        const resolved = getSpanAttributes(span, startContext);
        if (resolved.sessionId !== undefined) {
          span.setAttribute(GEN_AI_ATTRIBUTES.CONVERSATION_ID, resolved.sessionId);
        }
        // Only generations link a prompt: a chain that contains a model call used none itself.
        // Run metadata outranks the options, which outrank scopes (docs/contract.md#precedence);
        // a fallback prompt links nothing (docs/contract.md#fields).
        if (run.type === 'generation') {
          const link = prompt !== undefined ? prompt : this.optionPrompt;
          if (link !== null) setPromptLink(span, link ?? resolved);
        }
      }
      if (this.captureContent) {
        if (run.input !== undefined) setSpanContent(span, INPUT, run.input);
        if (run.writeInput) safely('langchain run input', () => run.writeInput!(span));
      }
    }
    return this.register(run, parent, span, startContext, explicit, fromMetadata, prompt);
  }

  /** Registers a started run (a hidden one has no span) and marks its parent as alive. */
  private register(
    run: RunStart,
    parent: RunRecord | undefined,
    span: Span | undefined,
    startContext: Context,
    explicit: ResolvedAttributes | undefined,
    metadataPrompt: RunPrompt,
    prompt: RunPrompt,
  ): RunRecord {
    // Taken after the span started, so an eviction at this time never ends it before its start.
    const startedAt = this.runs.now();
    touch(parent, startedAt);
    const record: RunRecord = {
      runId: run.runId,
      span,
      childContext: span ? undefined : startContext,
      startContext,
      explicit,
      type: run.type,
      name: run.name,
      tags: run.tags,
      startedAt,
      lastActivity: startedAt,
      parent,
      metadataPrompt,
      prompt,
    };
    this.runs.add(run.runId, record);
    if (parent) {
      parent.children ??= new Set();
      parent.children.add(record);
    }
    return record;
  }

  /** Ends a run's span after `update` wrote its results; a run ends at most once. */
  private finish(runId: string, update?: (span: Span, record: RunRecord) => void): void {
    const record = this.runs.take(runId);
    if (!record) return;
    touch(record.parent, this.runs.now());
    this.detach(record);
    this.endOpenDescendants(record);
    const span = record.span;
    if (!span) return;
    if (update && span.isRecording()) safely('langchain span update', () => update(span, record));
    span.end();
  }

  /** Ends a run's span as failed; LangGraph's interrupts and hand-offs are not failures. */
  private fail(runId: string, error: unknown): void {
    this.finish(runId, (span) => {
      if (isGraphBubbleUp(error)) {
        span.setAttribute(STATUS_MESSAGE, errorName(error));
        return;
      }
      recordSpanError(span, error);
    });
  }

  /** The recording span of an open run, marked as alive. */
  private liveSpan(runId: unknown): Span | undefined {
    if (typeof runId !== 'string') return undefined;
    const record = this.runs.get(runId);
    if (!record?.span?.isRecording()) return undefined;
    touch(record, this.runs.now());
    return record.span;
  }

  private markAgent(runId: string): void {
    const record = this.runs.get(runId);
    if (!record?.span || record.type !== 'chain') return;
    record.type = 'agent';
    record.span.setAttributes({
      [TYPE]: 'agent',
      [GEN_AI_ATTRIBUTES.OPERATION_NAME]: GEN_AI_OPERATIONS.INVOKE_AGENT,
      [GEN_AI_ATTRIBUTES.AGENT_NAME]: record.name,
    });
  }

  /** Unlinks a run that left the registry from its parent: a finished run keeps nothing alive. */
  private detach(record: RunRecord): void {
    record.parent?.children?.delete(record);
    record.parent = undefined;
  }

  /**
   * Ends the runs below one that ended and that LangChain never ended (a stream read inside the
   * run and left early reports nothing), each at its own last sign of life.
   */
  private endOpenDescendants(record: RunRecord): void {
    if (!record.children) return;
    const stack = [...record.children];
    record.children = undefined;
    for (let child = stack.pop(); child !== undefined; child = stack.pop()) {
      // Only a run still registered is open; taking it out means nobody ends it again.
      if (this.runs.take(child.runId) !== child) continue;
      child.parent = undefined;
      if (child.children) {
        stack.push(...child.children);
        child.children = undefined;
      }
      this.endItself(child, END_REASONS.PARENT_ENDED);
    }
  }

  /**
   * Ends a run that LangChain never ended (it reports nothing when a consumer stops reading a
   * stream or aborts it), at the run's last sign of life.
   */
  private evict(record: RunRecord, reason: EvictionReason): void {
    this.detach(record);
    this.endItself(record, reason);
  }

  /** Ends the span of a run the handler ends itself, marked with why, at its last sign of life. */
  private endItself(record: RunRecord, reason: EndReason): void {
    const span = record.span;
    if (!span) return;
    safely('langchain run end', () => {
      diag.debug(`threadline: ending a LangChain run that did not end (${reason})`);
      span.setAttribute(THREADLINE_SPAN_ATTRIBUTES.END_REASON, reason);
      span.end(record.lastActivity);
    });
  }
}
