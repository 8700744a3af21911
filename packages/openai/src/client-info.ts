import type { Attributes } from '@opentelemetry/api';
import { GEN_AI_ATTRIBUTES } from '@threadline/core/adapter';
import { OPENAI_SPAN_ATTRIBUTES } from './span-keys';

const infos = new WeakMap<object, Attributes>();

/** The GenAI provider name: Azure's client is a subclass with its own convention value. */
function providerName(client: object): string {
  for (let proto = Object.getPrototypeOf(client); proto; proto = Object.getPrototypeOf(proto)) {
    if (proto.constructor?.name === 'AzureOpenAI') return 'azure.ai.openai';
  }
  return 'openai';
}

/**
 * Attributes every call of `client` shares: provider name, server address and port. Worked out
 * once per client (a client's `baseURL` does not change; `withOptions` makes a new client).
 */
export function clientAttributes(client: object): Attributes {
  let info = infos.get(client);
  if (info) return info;
  info = { [GEN_AI_ATTRIBUTES.PROVIDER_NAME]: providerName(client) };
  try {
    const baseURL = (client as { baseURL?: unknown }).baseURL;
    if (typeof baseURL === 'string') {
      const url = new URL(baseURL);
      info[OPENAI_SPAN_ATTRIBUTES.SERVER_ADDRESS] = url.hostname;
      const port = url.port ? Number(url.port) : url.protocol === 'http:' ? 80 : 443;
      info[OPENAI_SPAN_ATTRIBUTES.SERVER_PORT] = port;
    }
  } catch {
    // A baseURL that does not parse still leaves the provider name.
  }
  infos.set(client, Object.freeze(info));
  return info;
}
