import { CLIENT_NODE, type ResourceNode } from '../instrumented-methods';
import type { Operation } from '../operations/operation';

/** A method of an SDK resource class that makes a span, on the class's prototype. */
export interface SdkMethod {
  readonly owner: object;
  readonly name: string;
  readonly operation: Operation;
}

/** The `OpenAI` class of an `openai` module: CJS exports, or an ESM namespace. */
function clientClass(moduleExports: unknown): object | undefined {
  if (typeof moduleExports !== 'object' && typeof moduleExports !== 'function') return undefined;
  if (moduleExports === null) return undefined;
  const { OpenAI, default: fallback } = moduleExports as { OpenAI?: unknown; default?: unknown };
  const found = typeof OpenAI === 'function' ? OpenAI : fallback;
  return typeof found === 'function' ? found : undefined;
}

function collect(holder: object, node: ResourceNode, out: SdkMethod[]): void {
  const prototype = (holder as { prototype?: unknown }).prototype;
  for (const [name, operation] of node.methods ?? []) {
    if (typeof prototype === 'object' && prototype !== null && Object.hasOwn(prototype, name)) {
      out.push({ owner: prototype, name, operation });
    }
  }
  for (const [property, child] of node.resources ?? []) {
    // The SDK hangs each resource class on its parent under the property's name, capitalized:
    // `client.chat.completions` is an instance of `OpenAI.Chat.Completions` (openai 4 to 7).
    const resourceClass = (holder as Record<string, unknown>)[
      property[0]!.toUpperCase() + property.slice(1)
    ];
    if (typeof resourceClass === 'function') collect(resourceClass, child, out);
  }
}

/**
 * The prototype methods of an `openai` module that make spans: the ones `observeOpenAI`
 * instruments (`CLIENT_NODE`), found from the module's `OpenAI` class. Patching the prototypes
 * covers every client of that module, made before or after, `AzureOpenAI` included.
 */
export function sdkMethods(moduleExports: unknown): SdkMethod[] {
  const client = clientClass(moduleExports);
  const methods: SdkMethod[] = [];
  if (client) collect(client, CLIENT_NODE, methods);
  return methods;
}
