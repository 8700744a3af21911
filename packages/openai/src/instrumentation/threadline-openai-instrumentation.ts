import { type TracerProvider, trace } from '@opentelemetry/api';
import {
  InstrumentationBase,
  InstrumentationNodeModuleDefinition,
  InstrumentationNodeModuleFile,
} from '@opentelemetry/instrumentation';
import { observedCall } from '../observed-call';
import { createState, type ObservedState } from '../observed-state';
import { PACKAGE_NAME, PACKAGE_VERSION } from '../version';
import { warnFailed } from '../warn-failed';
import type { ThreadlineOpenAIInstrumentationConfig } from './instrumentation-config';
import { MethodPatches, type Patcher } from './method-patches';
import { type SdkMethod, sdkMethods } from './sdk-methods';

/** The majors whose resource classes and `APIPromise` the instrumented methods know. */
const SUPPORTED_VERSIONS = ['>=5 <8'];

/**
 * The SDK's files that define `OpenAI` (in every supported major). The ESM loader hook hands
 * over the package itself only for an import by its name (`import 'openai'`); an import of
 * `openai/client`, by another name (an npm alias) or by path reaches it as one of these files.
 */
const CLIENT_FILES = ['openai/client.mjs', 'openai/client.js'];

/**
 * An OpenTelemetry instrumentation of the OpenAI SDK (openai 5.x to 7.x): once registered,
 * every client of the `openai` module makes the same spans as a client wrapped by
 * `observeOpenAI` (docs/contract.md#adapter-spans), with no wrapper in the application's code.
 * It patches the SDK's resource classes (`chat.completions.create` and `parse`,
 * `responses.create`, `embeddings.create`, the legacy `completions.create`) when the module is
 * loaded: through `require` (CommonJS), or through `import` when the
 * `@opentelemetry/instrumentation/hook.mjs` loader is registered (ESM). A client that is also
 * wrapped by `observeOpenAI` makes one span per call, with the wrapper's options. `disable()`
 * puts the SDK's methods back.
 *
 * @example
 * registerThreadline({ serviceName: 'support-bot' });
 * registerInstrumentations({ instrumentations: [new ThreadlineOpenAIInstrumentation()] });
 * const { default: OpenAI } = await import('openai');
 */
export class ThreadlineOpenAIInstrumentation extends InstrumentationBase<ThreadlineOpenAIInstrumentationConfig> {
  private readonly patches = new MethodPatches();
  /** Every instrumented method seen: a module loaded through `require` and `import` is two. */
  private readonly methods: SdkMethod[] = [];
  /** What each client's calls share, worked out at its first call. */
  private clients = new WeakMap<object, ObservedState>();
  /** Undefined for the global provider, which is then looked up per call, as wrapped clients do. */
  private tracerProvider: TracerProvider | undefined;

  constructor(config: ThreadlineOpenAIInstrumentationConfig = {}) {
    // Enabled only once this class's fields exist: enabling patches a module already imported.
    super(PACKAGE_NAME, PACKAGE_VERSION, { ...config, enabled: false });
    this.setConfig(config);
    if (this._config.enabled) this.enable();
  }

  protected override init(): InstrumentationNodeModuleDefinition {
    const patch = (moduleExports: unknown) => {
      this.patchModule(moduleExports);
      return moduleExports;
    };
    // `disable()` unpatches only the module it saw last; this restores every one.
    const unpatch = () => this.patches.restoreAll();
    return new InstrumentationNodeModuleDefinition(
      'openai',
      SUPPORTED_VERSIONS,
      patch,
      unpatch,
      CLIENT_FILES.map(
        (file) => new InstrumentationNodeModuleFile(file, SUPPORTED_VERSIONS, patch, unpatch),
      ),
    );
  }

  override setConfig(config: ThreadlineOpenAIInstrumentationConfig = {}): void {
    super.setConfig(config);
    this.clients = new WeakMap();
  }

  override setTracerProvider(tracerProvider: TracerProvider): void {
    super.setTracerProvider(tracerProvider);
    // registerInstrumentations passes the global provider when given none.
    this.tracerProvider = tracerProvider === trace.getTracerProvider() ? undefined : tracerProvider;
    this.clients = new WeakMap();
  }

  private patchModule(moduleExports: unknown): void {
    try {
      for (const method of sdkMethods(moduleExports)) {
        if (!this.methods.some((m) => m.owner === method.owner && m.name === method.name)) {
          this.methods.push(method);
        }
      }
      // Every module seen, not only this one: enabling again re-runs the patch of the last.
      for (const method of this.methods) this.patches.apply(method, this.patcher);
      if (this.methods.length === 0) {
        this._diag.warn('no OpenAI client class found in the openai module; nothing patched');
      }
    } catch (error) {
      warnFailed('patch the openai module', error);
    }
  }

  /** The state of the client a resource belongs to, or undefined to make no span. */
  private stateOf(resource: unknown): ObservedState | undefined {
    const client = (resource as { _client?: unknown } | null)?._client;
    if (typeof client !== 'object' || client === null) return undefined;
    let state = this.clients.get(client);
    if (!state) {
      const { captureContent } = this._config;
      state = createState(client, { captureContent, tracerProvider: this.tracerProvider });
      this.clients.set(client, state);
    }
    return state;
  }

  private readonly patcher: Patcher = (original, { operation }, patch) => {
    const stateOf = (resource: unknown) => this.stateOf(resource);
    return function instrumented(this: unknown, ...args: unknown[]): unknown {
      if (!patch.active || typeof this !== 'object' || this === null) {
        return original.apply(this, args);
      }
      let state: ObservedState | undefined;
      try {
        state = stateOf(this);
      } catch (error) {
        warnFailed('observe an OpenAI client', error);
      }
      return state
        ? observedCall(state, this, original, operation, args)
        : original.apply(this, args);
    };
  };
}
