import { CLIENT_NODE, type ResourceNode } from './instrumented-methods';
import type { ObserveOpenAIOptions } from './observe-options';
import { observedCall } from './observed-call';
import { createState, type ObservedState } from './observed-state';
import type { Operation } from './operations/operation';

type AnyFunction = (this: unknown, ...args: unknown[]) => unknown;

/** Proxy of an observed client → its state, to observe it again without stacking proxies. */
const states = new WeakMap<object, ObservedState>();

/** Bound pass-through methods per bare object, shared by every proxy over it. */
const boundMethods = new WeakMap<object, Map<PropertyKey, { raw: unknown; bound: unknown }>>();

/**
 * Any property that makes no span: read from the bare object, and a method bound to it, so it
 * runs exactly as on the bare client (the SDK's `#private` fields need the real `this`).
 */
function passThrough(target: object, prop: PropertyKey): unknown {
  const value = Reflect.get(target, prop, target);
  if (typeof value !== 'function' || prop === 'constructor') return value;
  let methods = boundMethods.get(target);
  const cached = methods?.get(prop);
  if (cached && cached.raw === value) return cached.bound;
  const bound = value.bind(target);
  if (!methods) {
    methods = new Map();
    boundMethods.set(target, methods);
  }
  methods.set(prop, { raw: value, bound });
  return bound;
}

/** `method` of `target` that runs inside a span of `operation`. */
function instrumentMethod(
  state: ObservedState,
  target: object,
  method: AnyFunction,
  operation: Operation,
): AnyFunction {
  return (...args: unknown[]): unknown => observedCall(state, target, method, operation, args);
}

/** Proxy handler of the client or of one of its instrumented resources. */
class ObservedHandler implements ProxyHandler<object> {
  private resources: Map<string, { raw: object; proxy: object }> | undefined;
  private methods: Map<string, { raw: unknown; observed: AnyFunction }> | undefined;

  constructor(
    private readonly state: ObservedState,
    private readonly node: ResourceNode,
  ) {}

  get(target: object, prop: PropertyKey): unknown {
    if (typeof prop === 'string') {
      const operation = this.node.methods?.get(prop);
      if (operation) return this.method(target, prop, operation);
      const resource = this.node.resources?.get(prop);
      if (resource) return this.resource(target, prop, resource);
      if (prop === 'withOptions' && this.node === CLIENT_NODE) return this.withOptions(target);
    }
    return passThrough(target, prop);
  }

  private method(target: object, prop: string, operation: Operation): unknown {
    const raw = Reflect.get(target, prop, target);
    if (typeof raw !== 'function') return raw;
    const cached = this.methods?.get(prop);
    if (cached && cached.raw === raw) return cached.observed;
    const observed = instrumentMethod(this.state, target, raw as AnyFunction, operation);
    this.methods ??= new Map();
    this.methods.set(prop, { raw, observed });
    return observed;
  }

  private resource(target: object, prop: string, node: ResourceNode): unknown {
    const raw = Reflect.get(target, prop, target);
    if (typeof raw !== 'object' || raw === null) return raw;
    const cached = this.resources?.get(prop);
    if (cached && cached.raw === raw) return cached.proxy;
    const proxy = new Proxy(raw, new ObservedHandler(this.state, node));
    this.resources ??= new Map();
    this.resources.set(prop, { raw, proxy });
    return proxy;
  }

  // A client derived with other request options keeps being observed, with the same options.
  private withOptions(target: object): unknown {
    const raw = Reflect.get(target, 'withOptions', target);
    if (typeof raw !== 'function') return raw;
    const options = this.state.options;
    return (...args: unknown[]): unknown => {
      const derived = raw.apply(target, args);
      return typeof derived === 'object' && derived !== null
        ? observeClient(derived, options)
        : derived;
    };
  }
}

/** The state of `client` if it is an observed client's proxy. */
export function observedStateOf(client: object): ObservedState | undefined {
  return states.get(client);
}

/** A proxy of the bare `client` whose model calls make spans with `options`. */
export function observeClient<T extends object>(client: T, options: ObserveOpenAIOptions): T {
  const state = createState(client, options);
  const proxy = new Proxy(client, new ObservedHandler(state, CLIENT_NODE)) as T;
  states.set(proxy, state);
  return proxy;
}
